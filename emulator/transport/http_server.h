// A small HTTP/1.1 server on one port, plain or TLS (the test ACS). Hides cpp-httplib. The Connection
// Request server listens on many ports at once with MultiPortHttpServer (multi_port_http_server.h).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "transport/http_session.h"

namespace cpemu::transport {

// A header sent with an empty value ("SOAPAction:") does not appear in `headers`: cpp-httplib 0.11 drops
// such fields while parsing.
struct HttpRequest {
  std::string method;  // "POST"
  std::string path;    // "/acs" (no query), as sent (not percent-decoded)
  std::string query;   // raw query string without '?'
  std::vector<HttpHeader> headers;
  std::string body;
  std::string remoteAddress;
  std::uint16_t remotePort = 0;
  std::uint16_t localPort = 0;  // the server's port the request came in on (MultiPortHttpServer serves many)

  std::string header(std::string_view name) const;  // case-insensitive, "" when absent
};

struct ServerTlsOptions {
  std::string certFile;      // PEM server certificate (chain)
  std::string keyFile;       // PEM private key
  std::string clientCaFile;  // when set, clients must present a certificate signed by this CA
};

// How many connections are served at once and how long an idle kept-alive connection stays open.
struct HttpServerOptions {
  std::size_t workerThreads = 8;  // each open connection holds one while it lives (cpp-httplib's model)
  std::chrono::seconds keepAliveTimeout{5};  // idle time before a kept-alive connection is closed
  // Requests answered on one connection before it is closed (cpp-httplib's default, 5, is fewer than one
  // CWMP session needs; TR-069 A6 §3.4.2 wants one connection per session). 1: every answer says
  // "Connection: close", so a client's idle kept-alive connection never holds a worker.
  std::size_t requestsPerConnection = 100000;
};

class HttpServer {
 public:
  using Handler = std::function<HttpResponse(const HttpRequest&)>;

  HttpServer();
  explicit HttpServer(HttpServerOptions options);
  ~HttpServer();  // stops
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds host:port (port 0 = any free port), starts serving on background threads, and returns the bound
  // port once the server accepts connections. Every request (any method, any path) goes to `handler`,
  // which may be called concurrently; an exception from it becomes a 500. Responses without
  // Content-Length get one; kept-alive connections stay open between requests.
  // Throws std::runtime_error when it cannot bind or load the TLS files, std::logic_error when running.
  std::uint16_t start(const std::string& host, std::uint16_t port, Handler handler,
                      std::optional<ServerTlsOptions> tls = std::nullopt);
  // Stops accepting and joins every thread; idempotent. Returns once requests in progress are answered;
  // an idle connection a client keeps open can hold it up to keepAliveTimeout (cpp-httplib 0.11 does not
  // close them early).
  void stop();
  bool running() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cpemu::transport
