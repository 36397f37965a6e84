// Device.IP.Diagnostics.TraceRoute (TR-181 2.19): probes with a growing TTL (hop limit) until the target
// answers or MaxHopCount is reached; one RouteHops row per hop.
#include "diagnostics/diagnostic.h"

namespace cpemu::diagnostics {

std::string runTraceRoute(DiagnosticContext& c) {
  const IpVersion version = parseIpVersion(c.input("ProtocolVersion"));
  const std::string host = c.input("Host");
  Resolved target = c.resolveTarget("TraceRoute", host, version);
  if (!target.ok()) return "Error_CannotResolveHostName";
  TraceRequest request;
  request.address = target.address;
  request.tries = c.inputUnsigned("NumberOfTries", 3);
  request.timeout = std::chrono::milliseconds(c.inputUnsigned("Timeout", 5000));
  request.dataBlockSize = c.inputUnsigned("DataBlockSize", 38);
  request.dscp = c.inputUnsigned("DSCP", 0);
  request.maxHops = c.inputUnsigned("MaxHopCount", 30);
  TraceOutcome outcome = c.network().traceRoute(request);
  if (outcome.error) return c.failed("TraceRoute", host, *outcome.error);
  c.set("IPAddressUsed",
        outcome.sourceAddress.empty() ? c.modelSourceAddress(version) : outcome.sourceAddress);
  for (const auto& hop : outcome.hops) {
    const std::string row = c.addRow("RouteHops");
    c.set(row + "Host", hop.address);  // no reverse lookup: the address stands for the name
    c.set(row + "HostAddress", hop.address);
    c.set(row + "ErrorCode", hop.errorCode);
    std::string times;
    for (unsigned ms : hop.rttMs) times += (times.empty() ? "" : ",") + std::to_string(ms);
    c.set(row + "RTTimes", times);
  }
  // ResponseTime: the mean of the answered probes to the target; 0 when no route was found (TR-181).
  unsigned total = 0, answered = 0;
  for (unsigned ms : outcome.reached ? outcome.hops.back().rttMs : std::vector<unsigned>{}) {
    if (ms == 0) continue;
    total += ms;
    ++answered;
  }
  c.set("ResponseTime", answered ? (total + answered / 2) / answered : 0);
  c.log().info(c.device().label(), "TraceRoute " + host + " (" + target.address +
                                       "): " + std::to_string(outcome.hops.size()) + " hops" +
                                       (outcome.reached ? "" : ", target not reached"));
  if (!outcome.reached) return "Error_MaxHopCountExceeded";
  return "Complete";
}

}  // namespace cpemu::diagnostics
