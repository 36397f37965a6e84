// How a device runs TR-143 diagnostics (profile key `diagnostics:`, docs/diagnostics.md): simulated from
// the models below (fleets), or for real over the host's network (the single-device appliance).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "profile/profile_error.h"

namespace cpemu::profile {

enum class DiagnosticsMode { Simulated, Real };

// What a simulated resolver does with a name that is neither an address nor listed under `resolve:`.
enum class UnknownHostRule {
  Synthesize,  // resolves to a stable made-up address (198.18.0.0/15, 2001:db8:ffff::/48)
  Fail,        // cannot be resolved (Error_CannotResolveHostName)
};

struct DiagnosticsSettings {
  DiagnosticsMode mode = DiagnosticsMode::Simulated;
  // Simulated round trip of one packet to any target: uniform in [min, max] milliseconds.
  double latencyMinMs = 8;
  double latencyMaxMs = 25;
  double lossPercent = 0;     // chance that one echo packet (ping, UDP echo) is lost
  double downloadMbps = 200;  // simulated throughput, megabits per second
  double uploadMbps = 40;
  unsigned hops = 6;                                        // simulated route length, the target included
  std::uint64_t downloadBytes = 10'000'000;                 // size of the file a simulated DownloadURL serves
  std::map<std::string, std::vector<std::string>> resolve;  // lower-case host name -> addresses
  UnknownHostRule unknownHosts = UnknownHostRule::Synthesize;
  // Forced outcomes for ACS back-testing: diagnostic name ("IPPing") -> error state ("Error_Internal").
  std::map<std::string, std::string> fail;
  std::uint64_t seed = 0;  // mixed with the device index, so each device of a fleet differs, repeatably
};

}  // namespace cpemu::profile
