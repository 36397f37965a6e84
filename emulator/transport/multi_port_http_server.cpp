// MultiPortHttpServer: its own listening sockets and accept loop, cpp-httplib's request handling.
// httplib::Server::process_request (protected) reads one request from any httplib::Stream, routes it and
// writes the answer; ConnectionStream is that Stream over a socket accepted here.
#include "transport/multi_port_http_server.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <stdexcept>
#include <thread>

#include "transport/httplib_adapter.h"

namespace cpemu::transport {
namespace {

// cpp-httplib's defaults for a request in progress (CPPHTTPLIB_READ/WRITE_TIMEOUT_SECOND).
constexpr std::chrono::milliseconds kReadTimeout{5000};
constexpr std::chrono::milliseconds kWriteTimeout{5000};

// cpp-httplib's request parsing, routing and response writing for connections accepted elsewhere: it never
// binds or listens itself. process_request only reads the server's settings, so workers share one.
class RequestProcessor : public httplib::Server {
 public:
  // Answers one request; false when the connection is to be closed (error, end of input, or the client
  // or `lastOnConnection` said so).
  bool answerOne(httplib::Stream& stream, bool lastOnConnection) {
    bool connectionClosed = false;
    return process_request(stream, lastOnConnection, connectionClosed, nullptr) && !connectionClosed;
  }
};

void addressOf(const sockaddr_storage& address, std::string& ip, int& port) {
  char text[INET6_ADDRSTRLEN] = "";
  if (address.ss_family == AF_INET) {
    const auto& v4 = reinterpret_cast<const sockaddr_in&>(address);
    inet_ntop(AF_INET, &v4.sin_addr, text, sizeof text);
    port = ntohs(v4.sin_port);
  } else if (address.ss_family == AF_INET6) {
    const auto& v6 = reinterpret_cast<const sockaddr_in6&>(address);
    inet_ntop(AF_INET6, &v6.sin6_addr, text, sizeof text);
    port = ntohs(v6.sin6_port);
  }
  ip = text;
}

// One accepted connection (non-blocking) as a cpp-httplib Stream, which it owns and closes. Reads are
// buffered: cpp-httplib reads request lines a byte at a time.
class ConnectionStream final : public httplib::Stream {
 public:
  ConnectionStream(int fd, int stopFd) : fd_(fd), stopFd_(stopFd) {}
  ~ConnectionStream() override {
    ::shutdown(fd_, SHUT_RDWR);
    ::close(fd_);
  }
  ConnectionStream(const ConnectionStream&) = delete;
  ConnectionStream& operator=(const ConnectionStream&) = delete;

  // Waits up to `keepAlive` for the client's next request. False on timeout, end of input, or when the
  // server stops (an idle connection does not hold stop() up).
  bool nextRequestArrives(std::chrono::milliseconds keepAlive) const {
    if (begin_ < end_) return true;
    std::array<pollfd, 2> wait{pollfd{fd_, POLLIN, 0}, pollfd{stopFd_, POLLIN, 0}};
    int ready = 0;
    do ready = ::poll(wait.data(), wait.size(), static_cast<int>(keepAlive.count()));
    while (ready < 0 && errno == EINTR);
    return ready > 0 && wait[1].revents == 0 && wait[0].revents != 0;
  }

  bool is_readable() const override { return begin_ < end_ || ready(POLLIN, kReadTimeout); }
  bool is_writable() const override { return ready(POLLOUT, kWriteTimeout); }

  ssize_t read(char* ptr, size_t size) override {
    if (begin_ == end_) {
      if (!ready(POLLIN, kReadTimeout)) return -1;
      ssize_t n = 0;
      do n = ::recv(fd_, buffer_.data(), buffer_.size(), 0);
      while (n < 0 && errno == EINTR);
      if (n <= 0) return n;  // 0: the client closed its side
      begin_ = 0;
      end_ = static_cast<std::size_t>(n);
    }
    const std::size_t n = std::min(size, end_ - begin_);
    std::memcpy(ptr, buffer_.data() + begin_, n);
    begin_ += n;
    return static_cast<ssize_t>(n);
  }

