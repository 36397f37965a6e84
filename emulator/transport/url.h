// An http:// or https:// URL as the CPE uses it for the ACS (ManagementServer.URL) and for redirects.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

namespace cpemu::transport {

struct Url {
  std::string scheme;      // "http" or "https" (lower case)
  std::string host;        // lower case; an IPv6 literal without its brackets ("::1")
  std::uint16_t port = 0;  // explicit, or the scheme's default (80, 443)
  std::string target;      // path and query as sent on the request line ("/acs?x=1"); never empty

  bool https() const { return scheme == "https"; }
  bool hostIsIpLiteral() const;
  // "host:port" with IPv6 literals bracketed ("[::1]:7547"): for messages and the Host header.
  std::string authority() const;
  std::string toString() const;  // "http://[::1]:7547/acs" (a default port is left out)
  // Same scheme, host and port: the connection (and its credentials) can be kept.
  bool sameOrigin(const Url& other) const;
};

struct UrlError {
  std::string message;  // never contains userinfo (a password may be in it)
};

// Parses an absolute http/https URL (RFC 3986). The fragment is dropped. URLs carrying userinfo
// ("http://user:pass@host/") are rejected: TR-069 credentials come from ManagementServer.Username/Password,
// and a password in a URL would end up in logs.
std::variant<Url, UrlError> parseUrl(std::string_view text);

// Resolves a Location header value against the URL of the request that was redirected (RFC 3986 §5.2):
// absolute URLs, "//host/path", "/path", "relative/path" and "?query".
std::variant<Url, UrlError> resolveUrl(const Url& base, std::string_view reference);

}  // namespace cpemu::transport
