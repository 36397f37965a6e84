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

// Real HTTP transfers go through transport/ (the only place that knows cpp-httplib); until it offers a
// timed GET/PUT with a streaming body, a real-mode transfer test reports Error_Internal.
TransferOutcome RealNetwork::download(const TransferRequest&) {
  TransferOutcome out;
  out.error = NetworkError{"Error_Internal", "real download tests need transport::HttpSession::transfer"};
  return out;
}

TransferOutcome RealNetwork::upload(const TransferRequest&) {
  TransferOutcome out;
  out.error = NetworkError{"Error_Internal", "real upload tests need transport::HttpSession::transfer"};
  return out;
}

}  // namespace cpemu::diagnostics