  ssize_t write(const char* ptr, size_t size) override {
    while (true) {
      // MSG_NOSIGNAL: a client that went away is an EPIPE, not a SIGPIPE for the process.
      const ssize_t n = ::send(fd_, ptr, size, MSG_NOSIGNAL);
      if (n >= 0) return n;
      if (errno == EINTR) continue;
      if ((errno == EAGAIN || errno == EWOULDBLOCK) && ready(POLLOUT, kWriteTimeout)) continue;
      return -1;
    }
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    if (::getpeername(fd_, reinterpret_cast<sockaddr*>(&address), &length) == 0) addressOf(address, ip, port);
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    if (::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length) == 0) addressOf(address, ip, port);
  }
  socket_t socket() const override { return fd_; }

 private:
  bool ready(short events, std::chrono::milliseconds timeout) const {
    pollfd p{fd_, events, 0};
    int n = 0;
    do n = ::poll(&p, 1, static_cast<int>(timeout.count()));
    while (n < 0 && errno == EINTR);
    return n > 0;
  }

  int fd_;
  int stopFd_;
  std::array<char, 4096> buffer_{};
  std::size_t begin_ = 0;
  std::size_t end_ = 0;
};

// A non-blocking listening socket on host:port (0: any free port). Throws naming host:port.
int listenOn(const std::string& host, std::uint16_t port) {
  const std::string service = std::to_string(port);
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* found = nullptr;
  if (int rc = ::getaddrinfo(host.empty() ? nullptr : host.c_str(), service.c_str(), &hints, &found); rc != 0)
    throw std::runtime_error("cannot listen on " + host + ":" + service + ": " + ::gai_strerror(rc));
  int fd = -1;
  int error = 0;
  for (addrinfo* a = found; a && fd < 0; a = a->ai_next) {
    fd = ::socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a->ai_protocol);
    if (fd < 0) {
      error = errno;
      continue;
    }
    // SO_REUSEADDR for quick restarts; not SO_REUSEPORT, which would let a second server share the port.
    const int on = 1;
    const int off = 0;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    if (a->ai_family == AF_INET6) ::setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &off, sizeof off);
    if (::bind(fd, a->ai_addr, a->ai_addrlen) != 0 || ::listen(fd, kListenBacklog) != 0) {
      error = errno;
      ::close(fd);
      fd = -1;
    }
  }
  ::freeaddrinfo(found);
  if (fd < 0)
    throw std::runtime_error("cannot listen on " + host + ":" + service + ": " + std::strerror(error));
  return fd;
}

std::uint16_t boundPort(int fd) {
  sockaddr_storage address{};
  socklen_t length = sizeof address;
  std::string ip;
  int port = 0;
  if (::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0) addressOf(address, ip, port);
  return static_cast<std::uint16_t>(port);
}

}  // namespace

struct MultiPortHttpServer::Impl {
  HttpServerOptions options;
  std::unique_ptr<RequestProcessor> processor;  // one per start(): it holds that start's handler
  std::vector<int> listening;
  int epoll = -1;
  int stopFd = -1;  // an eventfd, readable once stop() begins: wakes the acceptor and idle connections
  std::unique_ptr<httplib::ThreadPool> workers;
  std::thread acceptor;
  std::atomic<bool> accepting{false};

  void acceptLoop();
  void acceptAll(int listeningFd);
  void serve(int fd);
  void closeSockets();
};

void MultiPortHttpServer::Impl::acceptLoop() {
  std::array<epoll_event, 64> events{};
  while (true) {
    const int n = ::epoll_wait(epoll, events.data(), static_cast<int>(events.size()), -1);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) break;
    for (int i = 0; i < n; ++i) {
      if (events[i].data.fd == stopFd) {
        accepting = false;
        return;
      }
      acceptAll(events[i].data.fd);
    }
  }
  accepting = false;
}

