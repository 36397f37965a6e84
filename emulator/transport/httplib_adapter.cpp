#include "transport/httplib_adapter.h"

#include <algorithm>
#include <utility>

#include "transport/http_headers.h"

namespace cpemu::transport {
namespace {

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
  request.localPort = static_cast<std::uint16_t>(req.local_port);
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

}  // namespace

void serveWithHandler(httplib::Server& server, const HttpServerOptions& options,
                      HttpServer::Handler handler) {
  // Headers and body go out in separate writes: without this, Nagle and delayed ACKs add ~40 ms a request.
  server.set_tcp_nodelay(true);
  server.set_keep_alive_max_count(std::max<std::size_t>(options.requestsPerConnection, 1));
  server.set_keep_alive_timeout(static_cast<time_t>(options.keepAliveTimeout.count()));
  server.set_exception_handler(
      [](const httplib::Request&, httplib::Response& res, const std::exception_ptr&) {
        res.status = 500;
        res.headers.clear();
        res.body.clear();
      });
  auto route = [handler = std::move(handler)](const httplib::Request& req, httplib::Response& res) {
    fillResponse(handler(toRequest(req)), res);
  };
  const std::string anyPath = R"([\s\S]*)";
  server.Get(anyPath, route);  // and HEAD
  server.Post(anyPath, route);
  server.Put(anyPath, route);
  server.Patch(anyPath, route);
  server.Delete(anyPath, route);
  server.Options(anyPath, route);
}

}  // namespace cpemu::transport
