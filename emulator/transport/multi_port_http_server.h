// A plain-HTTP/1.1 server listening on many ports at once: the Connection Request server, which for a
// fleet with a port range has one port per device (docs/fleet.md). cpp-httplib binds one socket per
// httplib::Server and gives each its own accept thread; here one thread accepts on every listening socket
// (epoll) and hands the connections to one pool of workers shared by all ports, so N ports cost N sockets,
// not N threads. cpp-httplib still parses the requests and writes the responses. The handler learns the
// port a request came in on from HttpRequest::localPort. TLS is HttpServer's (one port).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "transport/http_server.h"

namespace cpemu::transport {

class MultiPortHttpServer {
 public:
  using Handler = HttpServer::Handler;

  MultiPortHttpServer();
  // workerThreads: connections served at once, over all ports (an open connection holds a worker while
  // it lives, as in HttpServer); keepAliveTimeout: how long an idle kept-alive connection stays open.
  explicit MultiPortHttpServer(HttpServerOptions options);
  ~MultiPortHttpServer();  // stops
  MultiPortHttpServer(const MultiPortHttpServer&) = delete;
  MultiPortHttpServer& operator=(const MultiPortHttpServer&) = delete;

  // Binds every port in `ports` on host (a port 0 binds any free port) and serves them in the background;
  // returns the bound ports, in the order given. Every request goes to `handler`, which is called
  // concurrently from the workers; an exception from it becomes a 500. Throws std::runtime_error naming
  // the first port that cannot be bound ("cannot listen on 127.0.0.1:7001: Address already in use"),
  // and then no port stays bound; std::logic_error when running.
  std::vector<std::uint16_t> start(const std::string& host, const std::vector<std::uint16_t>& ports,
                                   Handler handler);
  // Stops accepting, closes idle kept-alive connections at once and joins every thread, once the requests
  // in progress are answered. Idempotent.
  void stop();
  bool running() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cpemu::transport
