// How long a CPE waits before retrying a failed session (TR-069 A6 §3.2.1.1, Table 3): with
// m = CWMPRetryMinimumWaitInterval and k = CWMPRetryIntervalMultiplier / 1000, the n-th retry waits a
// random time in [m·k^(n-1), m·k^n) seconds; from the 10th retry on the range stays that of the 10th.
#pragma once

#include <chrono>
#include <cstdint>
#include <random>

namespace cpemu::cwmp {

class SessionRetryPolicy {
 public:
  SessionRetryPolicy(unsigned minimumWaitSeconds = 5, unsigned intervalMultiplier = 2000)
      : minimumWait_(minimumWaitSeconds), multiplier_(intervalMultiplier) {}

  struct Range {
    double minSeconds;
    double maxSeconds;
  };
  // The wait range before retry number `retryCount` (1 = first retry after a failure).
  Range range(unsigned retryCount) const;
  // A wait drawn uniformly from range(retryCount).
  // `Random`: any UniformRandomBitGenerator (a device uses device::SmallRandom).
  template <class Random>
  std::chrono::milliseconds wait(unsigned retryCount, Random& random) const {
    Range r = range(retryCount);
    if (r.maxSeconds <= r.minSeconds)  // multiplier 1.000: a single point (the distribution needs min < max)
      return std::chrono::milliseconds(static_cast<std::int64_t>(r.minSeconds * 1000.0));
    std::uniform_real_distribution<double> pick(r.minSeconds, r.maxSeconds);
    return std::chrono::milliseconds(static_cast<std::int64_t>(pick(random) * 1000.0));
  }

 private:
  unsigned minimumWait_;
  unsigned multiplier_;
};

}  // namespace cpemu::cwmp
