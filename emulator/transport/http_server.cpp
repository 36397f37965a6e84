// HttpServer over cpp-httplib's Server/SSLServer (one of the two files that include it, with
// http_session.cpp).
#include "transport/http_server.h"

#include <httplib.h>
#include <openssl/err.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <thread>

#include "transport/http_headers.h"
#include "transport/sigpipe_guard.h"

#ifndef CPPHTTPLIB_OPENSSL_SUPPORT
#error "compile with the cpp-httplib pkg-config flags (see emulator/CMakeLists.txt)"
#endif

namespace cpemu::transport {
namespace {

// A kept-alive connection serves this many requests before cpp-httplib closes it (its default is 5, fewer
// than one CWMP session needs; TR-069 A6 §3.4.2 wants one connection per session).
constexpr std::size_t kRequestsPerConnection = 100000;

// The listen backlog. cpp-httplib 0.11 listens with CPPHTTPLIB_LISTEN_BACKLOG, 5, compiled into Debian's
// libcpp-httplib.so (so redefining the macro here changes nothing). With 5, a burst of connections (a fleet
// booting, a few dozen sessions opening at once) overflows the accept queue while the accept thread waits
// for a core, and each dropped SYN costs the client a 1 s retransmission. Linux clamps this to
// net.core.somaxconn.
constexpr int kListenBacklog = 4096;

// cpp-httplib keeps the listening socket in a protected member; this reads it (never instantiated).
struct ListeningSocket : httplib::Server {
  static socket_t of(httplib::Server& server) { return (server.*&ListeningSocket::svr_sock_).load(); }
};

// cpp-httplib stores the peer's and its own address among the request headers under these names.
bool isCppHttplibPseudoHeader(const std::string& name) {
  return name == "REMOTE_ADDR" || name == "REMOTE_PORT" || name == "LOCAL_ADDR" || name == "LOCAL_PORT";
}

HttpRequest toRequest(const httplib::Request& req) {
  HttpRequest request;
  request.method = req.method;
  const auto query = req.target.find('?');
  request.path = req.target.substr(0, query);
  if (query != std::string::npos) request.query = req.target.substr(query + 1);
  for (const auto& [name, value] : req.headers)
    if (!isCppHttplibPseudoHeader(name)) request.headers.push_back({name, value});
  request.body = req.body;
  request.remoteAddress = req.remote_addr;
  request.remotePort = static_cast<std::uint16_t>(req.remote_port);
  return request;
}

void fillResponse(HttpResponse&& response, httplib::Response& res) {
  res.status = response.status > 0 ? response.status : 500;
  for (auto& header : response.headers) {
    if (equalsIgnoreCase(header.name, "Content-Length")) continue;  // cpp-httplib sets it from the body
    res.set_header(header.name, header.value);  // drops values with CR/LF (no header injection)
  }
  res.body = std::move(response.body);
}

std::string openSslReason() {
  std::string reason;
  while (unsigned long code = ERR_get_error()) {
    const char* text = ERR_reason_error_string(code);
    if (reason.empty() && text) reason = text;
  }
  return reason.empty() ? "" : ": " + reason;
}

}  // namespace

struct HttpServer::Impl {
  HttpServerOptions options;
  std::unique_ptr<httplib::Server> server;
  std::thread thread;
  std::atomic<bool> listenReturned{false};
};

HttpServer::HttpServer() : HttpServer(HttpServerOptions{}) {}

HttpServer::HttpServer(HttpServerOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->options = options;
}

HttpServer::~HttpServer() {
  stop();
}

std::uint16_t HttpServer::start(const std::string& host, std::uint16_t port, Handler handler,
                                std::optional<ServerTlsOptions> tls) {
  if (running()) throw std::logic_error("HttpServer::start: already running");
  stop();  // joins what a server that ended by itself left behind

  std::unique_ptr<httplib::Server> server;
  if (tls) {
    ERR_clear_error();
    auto ssl =
        std::make_unique<httplib::SSLServer>(tls->certFile.c_str(), tls->keyFile.c_str(),
                                             tls->clientCaFile.empty() ? nullptr : tls->clientCaFile.c_str());
    if (!ssl->is_valid()) {
      throw std::runtime_error(
          "cannot serve TLS on " + host + ":" + std::to_string(port) + ": cannot load the certificate '" +
          tls->certFile + "' with its key '" + tls->keyFile + "'" +
          (tls->clientCaFile.empty() ? "" : " or the client CA '" + tls->clientCaFile + "'") +
          openSslReason());
    }
    server = std::move(ssl);
  } else {
    server = std::make_unique<httplib::Server>();
  }

  const std::size_t threads = impl_->options.workerThreads > 0 ? impl_->options.workerThreads : 1;
  server->new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  // cpp-httplib's default socket options add SO_REUSEPORT, which lets a second server bind a port that is
  // in use (the kernel then splits connections between them); keep only SO_REUSEADDR for quick restarts.
  server->set_socket_options([](socket_t sock) {
    const int on = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
  });
  // Headers and body go out in separate writes: without this, Nagle and delayed ACKs add ~40 ms a request.
  server->set_tcp_nodelay(true);
  server->set_keep_alive_max_count(kRequestsPerConnection);
  server->set_keep_alive_timeout(static_cast<time_t>(impl_->options.keepAliveTimeout.count()));
  server->set_exception_handler(
      [](const httplib::Request&, httplib::Response& res, const std::exception_ptr&) {
        res.status = 500;
        res.headers.clear();
        res.body.clear();
      });
  auto route = [handler = std::move(handler)](const httplib::Request& req, httplib::Response& res) {
    fillResponse(handler(toRequest(req)), res);
  };
  const std::string anyPath = R"([\s\S]*)";
  server->Get(anyPath, route);  // and HEAD
  server->Post(anyPath, route);
  server->Put(anyPath, route);
  server->Patch(anyPath, route);
  server->Delete(anyPath, route);
  server->Options(anyPath, route);

  errno = 0;
  int bound = -1;
  if (port == 0) {
    bound = server->bind_to_any_port(host);
  } else if (server->bind_to_port(host, port)) {
    bound = port;
  }
  if (bound <= 0) {
    const int error = errno;
    throw std::runtime_error("cannot listen on " + host + ":" + std::to_string(port) +
                             (error ? std::string(": ") + std::strerror(error) : std::string()));
  }

  // listen() again on a listening socket only changes its backlog (Linux).
  ::listen(ListeningSocket::of(*server), kListenBacklog);

  impl_->listenReturned = false;
  impl_->server = std::move(server);
  impl_->thread = std::thread([impl = impl_.get()] {
    blockSigpipeInThisThread();  // inherited by cpp-httplib's worker threads, which write to clients
    impl->server->listen_after_bind();
    impl->listenReturned = true;
  });
  // The socket already listens; waiting until cpp-httplib runs its accept loop makes stop() reliable
  // (cpp-httplib's stop() does nothing before then).
  while (!impl_->server->is_running() && !impl_->listenReturned) std::this_thread::yield();
  if (impl_->listenReturned) {
    stop();
    throw std::runtime_error("cannot serve on " + host + ":" + std::to_string(bound));
  }
  return static_cast<std::uint16_t>(bound);
}

void HttpServer::stop() {
  if (!impl_->thread.joinable()) return;
  impl_->server->stop();
  impl_->thread.join();
  impl_->server.reset();
}

bool HttpServer::running() const {
  return impl_->server && impl_->server->is_running();
}

}  // namespace cpemu::transport
