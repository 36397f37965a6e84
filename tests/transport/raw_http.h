// HTTP over raw loopback sockets, for tests that must see or send exact bytes: RawHttpPeer is a scripted
// server that records each request as it came over the wire and can close a connection without
// announcing it; rawExchange is a client that sends bytes as given. Header-only (test binaries glob only
// *_test.cpp).
#pragma once

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace cpemu::transport::test {

// Content-Length of a raw header block (case-insensitive), 0 when absent.
inline std::size_t rawContentLength(const std::string& head) {
  std::string lowered = head;
  for (auto& c : lowered) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const auto at = lowered.find("\r\ncontent-length:");
  if (at == std::string::npos) return 0;
  return static_cast<std::size_t>(std::stoul(head.substr(at + 17)));
}

inline int listenOnLoopback(std::uint16_t* port) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) throw std::runtime_error("socket() failed");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(fd, 8) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    ::close(fd);
    throw std::runtime_error("cannot listen on 127.0.0.1");
  }
  *port = ntohs(addr.sin_port);
  return fd;
}

class RawHttpPeer {
 public:
  struct Received {
    std::string head;  // request line and header fields exactly as sent, up to the blank line
    std::string body;
    int connection = 0;  // 1 for the first connection accepted, 2 for the next...
  };
  struct Reply {
    std::string bytes;        // the whole response as it goes on the wire
    bool closeAfter = false;  // close the connection after it, without a Connection: close header
  };
  using Script = std::function<Reply(const Received&)>;

  // Answers with 200 and an empty body, keeping the connection.
  static Reply ok() { return {"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", false}; }

  explicit RawHttpPeer(Script script) : script_(std::move(script)) {
    listenFd_ = listenOnLoopback(&port_);
    if (::pipe2(wake_, O_CLOEXEC) != 0) throw std::runtime_error("pipe2() failed");
    thread_ = std::thread([this] { run(); });
  }

  ~RawHttpPeer() {
    char byte = 0;
    (void)!::write(wake_[1], &byte, 1);
    thread_.join();
    ::close(listenFd_);
    ::close(wake_[0]);
    ::close(wake_[1]);
  }

  std::uint16_t port() const { return port_; }
  std::string url(const std::string& path = "/acs") const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }

  std::vector<Received> received() const {
    std::lock_guard lock(mutex_);
    return received_;
  }

  // Blocks until the peer has closed its side of connection `connection` (1-based).
  void waitUntilClosed(int connection) {
    std::unique_lock lock(mutex_);
    closed_.wait(lock, [&] { return closedConnections_ >= connection; });
  }

 private:
  // Waits for `fd` to be readable; false when the peer is being destroyed.
  bool waitReadable(int fd) {
    pollfd fds[2] = {{fd, POLLIN, 0}, {wake_[0], POLLIN, 0}};
    while (::poll(fds, 2, -1) < 0) {
    }
    return !(fds[1].revents & POLLIN);
  }

  void run() {
    int connection = 0;
    while (waitReadable(listenFd_)) {
      const int fd = ::accept4(listenFd_, nullptr, nullptr, SOCK_CLOEXEC);
      if (fd < 0) continue;
      ++connection;
      const bool stopping = !serve(fd, connection);
      ::close(fd);
      {
        std::lock_guard lock(mutex_);
        closedConnections_ = connection;
      }
      closed_.notify_all();
      if (stopping) return;
    }
  }

  // Serves requests on one connection until the client closes it or a reply says to close; false when
  // the peer is being destroyed.
  bool serve(int fd, int connection) {
    std::string buffer;
    while (true) {
      auto headEnd = buffer.find("\r\n\r\n");
      while (headEnd == std::string::npos) {
        if (!readMore(fd, buffer)) return !stopping_;
        headEnd = buffer.find("\r\n\r\n");
      }
      Received request;
      request.head = buffer.substr(0, headEnd + 2);
      request.connection = connection;
      const std::size_t length = rawContentLength(request.head);
      while (buffer.size() < headEnd + 4 + length) {
        if (!readMore(fd, buffer)) return !stopping_;
      }
      request.body = buffer.substr(headEnd + 4, length);
      buffer.erase(0, headEnd + 4 + length);
      {
        std::lock_guard lock(mutex_);
        received_.push_back(request);
      }
      const Reply reply = script_(request);
      for (std::size_t sent = 0; sent < reply.bytes.size();) {
        const ssize_t n = ::send(fd, reply.bytes.data() + sent, reply.bytes.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) return true;
        sent += static_cast<std::size_t>(n);
      }
      if (reply.closeAfter) return true;
    }
  }

  bool readMore(int fd, std::string& buffer) {
    if (!waitReadable(fd)) {
      stopping_ = true;
      return false;
    }
    char chunk[4096];
    const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
    if (n <= 0) return false;
    buffer.append(chunk, static_cast<std::size_t>(n));
    return true;
  }

  Script script_;
  int listenFd_ = -1;
  int wake_[2] = {-1, -1};
  std::uint16_t port_ = 0;
  bool stopping_ = false;
  std::thread thread_;
  mutable std::mutex mutex_;
  std::condition_variable closed_;
  std::vector<Received> received_;
  int closedConnections_ = 0;
};

// A client connection that sends bytes exactly as given.
class RawClient {
 public:
  explicit RawClient(std::uint16_t port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(port);
    if (fd_ < 0 || ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
      throw std::runtime_error("cannot connect to 127.0.0.1:" + std::to_string(port));
    }
    const timeval limit{30, 0};  // a broken server fails the test instead of hanging it
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
  }
  ~RawClient() { ::close(fd_); }
  RawClient(const RawClient&) = delete;
  RawClient& operator=(const RawClient&) = delete;

  std::uint16_t localPort() const {
    sockaddr_in addr{};
    socklen_t len = sizeof addr;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    return ntohs(addr.sin_port);
  }

  // Sends `request` and returns the response (head and Content-Length body), "" if the server closed.
  std::string exchange(const std::string& request) {
    for (std::size_t sent = 0; sent < request.size();) {
      const ssize_t n = ::send(fd_, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) return "";
      sent += static_cast<std::size_t>(n);
    }
    auto headEnd = buffer_.find("\r\n\r\n");
    while (headEnd == std::string::npos) {
      if (!readMore()) return "";
      headEnd = buffer_.find("\r\n\r\n");
    }
    const std::size_t total = headEnd + 4 + rawContentLength(buffer_.substr(0, headEnd + 2));
    while (buffer_.size() < total)
      if (!readMore()) return "";
    std::string response = buffer_.substr(0, total);
    buffer_.erase(0, total);
    return response;
  }

 private:
  bool readMore() {
    char chunk[4096];
    const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n <= 0) return false;
    buffer_.append(chunk, static_cast<std::size_t>(n));
    return true;
  }

  int fd_ = -1;
  std::string buffer_;
};

}  // namespace cpemu::transport::test
