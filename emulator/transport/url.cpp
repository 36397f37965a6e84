#include "transport/url.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>
#include <vector>

namespace cpemu::transport {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool hasForbiddenCharacter(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](unsigned char c) { return c <= 0x20 || c == 0x7f; });
}

// "scheme:" at the start of a URI reference (RFC 3986 §3.1).
bool hasScheme(std::string_view s) {
  if (s.empty() || !std::isalpha(static_cast<unsigned char>(s.front()))) return false;
  for (char c : s) {
    if (c == ':') return true;
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.') return false;
  }
  return false;
}

bool isIpv6Literal(const std::string& host) {
  in6_addr addr{};
  return inet_pton(AF_INET6, host.c_str(), &addr) == 1;
}

bool isIpv4Literal(const std::string& host) {
  in_addr addr{};
  return inet_pton(AF_INET, host.c_str(), &addr) == 1;
}

// RFC 3986 §5.2.4, on a path that starts with '/'.
std::string removeDotSegments(std::string_view path) {
  std::vector<std::string_view> segments;
  std::string_view rest = path.substr(1);
  while (true) {
    const auto slash = rest.find('/');
    const bool last = slash == std::string_view::npos;
    std::string_view segment = rest.substr(0, slash);
    if (segment == ".") {
      if (last) segments.emplace_back();
    } else if (segment == "..") {
      if (!segments.empty()) segments.pop_back();
      if (last) segments.emplace_back();
    } else {
      segments.push_back(segment);
    }
    if (last) break;
    rest.remove_prefix(slash + 1);
  }
  std::string out;
  for (auto s : segments) {
    out += '/';
    out += s;
  }
  return out.empty() ? "/" : out;
}

}  // namespace

bool Url::hostIsIpLiteral() const {
  return isIpv4Literal(host) || isIpv6Literal(host);
}

std::string Url::authority() const {
  const bool ipv6 = host.find(':') != std::string::npos;
  return (ipv6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

std::string Url::toString() const {
  const bool defaultPort = port == (https() ? 443 : 80);
  const bool ipv6 = host.find(':') != std::string::npos;
  return scheme + "://" + (defaultPort ? (ipv6 ? "[" + host + "]" : host) : authority()) + target;
}

bool Url::sameOrigin(const Url& other) const {
  return scheme == other.scheme && host == other.host && port == other.port;
}

std::variant<Url, UrlError> parseUrl(std::string_view text) {
  text = trim(text);
  const auto schemeEnd = text.find("://");
  if (schemeEnd == std::string_view::npos) {
    return UrlError{"'" + std::string(text) + "' is not an absolute http:// or https:// URL"};
  }
  Url url;
  url.scheme = lower(text.substr(0, schemeEnd));
  std::string_view rest = text.substr(schemeEnd + 3);
  const std::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
  // Checked before anything echoes the URL back: userinfo may hold a password.
  if (authority.find('@') != std::string_view::npos) {
    return UrlError{"URL must not contain a user name or password (use the configured credentials)"};
  }
  const std::string quoted = "'" + std::string(text) + "'";
  if (url.scheme != "http" && url.scheme != "https") {
    return UrlError{"unsupported URL scheme '" + url.scheme + "' in " + quoted + " (http or https expected)"};
  }
  if (hasForbiddenCharacter(text))
    return UrlError{"URL " + quoted + " contains a space or control character"};

  std::string_view portText;
  if (!authority.empty() && authority.front() == '[') {
    const auto close = authority.find(']');
    if (close == std::string_view::npos) return UrlError{"unterminated IPv6 literal in URL " + quoted};
    url.host = lower(authority.substr(1, close - 1));
    if (!isIpv6Literal(url.host)) return UrlError{"invalid IPv6 literal in URL " + quoted};
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return UrlError{"unexpected text after the IPv6 literal in URL " + quoted};
      portText = after.substr(1);
    }
  } else {
    const auto colon = authority.rfind(':');
    url.host = lower(authority.substr(0, colon));
    if (colon != std::string_view::npos) portText = authority.substr(colon + 1);
    if (url.host.find_first_of("[]") != std::string::npos) return UrlError{"invalid host in URL " + quoted};
  }
  if (url.host.empty()) return UrlError{"URL " + quoted + " has no host"};

  url.port = url.https() ? 443 : 80;
  if (!portText.empty()) {
    unsigned long port = 0;
    for (char c : portText) {
      if (!std::isdigit(static_cast<unsigned char>(c)) || port > 65535) {
        return UrlError{"invalid port in URL " + quoted};
      }
      port = port * 10 + static_cast<unsigned long>(c - '0');
    }
    if (port == 0 || port > 65535) return UrlError{"invalid port in URL " + quoted};
    url.port = static_cast<std::uint16_t>(port);
  }

  std::string_view target = rest.substr(authority.size());
  target = target.substr(0, target.find('#'));
  url.target = target.empty() || target.front() != '/' ? "/" + std::string(target) : std::string(target);
  return url;
}

std::variant<Url, UrlError> resolveUrl(const Url& base, std::string_view reference) {
  reference = trim(reference);
  if (hasScheme(reference)) return parseUrl(reference);
  if (reference.substr(0, 2) == "//") return parseUrl(base.scheme + ":" + std::string(reference));
  if (hasForbiddenCharacter(reference)) {
    return UrlError{"redirect location '" + std::string(reference) +
                    "' contains a space or control character"};
  }
  reference = reference.substr(0, reference.find('#'));
  if (reference.empty()) return base;

  Url url = base;
  const std::string_view basePath = std::string_view(base.target).substr(0, base.target.find('?'));
  if (reference.front() == '?') {
    url.target = std::string(basePath) + std::string(reference);
    return url;
  }
  const auto queryStart = reference.find('?');
  const std::string_view path = reference.substr(0, queryStart);
  const std::string_view query = queryStart == std::string_view::npos ? "" : reference.substr(queryStart);
  std::string merged;
  if (path.front() == '/') {
    merged = std::string(path);
  } else {
    merged = std::string(basePath.substr(0, basePath.rfind('/') + 1)) + std::string(path);  // RFC 3986 §5.2.3
  }
  url.target = removeDotSegments(merged) + std::string(query);
  return url;
}

}  // namespace cpemu::transport
