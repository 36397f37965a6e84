// A network made of the profile's models (`diagnostics:` in docs/diagnostics.md): no packet is sent and
// no time passes, so 10,000 devices can run diagnostics at once. Every figure is drawn from a generator
// seeded per device and per run, so a device repeats its results for the same seed; time stamps start at
// the device's clock and advance by the simulated durations.
#pragma once

#include <cstdint>
#include <random>

#include "diagnostics/network.h"
#include "profile/diagnostics_settings.h"

namespace cpemu::diagnostics {

class SimulatedNetwork final : public Network {
 public:
  SimulatedNetwork(const profile::DiagnosticsSettings& settings, std::uint64_t seed, device::TimePoint now);

  Resolved resolve(const std::string& host, IpVersion version) override;
  EchoOutcome ping(const EchoRequest& request) override;
  TraceOutcome traceRoute(const TraceRequest& request) override;
  LookupOutcome lookup(const LookupRequest& request) override;
  EchoOutcome udpEcho(const EchoRequest& request) override;
  TransferOutcome download(const TransferRequest& request) override;
  TransferOutcome upload(const TransferRequest& request) override;

 private:
  Micros roundTrip(double share = 1.0);  // one round trip over `share` of the route
  bool lost();
  EchoOutcome echo(const EchoRequest& request, bool echoPlus);
  TransferOutcome transfer(const TransferRequest& request, bool download);
  std::vector<std::string> addressesOf(const std::string& host);

  const profile::DiagnosticsSettings& settings_;
  std::mt19937_64 random_;
  device::TimePoint clock_;  // the simulated time, advanced by what the tests "take"
};

}  // namespace cpemu::diagnostics
