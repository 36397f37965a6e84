// IPv4/IPv6 socket addresses for the real-mode diagnostics: numeric text <-> sockaddr, and a socket that
// closes itself.
#pragma once

#include <netinet/in.h>
#include <sys/socket.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace cpemu::diagnostics {

struct SocketAddress {
  sockaddr_storage storage{};
  socklen_t length = 0;

  int family() const { return storage.ss_family; }
  const sockaddr* get() const { return reinterpret_cast<const sockaddr*>(&storage); }
  sockaddr* get() { return reinterpret_cast<sockaddr*>(&storage); }
  std::uint16_t port() const;
  void setPort(std::uint16_t port);
  // Numeric text; an IPv4-mapped IPv6 address (::ffff:127.0.0.1) is shown as the IPv4 address.
  std::string address() const;
};

// A numeric IPv4 or IPv6 address ("127.0.0.1", "::1"); nullopt for anything else.
std::optional<SocketAddress> numericAddress(const std::string& text, std::uint16_t port = 0);
// An address Network::resolve returned (so numeric); std::logic_error otherwise.
SocketAddress resolvedAddress(const std::string& text, std::uint16_t port = 0);

// The local address the kernel picks to reach `target` (a connected UDP socket; nothing is sent).
std::string sourceAddressFor(const SocketAddress& target);

// A file descriptor closed on destruction.
class Socket {
 public:
  Socket() = default;
  explicit Socket(int fd) : fd_(fd) {}
  ~Socket();
  Socket(Socket&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  Socket& operator=(Socket&& other) noexcept;
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;
  int fd() const { return fd_; }
  bool valid() const { return fd_ >= 0; }

 private:
  int fd_ = -1;
};

// DSCP into the IPv4 TOS / IPv6 traffic class byte (RFC 2474: the upper six bits).
void setDscp(int fd, int family, unsigned dscp);

// Waits until `fd` is readable (or has a queued error) or `timeoutMs` passed; true when readable.
bool waitReadable(int fd, long timeoutMs);
// The same until a steady-clock deadline; false once it has passed.
bool waitReadableUntil(int fd, std::chrono::steady_clock::time_point deadline);

}  // namespace cpemu::diagnostics
