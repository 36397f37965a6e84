// PeriodicTimer: the phase rules of TR-181 PeriodicInformTime / HeartbeatPolicy.InitiationTime.
#include <gtest/gtest.h>

#include "device/periodic_timer.h"

namespace cpemu::device {
namespace {

using namespace std::chrono_literals;

TimePoint at(const char* text) {
  auto t = parseDateTime(text);
  EXPECT_TRUE(t.has_value()) << text;
  return t.value_or(TimePoint{});
}

TEST(PeriodicTimer, AlignedToAPhaseInThePastOrFuture) {
  PeriodicTimer daily;
  // TR-181's example: interval a day, phase UTC midnight on some day -> every UTC midnight, starting at
  // the very next one even when the phase lies in the future.
  daily.configure({true, 86400s, at("2030-06-01T00:00:00Z")}, at("2026-11-25T16:40:12Z"));
  EXPECT_EQ(daily.due(), at("2026-11-26T00:00:00Z"));
  daily.configure({true, 86400s, at("2001-01-01T00:00:00Z")}, at("2026-11-25T16:40:12Z"));
  EXPECT_EQ(daily.due(), at("2026-11-26T00:00:00Z"));

  PeriodicTimer t;
  t.configure({true, 300s, at("2026-11-25T00:01:30Z")}, at("2026-11-25T16:40:12Z"));
  EXPECT_EQ(t.due(), at("2026-11-25T16:41:30Z"));
  EXPECT_FALSE(t.fire(at("2026-11-25T16:41:29Z")));
  EXPECT_TRUE(t.fire(at("2026-11-25T16:41:30Z")));
  EXPECT_EQ(t.due(), at("2026-11-25T16:46:30Z"));
}

TEST(PeriodicTimer, UnknownTimeCountsFromWhenItStarts) {
  PeriodicTimer t;
  t.configure({true, 60s, std::nullopt}, at("2026-11-25T16:40:12Z"));
  EXPECT_EQ(t.due(), at("2026-11-25T16:41:12Z"));
  EXPECT_EQ(parseDateTime("0001-01-01T00:00:00Z"), std::nullopt);  // the TR-106 Unknown Time
}

// TR-181's "forever" (9999-12-31T23:59:59Z) and other times the clock cannot hold (it counts nanoseconds:
// 1678 to 2262) are not absolute times; reading them must not overflow (UBSan found it against GenieACS,
// which reads the gateway's IPv6 lifetimes).
TEST(PeriodicTimer, TimesBeyondWhatTheClockHoldsAreNotAbsoluteTimes) {
  EXPECT_EQ(parseDateTime("9999-12-31T23:59:59Z"), std::nullopt);
  EXPECT_EQ(parseDateTime("1200-06-01T00:00:00Z"), std::nullopt);
  EXPECT_EQ(parseDateTime("2262-01-01T00:00:00Z"), at("2262-01-01T00:00:00Z"));
  EXPECT_EQ(formatDateTime(*parseDateTime("2200-01-01T00:00:00Z")), "2200-01-01T00:00:00Z");
}

TEST(PeriodicTimer, MissedPeriodsAreNotQueued) {
  PeriodicTimer t;
  t.configure({true, 60s, std::nullopt}, at("2026-11-25T16:00:00Z"));
  EXPECT_TRUE(t.fire(at("2026-11-25T16:10:30Z")));  // ten periods late: one event
  EXPECT_EQ(t.due(), at("2026-11-25T16:11:00Z"));
  EXPECT_FALSE(t.fire(at("2026-11-25T16:10:59Z")));
}

TEST(PeriodicTimer, ChangedSettingsTakeEffectAtOnceUnchangedOnesKeepTheSchedule) {
  PeriodicTimer t;
  t.configure({true, 3600s, std::nullopt}, at("2026-11-25T16:00:00Z"));
  t.configure({true, 3600s, std::nullopt}, at("2026-11-25T16:30:00Z"));
  EXPECT_EQ(t.due(), at("2026-11-25T17:00:00Z"));
  t.configure({true, 60s, std::nullopt}, at("2026-11-25T16:30:00Z"));
  EXPECT_EQ(t.due(), at("2026-11-25T16:31:00Z"));
  t.configure({false, 60s, std::nullopt}, at("2026-11-25T16:30:10Z"));
  EXPECT_EQ(t.due(), std::nullopt);
  EXPECT_FALSE(t.fire(at("2026-11-25T18:00:00Z")));
}

TEST(PeriodicTimer, NextAlignedHandlesPhasesAfterTheTime) {
  EXPECT_EQ(PeriodicTimer::nextAligned(at("2026-11-25T10:00:00Z"), 7s, at("2026-11-25T09:59:59Z")),
            at("2026-11-25T10:00:00Z"));
  EXPECT_EQ(PeriodicTimer::nextAligned(at("2026-11-25T10:00:00Z"), 7s, at("2026-11-25T09:59:52Z")),
            at("2026-11-25T09:59:53Z"));
}

}  // namespace
}  // namespace cpemu::device
