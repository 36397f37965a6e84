#include "diagnostics/real_network.h"

#include <netdb.h>

#include <algorithm>
#include <cctype>

#include "diagnostics/socket_address.h"

namespace cpemu::diagnostics {

bool isInvalidName(const std::string& host) {
  std::string name(host);
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
  if (!name.empty() && name.back() == '.') name.pop_back();
  return name == "invalid" || name.ends_with(".invalid");
}

Resolved RealNetwork::resolve(const std::string& host, IpVersion version) {
  if (host.empty() || isInvalidName(host)) return {};
  addrinfo hints{};
  hints.ai_family = version == IpVersion::V4 ? AF_INET : version == IpVersion::V6 ? AF_INET6 : AF_UNSPEC;
  hints.ai_socktype = SOCK_DGRAM;
  addrinfo* found = nullptr;
  if (::getaddrinfo(host.c_str(), nullptr, &hints, &found) != 0 || !found) return {};
  SocketAddress a;
  std::copy_n(reinterpret_cast<const unsigned char*>(found->ai_addr), found->ai_addrlen,
              reinterpret_cast<unsigned char*>(&a.storage));
  a.length = found->ai_addrlen;
  ::freeaddrinfo(found);
  return {a.address()};
}

}  // namespace cpemu::diagnostics
