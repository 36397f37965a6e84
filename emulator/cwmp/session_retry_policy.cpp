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

}  // namespace cpemu::cwmp
