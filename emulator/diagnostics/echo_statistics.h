// Round-trip statistics of an echo test (IPPing, UDPEchoDiagnostics): the figures TR-181 reports.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "diagnostics/network.h"

namespace cpemu::diagnostics {

struct EchoStatistics {
  std::uint64_t successes = 0;
  std::uint64_t failures = 0;
  Micros average{0}, minimum{0}, maximum{0};  // over the answered packets; 0 when none was answered

  static EchoStatistics of(const std::vector<EchoReply>& replies) {
    EchoStatistics s;
    Micros total{0};
    for (const auto& r : replies) {
      if (!r.success) {
        ++s.failures;
        continue;
      }
      s.minimum = s.successes == 0 ? r.rtt : std::min(s.minimum, r.rtt);
      s.maximum = std::max(s.maximum, r.rtt);
      total += r.rtt;
      ++s.successes;
    }
    if (s.successes) s.average = total / static_cast<std::int64_t>(s.successes);
    return s;
  }

  static std::uint64_t millisecondsRoundedUp(Micros t) {
    return static_cast<std::uint64_t>((t.count() + 999) / 1000);
  }
};

}  // namespace cpemu::diagnostics
