#include "cwmp/session_retry_policy.h"

#include <algorithm>
#include <cmath>

namespace cpemu::cwmp {

SessionRetryPolicy::Range SessionRetryPolicy::range(unsigned retryCount) const {
  unsigned n = std::clamp(retryCount, 1u, 10u);
  double m = minimumWait_;
  double k = multiplier_ / 1000.0;
  return {m * std::pow(k, n - 1), m * std::pow(k, n)};
}

std::chrono::milliseconds SessionRetryPolicy::wait(unsigned retryCount, std::mt19937_64& random) const {
  Range r = range(retryCount);
  if (r.maxSeconds <= r.minSeconds)  // multiplier 1.000: a single point (the distribution needs min < max)
    return std::chrono::milliseconds(static_cast<std::int64_t>(r.minSeconds * 1000.0));
  std::uniform_real_distribution<double> pick(r.minSeconds, r.maxSeconds);
  return std::chrono::milliseconds(static_cast<std::int64_t>(pick(random) * 1000.0));
}

}  // namespace cpemu::cwmp
