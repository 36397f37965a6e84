// UDPEchoDiagnostics over the host's network: a connected UDP socket sends each packet with the UDP Echo
// Plus header (TR-143 A.1.4, TestGenSN = its index) and waits Timeout ms for the packet to come back.
#include <sys/socket.h>

#include <cerrno>
#include <cstring>
#include <thread>

#include "diagnostics/echo_plus_packet.h"
#include "diagnostics/real_network.h"
#include "diagnostics/socket_address.h"

namespace cpemu::diagnostics {

EchoOutcome RealNetwork::udpEcho(const EchoRequest& request) {
  EchoOutcome out;
  const SocketAddress target = resolvedAddress(request.address, request.port);
  Socket s(::socket(target.family(), SOCK_DGRAM | SOCK_CLOEXEC, 0));
  if (!s.valid() || ::connect(s.fd(), target.get(), target.length) != 0) {
    out.error = NetworkError{"Error_Internal", std::string("UDP socket: ") + std::strerror(errno)};
    return out;
  }
  setDscp(s.fd(), target.family(), request.dscp);
  out.sourceAddress = sourceAddressFor(target);
  std::vector<unsigned char> packet(std::max<std::size_t>(request.dataBlockSize, 1), 0);
  std::vector<unsigned char> reply(65536);
  for (unsigned i = 0; i < request.repetitions; ++i) {
    const auto start = std::chrono::steady_clock::now();
    std::fill(packet.begin(), packet.end(), 0);
    unsigned char header[EchoPlusHeader::kSize] = {};
    EchoPlusHeader{i, 0, 0, 0, 0}.write(header);
    std::memcpy(packet.data(), header, std::min(packet.size(), sizeof header));
    EchoReply r;
    r.sent = std::chrono::system_clock::now();
    if (::send(s.fd(), packet.data(), packet.size(), 0) == static_cast<ssize_t>(packet.size())) {
      const auto deadline = start + request.timeout;
      while (!r.success) {
        if (!waitReadableUntil(s.fd(), deadline)) break;
        ssize_t n = ::recv(s.fd(), reply.data(), reply.size(), 0);
        const auto arrived = std::chrono::steady_clock::now();
        if (n < 0) continue;  // ECONNREFUSED: nobody listens; the packet counts as lost
        const std::size_t compared = std::min<std::size_t>(4, packet.size());
        if (static_cast<std::size_t>(n) != packet.size() ||
            std::memcmp(reply.data(), packet.data(), compared) != 0)
          continue;  // a late echo of an earlier packet
        if (arrived > deadline) break;
        r.success = true;
        r.rtt = std::chrono::duration_cast<Micros>(arrived - start);
        r.received = r.sent + r.rtt;
        if (static_cast<std::size_t>(n) >= EchoPlusHeader::kSize) {
          EchoPlusHeader h = EchoPlusHeader::read(reply.data());
          r.respSn = h.testRespSn;
          r.respRcvTimeStamp = h.testRespRecvTimeStamp;
          r.respReplyTimeStamp = h.testRespReplyTimeStamp;
          r.respReplyFailureCount = h.testRespReplyFailureCount;
        }
      }
    }
    out.replies.push_back(r);
    if (i + 1 < request.repetitions)
      std::this_thread::sleep_until(start + request.interval);  // InterTransmissionTime
  }
  return out;
}

}  // namespace cpemu::diagnostics
