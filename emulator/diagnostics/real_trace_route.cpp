// TraceRoute over the host's network, the classic way (Van Jacobson's traceroute): UDP probes to unused
// ports from 33434 up, with a TTL (hop limit) of 1, 2, … . Routers on the way answer "time exceeded"
// (ICMP 11 / ICMPv6 3), the target "port unreachable" (ICMP 3/3, ICMPv6 1/4). The answers arrive on the
// socket's error queue (IP_RECVERR / IPV6_RECVERR), so no privilege is needed.
#include <time.h>  // linux/errqueue.h needs struct timespec

#include <linux/errqueue.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstring>

#include "diagnostics/real_network.h"
#include "diagnostics/socket_address.h"

namespace cpemu::diagnostics {
namespace {

constexpr std::uint16_t kFirstPort = 33434;

struct ProbeAnswer {
  bool answered = false;
  std::string from;
  bool timeExceeded = false;
  bool portUnreachable = false;
  unsigned code = 0;
  Micros rtt{0};
};

// Waits for the ICMP answer to the probe sent to `port`; older answers (late ones) are skipped.
ProbeAnswer awaitAnswer(int fd, bool v6, std::uint16_t port, std::chrono::steady_clock::time_point sent,
                        std::chrono::steady_clock::time_point deadline) {
  ProbeAnswer a;
  while (true) {
    if (!waitReadableUntil(fd, deadline)) return a;
    unsigned char data[512];
    unsigned char control[512];
    SocketAddress original;
    iovec iov{data, sizeof data};
    msghdr msg{};
    msg.msg_name = &original.storage;
    msg.msg_namelen = sizeof original.storage;
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control;
    msg.msg_controllen = sizeof control;
    if (::recvmsg(fd, &msg, MSG_ERRQUEUE) < 0) {
      unsigned char discard[512];  // not an error: a datagram (an open port echoing?) — drop it
      ::recv(fd, discard, sizeof discard, MSG_DONTWAIT);
      continue;
    }
    const auto arrived = std::chrono::steady_clock::now();
    original.length = msg.msg_namelen;
    for (cmsghdr* c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
      const bool isError = (!v6 && c->cmsg_level == SOL_IP && c->cmsg_type == IP_RECVERR) ||
                           (v6 && c->cmsg_level == SOL_IPV6 && c->cmsg_type == IPV6_RECVERR);
      if (!isError) continue;
      const auto* ee = reinterpret_cast<const sock_extended_err*>(CMSG_DATA(c));
      if (ee->ee_origin != (v6 ? SO_EE_ORIGIN_ICMP6 : SO_EE_ORIGIN_ICMP)) continue;
      if (original.port() != port) break;  // the answer to an earlier probe
      SocketAddress from;
      const sockaddr* offender = SO_EE_OFFENDER(ee);
      from.length = v6 ? sizeof(sockaddr_in6) : sizeof(sockaddr_in);
      std::memcpy(&from.storage, offender, from.length);
      a.answered = true;
      a.from = from.address();
      a.timeExceeded = v6 ? ee->ee_type == 3 : ee->ee_type == 11;
      a.portUnreachable =
          v6 ? (ee->ee_type == 1 && ee->ee_code == 4) : (ee->ee_type == 3 && ee->ee_code == 3);
      a.code = ee->ee_code;
      a.rtt = std::chrono::duration_cast<Micros>(arrived - sent);
      return a;
    }
  }
}

}  // namespace

TraceOutcome RealNetwork::traceRoute(const TraceRequest& request) {
  TraceOutcome out;
  const SocketAddress target = resolvedAddress(request.address);
  const bool v6 = target.family() == AF_INET6;
  Socket s(::socket(target.family(), SOCK_DGRAM | SOCK_CLOEXEC, 0));
  int on = 1;
  if (!s.valid() || (v6 ? ::setsockopt(s.fd(), SOL_IPV6, IPV6_RECVERR, &on, sizeof on)
                        : ::setsockopt(s.fd(), SOL_IP, IP_RECVERR, &on, sizeof on)) != 0) {
    out.error = NetworkError{"Error_Internal", std::string("UDP socket: ") + std::strerror(errno)};
    return out;
  }
  setDscp(s.fd(), target.family(), request.dscp);
  out.sourceAddress = sourceAddressFor(target);
  const std::size_t headers = (v6 ? 40 : 20) + 8;  // DataBlockSize counts the whole probe packet
  std::vector<unsigned char> payload(request.dataBlockSize > headers ? request.dataBlockSize - headers : 0,
                                     0x40);
  std::uint16_t port = kFirstPort;
  for (unsigned ttl = 1; ttl <= request.maxHops && !out.reached; ++ttl) {
    int hops = static_cast<int>(ttl);
    (void)(v6 ? ::setsockopt(s.fd(), SOL_IPV6, IPV6_UNICAST_HOPS, &hops, sizeof hops)
              : ::setsockopt(s.fd(), SOL_IP, IP_TTL, &hops, sizeof hops));
    TraceHop hop;
    bool unreachable = false;
    for (unsigned t = 0; t < request.tries; ++t, ++port) {
      SocketAddress to = target;
      to.setPort(port);
      const auto sent = std::chrono::steady_clock::now();
      if (::sendto(s.fd(), payload.data(), payload.size(), 0, to.get(), to.length) < 0) {
        if (errno == ENETUNREACH || errno == EHOSTUNREACH) {
          out.error = NetworkError{"Error_NoRouteToHost", std::string("send: ") + std::strerror(errno)};
          return out;
        }
        hop.rttMs.push_back(0);
        continue;
      }
      ProbeAnswer a = awaitAnswer(s.fd(), v6, port, sent, sent + request.timeout);
      if (!a.answered) {
        hop.rttMs.push_back(0);
        continue;
      }
      // TR-181 RouteHops.RTTimes: milliseconds, below 1 rounded up to 1; 0 means no answer.
      hop.rttMs.push_back(std::max<unsigned>(1, static_cast<unsigned>((a.rtt.count() + 500) / 1000)));
      hop.address = a.from;
      if (a.portUnreachable) out.reached = true;
      if (!a.timeExceeded && !a.portUnreachable) {  // net/host/admin unreachable: the route ends here
        hop.errorCode = a.code;
        unreachable = true;
      }
    }
    out.hops.push_back(std::move(hop));
    if (unreachable && !out.reached) {
      out.error = NetworkError{"Error_NoRouteToHost", "unreachable at hop " + std::to_string(ttl)};
      return out;
    }
  }
  return out;
}

}  // namespace cpemu::diagnostics
