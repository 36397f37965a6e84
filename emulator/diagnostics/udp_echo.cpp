// Device.IP.Diagnostics.UDPEchoDiagnostics (TR-181 2.19, TR-143 §4.4 and A.1): NumberOfRepetitions UDP
// packets of DataBlockSize bytes to Host:Port, InterTransmissionTime ms apart, each carrying a TestGenSN
// in the UDP Echo Plus header; with EnableIndividualPacketResults, one IndividualPacketResult row each.
#include "diagnostics/diagnostic.h"
#include "diagnostics/echo_statistics.h"

namespace cpemu::diagnostics {

std::string runUdpEchoDiagnostics(DiagnosticContext& c) {
  const IpVersion version = parseIpVersion(c.input("ProtocolVersion"));
  const std::string host = c.input("Host");
  Resolved target = c.resolveTarget("UDPEcho", host, version);
  if (!target.ok()) return "Error_CannotResolveHostName";
  EchoRequest request;
  request.address = target.address;
  request.port = static_cast<std::uint16_t>(c.inputUnsigned("Port", 7));
  request.repetitions = c.inputUnsigned("NumberOfRepetitions", 5);
  request.timeout = std::chrono::milliseconds(c.inputUnsigned("Timeout", 1000));
  request.dataBlockSize = c.inputUnsigned("DataBlockSize", 24);
  request.dscp = c.inputUnsigned("DSCP", 0);
  request.interval = std::chrono::milliseconds(c.inputUnsigned("InterTransmissionTime", 1000));
  EchoOutcome outcome = c.network().udpEcho(request);
  if (outcome.error) return c.failed("UDPEcho", host, *outcome.error);
  c.set("IPAddressUsed",
        outcome.sourceAddress.empty() ? c.modelSourceAddress(version) : outcome.sourceAddress);
  EchoStatistics stats = EchoStatistics::of(outcome.replies);
  c.set("SuccessCount", stats.successes);
  c.set("FailureCount", stats.failures);
  c.set("AverageResponseTime", static_cast<std::uint64_t>(stats.average.count()));  // microseconds
  c.set("MinimumResponseTime", static_cast<std::uint64_t>(stats.minimum.count()));
  c.set("MaximumResponseTime", static_cast<std::uint64_t>(stats.maximum.count()));
  if (c.inputBool("EnableIndividualPacketResults")) {
    // UDPEchoDiagnosticsMaxResults bounds the table (TR-181); 0 or absent: no bound of the device's own.
    const unsigned max = c.inputUnsigned("UDPEchoDiagnosticsMaxResults", 0);
    for (std::size_t i = 0; i < outcome.replies.size() && (max == 0 || i < max); ++i) {
      const EchoReply& r = outcome.replies[i];
      const std::string row = c.addRow("IndividualPacketResult");
      c.set(row + "PacketSuccess", r.success ? "true" : "false");
      c.set(row + "PacketSendTime", formatMicroTime(r.sent));
      if (r.success) c.set(row + "PacketReceiveTime", formatMicroTime(r.received));
      c.set(row + "TestGenSN", static_cast<std::uint64_t>(i));
      c.set(row + "TestRespSN", r.respSn);
      c.set(row + "TestRespRcvTimeStamp", r.respRcvTimeStamp);
      c.set(row + "TestRespReplyTimeStamp", r.respReplyTimeStamp);
      c.set(row + "TestRespReplyFailureCount", r.respReplyFailureCount);
    }
  }
  c.log().info(c.device().label(), "UDPEcho " + host + " (" + target.address +
                                       "): " + std::to_string(stats.successes) + " of " +
                                       std::to_string(outcome.replies.size()) + " echoed");
  return "Complete";
}

}  // namespace cpemu::diagnostics
