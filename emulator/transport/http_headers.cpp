#include "transport/http_headers.h"

#include <algorithm>
#include <cctype>

#include "transport/http_server.h"

namespace cpemu::transport {

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(),
                    [](unsigned char x, unsigned char y) { return std::tolower(x) == std::tolower(y); });
}

std::string findHeader(const std::vector<HttpHeader>& headers, std::string_view name) {
  for (const auto& h : headers)
    if (equalsIgnoreCase(h.name, name)) return h.value;
  return "";
}

std::vector<std::string> findHeaders(const std::vector<HttpHeader>& headers, std::string_view name) {
  std::vector<std::string> values;
  for (const auto& h : headers)
    if (equalsIgnoreCase(h.name, name)) values.push_back(h.value);
  return values;
}

std::string HttpResponse::header(std::string_view name) const {
  return findHeader(headers, name);
}

std::string HttpRequest::header(std::string_view name) const {
  return findHeader(headers, name);
}

std::string quotedString(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

}  // namespace cpemu::transport
