// Device.IP.Diagnostics.IPPing (TR-181 2.19; TR-143 §3 "IP Ping"): NumberOfRepetitions ICMP echo requests
// of DataBlockSize bytes, each waiting Timeout ms for its reply.
#include <algorithm>
#include <limits>

#include "diagnostics/diagnostic.h"
#include "diagnostics/echo_statistics.h"

namespace cpemu::diagnostics {

std::string runIpPing(DiagnosticContext& c) {
  const IpVersion version = parseIpVersion(c.input("ProtocolVersion"));
  const std::string host = c.input("Host");
  Resolved target = c.resolveTarget("IPPing", host, version);
  if (!target.ok()) return "Error_CannotResolveHostName";
  EchoRequest request;
  request.address = target.address;
  request.repetitions = c.inputUnsigned("NumberOfRepetitions", 4);
  request.timeout = std::chrono::milliseconds(c.inputUnsigned("Timeout", 1000));
  request.dataBlockSize = c.inputUnsigned("DataBlockSize", 56);
  request.dscp = c.inputUnsigned("DSCP", 0);
  EchoOutcome outcome = c.network().ping(request);
  if (outcome.error) return c.failed("IPPing", host, *outcome.error);
  c.set("IPAddressUsed",
        outcome.sourceAddress.empty() ? c.modelSourceAddress(version) : outcome.sourceAddress);
  EchoStatistics stats = EchoStatistics::of(outcome.replies);
  c.set("SuccessCount", stats.successes);
  c.set("FailureCount", stats.failures);
  // Milliseconds rounded up, as TR-181 asks for TraceRoute's RTTimes, so that a sub-millisecond reply
  // does not read as none; the *Detailed figures are in microseconds.
  c.set("AverageResponseTime", stats.millisecondsRoundedUp(stats.average));
  c.set("MinimumResponseTime", stats.millisecondsRoundedUp(stats.minimum));
  c.set("MaximumResponseTime", stats.millisecondsRoundedUp(stats.maximum));
  c.set("AverageResponseTimeDetailed", static_cast<std::uint64_t>(stats.average.count()));
  c.set("MinimumResponseTimeDetailed", static_cast<std::uint64_t>(stats.minimum.count()));
  c.set("MaximumResponseTimeDetailed", static_cast<std::uint64_t>(stats.maximum.count()));
  c.log().info(c.device().label(), "IPPing " + host + " (" + target.address +
                                       "): " + std::to_string(stats.successes) + " of " +
                                       std::to_string(outcome.replies.size()) + " replies");
  return "Complete";
}

}  // namespace cpemu::diagnostics
