// Looking up HTTP header fields by name (case-insensitive, RFC 9110 §5.1) in requests and responses.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "transport/http_session.h"

namespace cpemu::transport {

bool equalsIgnoreCase(std::string_view a, std::string_view b);

// The value of the first field with this name, or "".
std::string findHeader(const std::vector<HttpHeader>& headers, std::string_view name);
// The values of every field with this name, in order (Set-Cookie, WWW-Authenticate).
std::vector<std::string> findHeaders(const std::vector<HttpHeader>& headers, std::string_view name);

// `s` as an RFC 9110 §5.6.4 quoted-string ('"' and '\\' escaped), for auth header parameters.
std::string quotedString(std::string_view s);

}  // namespace cpemu::transport
