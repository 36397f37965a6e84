// An HttpServer on 127.0.0.1 (any free port) whose answers come from a test's script and which keeps
// every request it received, for assertions after the exchange. Header-only (test binaries glob only
// *_test.cpp).
#pragma once

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "transport/http_server.h"

namespace cpemu::transport::test {

inline HttpResponse okResponse(std::string body = "") {
  HttpResponse response;
  response.status = 200;
  if (!body.empty()) response.headers.push_back({"Content-Type", "text/xml; charset=\"utf-8\""});
  response.body = std::move(body);
  return response;
}

inline HttpResponse redirectResponse(int status, std::string location) {
  HttpResponse response;
  response.status = status;
  response.headers.push_back({"Location", std::move(location)});
  return response;
}

class RecordingServer {
 public:
  // `index` counts requests from 0.
  using Script = std::function<HttpResponse(const HttpRequest& request, std::size_t index)>;

  explicit RecordingServer(Script script, std::optional<ServerTlsOptions> tls = std::nullopt)
      : script_(std::move(script)), scheme_(tls ? "https" : "http") {
    port_ = server_.start(
        "127.0.0.1", 0,
        [this](const HttpRequest& request) {
          std::size_t index = 0;
          {
            std::lock_guard lock(mutex_);
            index = requests_.size();
            requests_.push_back(request);
          }
          return script_(request, index);
        },
        std::move(tls));
  }
  ~RecordingServer() { server_.stop(); }

  std::uint16_t port() const { return port_; }
  std::string url(const std::string& path = "/acs", const std::string& host = "127.0.0.1") const {
    return scheme_ + "://" + host + ":" + std::to_string(port_) + path;
  }
  std::vector<HttpRequest> requests() const {
    std::lock_guard lock(mutex_);
    return requests_;
  }
  std::size_t requestCount() const {
    std::lock_guard lock(mutex_);
    return requests_.size();
  }
  HttpServer& server() { return server_; }

 private:
  Script script_;
  std::string scheme_;
  mutable std::mutex mutex_;
  std::vector<HttpRequest> requests_;
  std::uint16_t port_ = 0;
  HttpServer server_;  // last: stopped (and destroyed) before what its handler uses
};

// True when the request carries a header with this name (case-insensitive).
inline bool hasHeader(const HttpRequest& request, std::string_view name) {
  for (const auto& h : request.headers)
    if (h.name.size() == name.size() &&
        std::equal(h.name.begin(), h.name.end(), name.begin(), [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
        }))
      return true;
  return false;
}

}  // namespace cpemu::transport::test
