// IPPing over the host's network: ICMP (RFC 792) or ICMPv6 (RFC 4443) echo requests. An unprivileged
// "ping socket" (SOCK_DGRAM, allowed by net.ipv4.ping_group_range) is tried first, then a raw socket
// (CAP_NET_RAW). The kernel fills in the checksum on both, and the identifier on ping sockets.
#include <netinet/icmp6.h>
#include <netinet/ip.h>
#include <netinet/ip_icmp.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstring>
#include <random>

#include "diagnostics/real_network.h"
#include "diagnostics/socket_address.h"

namespace cpemu::diagnostics {
namespace {

std::uint16_t checksum(const unsigned char* data, std::size_t n) {  // RFC 1071
  std::uint32_t sum = 0;
  for (std::size_t i = 0; i + 1 < n; i += 2) sum += (std::uint32_t{data[i]} << 8) | data[i + 1];
  if (n % 2) sum += std::uint32_t{data[n - 1]} << 8;
  while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
  return static_cast<std::uint16_t>(~sum);
}

struct IcmpSocket {
  Socket socket;
  bool raw = false;
  std::string error;
};

IcmpSocket openIcmpSocket(int family) {
  const int protocol = family == AF_INET6 ? static_cast<int>(IPPROTO_ICMPV6) : static_cast<int>(IPPROTO_ICMP);
  IcmpSocket s;
  s.socket = Socket(::socket(family, SOCK_DGRAM | SOCK_CLOEXEC, protocol));
  if (s.socket.valid()) return s;
  const std::string dgramError = std::strerror(errno);
  s.socket = Socket(::socket(family, SOCK_RAW | SOCK_CLOEXEC, protocol));
  s.raw = true;
  if (!s.socket.valid())
    s.error = "no ICMP socket: ping socket: " + dgramError +
              " (see net.ipv4.ping_group_range); raw socket: " + std::strerror(errno) +
              " (needs CAP_NET_RAW)";
  return s;
}

}  // namespace

EchoOutcome RealNetwork::ping(const EchoRequest& request) {
  EchoOutcome out;
  const SocketAddress target = resolvedAddress(request.address);
  const bool v6 = target.family() == AF_INET6;
  IcmpSocket s = openIcmpSocket(target.family());
  if (!s.socket.valid()) {
    out.error = NetworkError{"Error_Internal", s.error};
    return out;
  }
  setDscp(s.socket.fd(), target.family(), request.dscp);
  out.sourceAddress = sourceAddressFor(target);
  // A ping socket's identifier is its local port, chosen by the kernel at the first send; a raw socket
  // uses ours. Replies are matched by sequence number (and identifier on raw sockets).
  const std::uint16_t id = static_cast<std::uint16_t>(std::random_device{}());
  std::vector<unsigned char> packet(8 + request.dataBlockSize);
  std::vector<unsigned char> reply(packet.size() + 128);
  for (unsigned i = 0; i < request.repetitions; ++i) {
    const std::uint16_t seq = static_cast<std::uint16_t>(i + 1);
    std::fill(packet.begin(), packet.end(), 0);
    packet[0] = v6 ? ICMP6_ECHO_REQUEST : ICMP_ECHO;
    packet[4] = static_cast<unsigned char>(id >> 8);
    packet[5] = static_cast<unsigned char>(id);
    packet[6] = static_cast<unsigned char>(seq >> 8);
    packet[7] = static_cast<unsigned char>(seq);
    for (std::size_t b = 8; b < packet.size(); ++b) packet[b] = static_cast<unsigned char>(b);
    if (s.raw && !v6) {  // IPv4 raw: our checksum (ICMPv6's is always the kernel's)
      std::uint16_t sum = checksum(packet.data(), packet.size());
      packet[2] = static_cast<unsigned char>(sum >> 8);
      packet[3] = static_cast<unsigned char>(sum);
    }
    EchoReply r;
    r.sent = std::chrono::system_clock::now();
    const auto start = std::chrono::steady_clock::now();
    if (::sendto(s.socket.fd(), packet.data(), packet.size(), 0, target.get(), target.length) < 0) {
      if (errno == ENETUNREACH || errno == EHOSTUNREACH) {
        out.error = NetworkError{"Error_NoRouteToHost", std::string("send: ") + std::strerror(errno)};
        return out;
      }
      out.replies.push_back(r);  // this one is lost; the next may go
      continue;
    }
    const auto deadline = start + request.timeout;
    while (!r.success) {
      if (!waitReadableUntil(s.socket.fd(), deadline)) break;
      ssize_t n = ::recv(s.socket.fd(), reply.data(), reply.size(), 0);
      const auto arrived = std::chrono::steady_clock::now();
      if (n <= 0) continue;
      const unsigned char* icmp = reply.data();
      std::size_t length = static_cast<std::size_t>(n);
      if (s.raw && !v6) {  // an IPv4 raw socket hands over the IP header too
        std::size_t ihl = (reply[0] & 0x0f) * 4u;
        if (length < ihl + 8) continue;
        icmp += ihl;
        length -= ihl;
      }
      if (length < 8 || icmp[0] != (v6 ? ICMP6_ECHO_REPLY : ICMP_ECHOREPLY)) continue;
      if (((icmp[6] << 8) | icmp[7]) != seq) continue;
      if (s.raw && ((icmp[4] << 8) | icmp[5]) != id) continue;
      if (arrived > deadline) break;
      r.success = true;
      r.rtt = std::chrono::duration_cast<Micros>(arrived - start);
      r.received = r.sent + r.rtt;
    }
    out.replies.push_back(r);
  }
  return out;
}

}  // namespace cpemu::diagnostics
