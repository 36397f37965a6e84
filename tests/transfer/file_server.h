// A real HTTP file server on 127.0.0.1 (any free port) for transfer tests: serves files from memory, some
// paths behind digest or basic authentication, 404 for the rest, and keeps what is PUT to it. Header-only
// (test binaries glob only *_test.cpp).
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "transport/digest_server.h"
#include "transport/http_server.h"

namespace cpemu::test {

class FileServer {
 public:
  // Paths under /digest/ need digest and paths under /basic/ need basic authentication, as `user`/`pass`.
  static constexpr const char* kUser = "files";
  static constexpr const char* kPassword = "files-secret";

  FileServer() {
    port_ = server_.start("127.0.0.1", 0, [this](const transport::HttpRequest& r) { return answer(r); });
  }
  ~FileServer() { server_.stop(); }

  void serve(const std::string& path, std::string content) {
    std::lock_guard lock(mutex_);
    files_[path] = std::move(content);
  }
  std::string url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }

  std::map<std::string, std::string> uploads() const {
    std::lock_guard lock(mutex_);
    return uploads_;
  }
  // "GET /fw.bin" for each request that passed authentication.
  std::vector<std::string> requests() const {
    std::lock_guard lock(mutex_);
    return requests_;
  }

 private:
  transport::HttpResponse answer(const transport::HttpRequest& r) {
    transport::HttpResponse out;
    if (r.path.starts_with("/digest/")) {
      auto verdict = digest_.verify(r.method, r.path, r.header("Authorization"), {kUser, kPassword});
      if (!verdict.accepted) {
        out.status = 401;
        for (const auto& c : verdict.challenges) out.headers.push_back({"WWW-Authenticate", c});
        return out;
      }
    }
    // "files:files-secret" in base64
    if (r.path.starts_with("/basic/") && r.header("Authorization") != "Basic ZmlsZXM6ZmlsZXMtc2VjcmV0") {
      out.status = 401;
      out.headers.push_back({"WWW-Authenticate", "Basic realm=\"files\""});
      return out;
    }
    std::lock_guard lock(mutex_);
    requests_.push_back(r.method + " " + r.path);
    if (r.method == "PUT" && r.path.find("/upload/") != std::string::npos) {
      uploads_[r.path] = r.body;
      out.status = 201;
      return out;
    }
    auto it = files_.find(r.path);
    if (r.method != "GET" || it == files_.end()) {
      out.status = 404;
      out.body = "no such file";
      return out;
    }
    out.status = 200;
    out.headers.push_back({"Content-Type", "application/octet-stream"});
    out.body = it->second;
    return out;
  }

  mutable std::mutex mutex_;
  std::map<std::string, std::string> files_;
  std::map<std::string, std::string> uploads_;
  std::vector<std::string> requests_;
  transport::DigestServer digest_;
  std::uint16_t port_ = 0;
  transport::HttpServer server_;  // last: stopped before what its handler uses
};

// A firmware image with cpemu's manifest header (emulator/transfer/firmware_image.h).
inline std::string firmwareWithHeader(const std::string& version, const std::string& payload,
                                      const std::string& sha256 = "") {
  std::string header = "CPEMU-FIRMWARE 1\nversion: " + version + "\n";
  if (!sha256.empty()) header += "sha256: " + sha256 + "\n";
  return header + "\n" + payload;
}

}  // namespace cpemu::test
