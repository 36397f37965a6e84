// HttpServer over cpp-httplib's Server/SSLServer (cpp-httplib is included only in transport/).
#include "transport/http_server.h"

#include <openssl/err.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <thread>

#include "transport/httplib_adapter.h"
#include "transport/sigpipe_guard.h"

namespace cpemu::transport {
namespace {

// cpp-httplib keeps the listening socket in a protected member; this reads it (never instantiated).
struct ListeningSocket : httplib::Server {
  static socket_t of(httplib::Server& server) { return (server.*&ListeningSocket::svr_sock_).load(); }
};

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
  serveWithHandler(*server, impl_->options, std::move(handler));

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
