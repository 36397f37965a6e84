// TR-069 A6 §3.2.1.1 (Table 3): the session retry wait intervals.
#include <gtest/gtest.h>

#include "cwmp/session_retry_policy.h"
#include "device/small_random.h"

namespace cpemu::cwmp {
namespace {

TEST(SessionRetryPolicy, DefaultsFollowTheSpecTable) {
  SessionRetryPolicy p;  // CWMPRetryMinimumWaitInterval 5, CWMPRetryIntervalMultiplier 2000
  const double table[][2] = {{5, 10},     {10, 20},   {20, 40},    {40, 80},    {80, 160},
                             {160, 320},  {320, 640}, {640, 1280}, {1280, 2560}, {2560, 5120}};
  for (unsigned n = 1; n <= 10; ++n) {
    auto r = p.range(n);
    EXPECT_DOUBLE_EQ(r.minSeconds, table[n - 1][0]) << n;
    EXPECT_DOUBLE_EQ(r.maxSeconds, table[n - 1][1]) << n;
  }
  for (unsigned n : {11u, 12u, 100u}) {  // "10 and subsequent"
    EXPECT_DOUBLE_EQ(p.range(n).minSeconds, 2560);
    EXPECT_DOUBLE_EQ(p.range(n).maxSeconds, 5120);
  }
}

TEST(SessionRetryPolicy, ConfiguredMinimumAndMultiplier) {
  SessionRetryPolicy p(30, 1500);
  EXPECT_DOUBLE_EQ(p.range(1).minSeconds, 30);
  EXPECT_DOUBLE_EQ(p.range(1).maxSeconds, 45);
  EXPECT_DOUBLE_EQ(p.range(3).minSeconds, 67.5);
  EXPECT_DOUBLE_EQ(p.range(3).maxSeconds, 101.25);
  SessionRetryPolicy flat(7, 1000);  // multiplier 1.000: every retry waits exactly the minimum
  EXPECT_DOUBLE_EQ(flat.range(9).minSeconds, 7);
  EXPECT_DOUBLE_EQ(flat.range(9).maxSeconds, 7);
}

TEST(SessionRetryPolicy, WaitsAreRandomWithinTheRange) {
  SessionRetryPolicy p;
  device::SmallRandom random(42);  // the 8-byte engine a device draws its waits from
  for (unsigned n = 1; n <= 12; ++n) {
    auto r = p.range(n);
    std::chrono::milliseconds lo{}, hi{};
    for (int i = 0; i < 200; ++i) {
      auto w = p.wait(n, random);
      EXPECT_GE(w.count(), static_cast<long>(r.minSeconds * 1000)) << n;
      EXPECT_LT(w.count(), static_cast<long>(r.maxSeconds * 1000)) << n;
      if (i == 0 || w < lo) lo = w;
      if (i == 0 || w > hi) hi = w;
    }
    // Randomised (§3.2.1.1 "randomly chosen"), not one fixed point: 200 draws spread over the range.
    EXPECT_GT((hi - lo).count(), static_cast<long>((r.maxSeconds - r.minSeconds) * 1000 / 2)) << n;
  }
}

}  // namespace
}  // namespace cpemu::cwmp
