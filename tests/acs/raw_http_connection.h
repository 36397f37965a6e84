// One plain TCP connection speaking HTTP/1.1 by hand, for the few ACS tests that must control exactly
// which headers go out (a Cookie on a fresh connection, a hand-made digest Authorization, no
// credentials at all). Everything else uses transport::openHttpSession like a real CPE.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace cpemu::acs::test {

struct RawHttpResponse {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  std::string header(const std::string& name) const {
    for (const auto& [n, v] : headers) {
      if (n.size() != name.size()) continue;
      bool same = true;
      for (std::size_t i = 0; i < n.size() && same; ++i)
        same = std::tolower(static_cast<unsigned char>(n[i])) ==
               std::tolower(static_cast<unsigned char>(name[i]));
      if (same) return v;
    }
    return {};
  }
};

class RawHttpConnection {
 public:
  explicit RawHttpConnection(std::uint16_t port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd_ < 0) throw std::runtime_error("socket");
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
      ::close(fd_);
      throw std::runtime_error("connect to 127.0.0.1:" + std::to_string(port) + " failed");
    }
    timeval timeout{10, 0};  // a hung server fails the test instead of hanging it
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  }
  ~RawHttpConnection() { ::close(fd_); }
  RawHttpConnection(const RawHttpConnection&) = delete;
  RawHttpConnection& operator=(const RawHttpConnection&) = delete;

  RawHttpResponse post(const std::string& path, const std::string& body,
                       const std::vector<std::pair<std::string, std::string>>& headers = {}) {
    std::string request = "POST " + path +
                          " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " + std::to_string(body.size()) +
                          "\r\n";
    if (!body.empty()) request += "Content-Type: text/xml; charset=\"utf-8\"\r\nSOAPAction:\r\n";
    for (const auto& [n, v] : headers) request += n + ": " + v + "\r\n";
    request += "\r\n" + body;
    for (std::size_t sent = 0; sent < request.size();) {
      const ssize_t n = ::send(fd_, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) throw std::runtime_error("send failed");
      sent += static_cast<std::size_t>(n);
    }
    return readResponse();
  }

 private:
  RawHttpResponse readResponse() {
    while (buffer_.find("\r\n\r\n") == std::string::npos) fill();
    const std::size_t headerEnd = buffer_.find("\r\n\r\n");
    const std::string head = buffer_.substr(0, headerEnd);
    buffer_.erase(0, headerEnd + 4);

    RawHttpResponse response;
    std::size_t lineEnd = head.find("\r\n");
    const std::string statusLine = head.substr(0, lineEnd);
    response.status = std::stoi(statusLine.substr(statusLine.find(' ') + 1, 3));
    std::size_t contentLength = 0;
    bool chunked = false;
    while (lineEnd != std::string::npos) {
      const std::size_t start = lineEnd + 2;
      lineEnd = head.find("\r\n", start);
      const std::string line =
          head.substr(start, lineEnd == std::string::npos ? std::string::npos : lineEnd - start);
      const auto colon = line.find(':');
      if (colon == std::string::npos) continue;
      std::string name = line.substr(0, colon);
      std::string value = line.substr(colon + 1);
      value.erase(0, value.find_first_not_of(' '));
      response.headers.emplace_back(name, value);
      std::string lower;
      for (char c : name) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (lower == "content-length") contentLength = std::stoul(value);
      if (lower == "transfer-encoding" && value.find("chunked") != std::string::npos) chunked = true;
    }
    if (chunked) {
      while (true) {
        while (buffer_.find("\r\n") == std::string::npos) fill();
        const std::size_t sizeEnd = buffer_.find("\r\n");
        const std::size_t size = std::stoul(buffer_.substr(0, sizeEnd), nullptr, 16);
        buffer_.erase(0, sizeEnd + 2);
        while (buffer_.size() < size + 2) fill();
        response.body += buffer_.substr(0, size);
        buffer_.erase(0, size + 2);
        if (size == 0) break;
      }
    } else {
      while (buffer_.size() < contentLength) fill();
      response.body = buffer_.substr(0, contentLength);
      buffer_.erase(0, contentLength);
    }
    return response;
  }

  void fill() {
    char chunk[4096];
    const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n <= 0) throw std::runtime_error("connection closed or timed out while reading the response");
    buffer_.append(chunk, static_cast<std::size_t>(n));
  }

  int fd_ = -1;
  std::string buffer_;
};

}  // namespace cpemu::acs::test
