#include "diagnostics/socket_address.h"

#include <arpa/inet.h>
#include <poll.h>
#include <unistd.h>

#include <cstring>
#include <stdexcept>

namespace cpemu::diagnostics {

std::uint16_t SocketAddress::port() const {
  if (family() == AF_INET) return ntohs(reinterpret_cast<const sockaddr_in*>(&storage)->sin_port);
  if (family() == AF_INET6) return ntohs(reinterpret_cast<const sockaddr_in6*>(&storage)->sin6_port);
  return 0;
}

void SocketAddress::setPort(std::uint16_t port) {
  if (family() == AF_INET) reinterpret_cast<sockaddr_in*>(&storage)->sin_port = htons(port);
  if (family() == AF_INET6) reinterpret_cast<sockaddr_in6*>(&storage)->sin6_port = htons(port);
}

std::string SocketAddress::address() const {
  char text[INET6_ADDRSTRLEN] = {};
  if (family() == AF_INET) {
    inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(&storage)->sin_addr, text, sizeof text);
  } else if (family() == AF_INET6) {
    const in6_addr& a = reinterpret_cast<const sockaddr_in6*>(&storage)->sin6_addr;
    if (IN6_IS_ADDR_V4MAPPED(&a)) {
      inet_ntop(AF_INET, &a.s6_addr[12], text, sizeof text);
    } else {
      inet_ntop(AF_INET6, &a, text, sizeof text);
    }
  }
  return text;
}

std::optional<SocketAddress> numericAddress(const std::string& text, std::uint16_t port) {
  SocketAddress a;
  auto* v4 = reinterpret_cast<sockaddr_in*>(&a.storage);
  auto* v6 = reinterpret_cast<sockaddr_in6*>(&a.storage);
  if (inet_pton(AF_INET, text.c_str(), &v4->sin_addr) == 1) {
    v4->sin_family = AF_INET;
    a.length = sizeof(sockaddr_in);
  } else if (inet_pton(AF_INET6, text.c_str(), &v6->sin6_addr) == 1) {
    v6->sin6_family = AF_INET6;
    a.length = sizeof(sockaddr_in6);
  } else {
    return std::nullopt;
  }
  a.setPort(port);
  return a;
}

SocketAddress resolvedAddress(const std::string& text, std::uint16_t port) {
  auto a = numericAddress(text, port);
  if (!a) throw std::logic_error("diagnostics: '" + text + "' is not an IP address");
  return *a;
}

std::string sourceAddressFor(const SocketAddress& target) {
  Socket s(::socket(target.family(), SOCK_DGRAM | SOCK_CLOEXEC, 0));
  if (!s.valid()) return "";
  SocketAddress peer = target;
  if (peer.port() == 0) peer.setPort(9);  // discard; connect() on UDP sends nothing
  if (::connect(s.fd(), peer.get(), peer.length) != 0) return "";
  SocketAddress local;
  local.length = sizeof local.storage;
  if (::getsockname(s.fd(), local.get(), &local.length) != 0) return "";
  return local.address();
}

Socket::~Socket() {
  if (fd_ >= 0) ::close(fd_);
}

Socket& Socket::operator=(Socket&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = other.fd_;
    other.fd_ = -1;
  }
  return *this;
}

void setDscp(int fd, int family, unsigned dscp) {
  int tos = static_cast<int>(dscp << 2);
  if (family == AF_INET6) {
    ::setsockopt(fd, IPPROTO_IPV6, IPV6_TCLASS, &tos, sizeof tos);
  } else {
    ::setsockopt(fd, IPPROTO_IP, IP_TOS, &tos, sizeof tos);
  }
}

bool waitReadable(int fd, long timeoutMs) {
  pollfd p{fd, POLLIN, 0};
  int n = ::poll(&p, 1, static_cast<int>(timeoutMs < 0 ? 0 : timeoutMs));
  return n > 0 && (p.revents & (POLLIN | POLLERR)) != 0;
}

bool waitReadableUntil(int fd, std::chrono::steady_clock::time_point deadline) {
  const auto left =
      std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
  return left.count() > 0 && waitReadable(fd, left.count() + 1);
}

}  // namespace cpemu::diagnostics
