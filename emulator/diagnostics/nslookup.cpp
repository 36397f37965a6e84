// Device.DNS.Diagnostics.NSLookupDiagnostics (TR-181 2.19): NumberOfRepetitions look-ups of HostName, at
// DNSServer when given, one Result row each. A name that does not resolve is a result
// (Error_HostNameNotResolved), not a failed test: the test fails only when the DNS server itself cannot be
// resolved (Error_DNSServerNotResolved) or cpemu cannot run it (Error_Internal).
#include "diagnostics/diagnostic.h"

namespace cpemu::diagnostics {

std::string runNsLookup(DiagnosticContext& c) {
  LookupRequest request;
  request.hostName = c.input("HostName");
  request.dnsServer = c.input("DNSServer");
  request.timeout = std::chrono::milliseconds(c.inputUnsigned("Timeout", 5000));
  request.repetitions = c.inputUnsigned("NumberOfRepetitions", 1);
  LookupOutcome outcome = c.network().lookup(request);
  if (outcome.error) return c.failed("NSLookup", request.hostName, *outcome.error);
  unsigned successes = 0;
  for (const auto& r : outcome.results) {
    const std::string row = c.addRow("Result");
    c.set(row + "Status", r.status);
    c.set(row + "AnswerType", r.answerType);
    c.set(row + "HostNameReturned", r.hostNameReturned);
    std::string addresses;  // TR-181: at most 10 addresses
    for (std::size_t i = 0; i < r.addresses.size() && i < 10; ++i)
      addresses += (addresses.empty() ? "" : ",") + r.addresses[i];
    c.set(row + "IPAddresses", addresses);
    c.set(row + "DNSServerIP", r.dnsServerIp);
    c.set(row + "ResponseTime", r.responseTimeMs);
    if (r.status == "Success") ++successes;
  }
  c.set("SuccessCount", successes);
  c.log().info(c.device().label(), "NSLookup " + request.hostName + ": " + std::to_string(successes) +
                                       " of " + std::to_string(outcome.results.size()) + " answered");
  return "Complete";
}

}  // namespace cpemu::diagnostics