void MultiPortHttpServer::Impl::acceptAll(int listeningFd) {
  while (true) {
    const int fd = ::accept4(listeningFd, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd >= 0) {
      // Headers and body go out in separate writes: without this, Nagle and delayed ACKs add ~40 ms.
      const int on = 1;
      ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
      workers->enqueue([this, fd] { serve(fd); });
      continue;
    }
    if (errno == EINTR || errno == ECONNABORTED) continue;
    if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
      // Out of descriptors: the connection waits in the backlog. Pause rather than spin on a listening
      // socket that stays readable (stop() still ends the pause at once).
      pollfd stop{stopFd, POLLIN, 0};
      ::poll(&stop, 1, 100);
    }
    return;  // EAGAIN: every pending connection is taken
  }
}

void MultiPortHttpServer::Impl::serve(int fd) {
  ConnectionStream stream(fd, stopFd);
  const auto keepAlive = std::chrono::duration_cast<std::chrono::milliseconds>(options.keepAliveTimeout);
  for (std::size_t left = std::max<std::size_t>(options.requestsPerConnection, 1);
       left > 0 && stream.nextRequestArrives(keepAlive); --left)
    if (!processor->answerOne(stream, left == 1)) break;
}

void MultiPortHttpServer::Impl::closeSockets() {
  for (int fd : listening) ::close(fd);
  listening.clear();
  if (epoll >= 0) ::close(epoll);
  if (stopFd >= 0) ::close(stopFd);
  epoll = stopFd = -1;
}

MultiPortHttpServer::MultiPortHttpServer() : MultiPortHttpServer(HttpServerOptions{}) {}

MultiPortHttpServer::MultiPortHttpServer(HttpServerOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->options = options;
}

MultiPortHttpServer::~MultiPortHttpServer() {
  stop();
}

std::vector<std::uint16_t> MultiPortHttpServer::start(const std::string& host,
                                                      const std::vector<std::uint16_t>& ports,
                                                      Handler handler) {
  if (running()) throw std::logic_error("MultiPortHttpServer::start: already running");
  stop();  // joins what a server whose accept loop ended by itself left behind
  Impl& impl = *impl_;
  std::vector<std::uint16_t> bound;
  try {
    impl.stopFd = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    impl.epoll = ::epoll_create1(EPOLL_CLOEXEC);
    if (impl.stopFd < 0 || impl.epoll < 0)
      throw std::runtime_error(std::string("cannot start an HTTP server: ") + std::strerror(errno));
    epoll_event stop{};
    stop.events = EPOLLIN;
    stop.data.fd = impl.stopFd;
    ::epoll_ctl(impl.epoll, EPOLL_CTL_ADD, impl.stopFd, &stop);
    impl.listening.reserve(ports.size());
    bound.reserve(ports.size());
    for (std::uint16_t port : ports) {
      const int fd = listenOn(host, port);
      impl.listening.push_back(fd);
      bound.push_back(boundPort(fd));
      epoll_event incoming{};
      incoming.events = EPOLLIN;
      incoming.data.fd = fd;
      if (::epoll_ctl(impl.epoll, EPOLL_CTL_ADD, fd, &incoming) != 0)
        throw std::runtime_error("cannot listen on " + host + ":" + std::to_string(port) + ": " +
                                 std::strerror(errno));
    }
  } catch (...) {
    impl.closeSockets();
    throw;
  }
  impl.processor = std::make_unique<RequestProcessor>();
  serveWithHandler(*impl.processor, impl.options, std::move(handler));
  impl.workers = std::make_unique<httplib::ThreadPool>(std::max<std::size_t>(impl.options.workerThreads, 1));
  impl.accepting = true;
  impl.acceptor = std::thread([&impl] { impl.acceptLoop(); });
  return bound;
}

void MultiPortHttpServer::stop() {
  Impl& impl = *impl_;
  if (!impl.acceptor.joinable()) return;
  const std::uint64_t one = 1;
  [[maybe_unused]] auto written = ::write(impl.stopFd, &one, sizeof one);
  impl.acceptor.join();
  impl.workers->shutdown();  // answers what is in progress; queued and idle connections see stopFd and close
  impl.workers.reset();
  impl.closeSockets();
  impl.processor.reset();
}

bool MultiPortHttpServer::running() const {
  return impl_->accepting;
}

}  // namespace cpemu::transport
