// The event rules of TR-069 A6 §3.7.1.5: single vs cumulative codes, 64 per Inform, what survives a
// failed session and a reboot, and the standalone 14 HEARTBEAT.
#include <gtest/gtest.h>

#include "device/event_queue.h"

namespace cpemu::device {
namespace {

std::vector<std::string> codes(const std::vector<Event>& events) {
  std::vector<std::string> out;
  for (const auto& e : events) out.push_back(e.code + (e.commandKey.empty() ? "" : "/" + e.commandKey));
  return out;
}

TEST(EventQueue, SingleEventsAppearOnceMultipleOncePerCommandKey) {
  EventQueue q;
  q.add(event::Periodic);
  q.add(event::Periodic);
  q.add(event::MReboot, "a");
  q.add(event::MReboot, "a");
  q.add(event::MReboot, "b");
  q.add("X 00D09E FanFailure", "1");
  q.add("X 00D09E FanFailure", "2");
  EXPECT_EQ(codes(q.all()), (std::vector<std::string>{"2 PERIODIC", "M Reboot/a", "M Reboot/b",
                                                      "X 00D09E FanFailure/1", "X 00D09E FanFailure/2"}));
}

TEST(EventQueue, BootstrapLeadsTheInform) {
  EventQueue q;
  q.add(event::Boot);
  q.add(event::Bootstrap);
  EXPECT_EQ(codes(q.forInform()), (std::vector<std::string>{"0 BOOTSTRAP", "1 BOOT"}));
}

TEST(EventQueue, AtMost64PerInformTheRestInTheNext) {
  EventQueue q;
  for (int i = 0; i < 70; ++i) q.add(event::MScheduleInform, std::to_string(i));
  auto first = q.forInform();
  ASSERT_EQ(first.size(), 64u);
  q.delivered(first);
  auto second = q.forInform();
  ASSERT_EQ(second.size(), 6u);
  EXPECT_EQ(second.front().commandKey, "64");
}

TEST(EventQueue, DeliveredRemovesExactlyWhatWasReportedEvenIfEventsArrivedMeanwhile) {
  EventQueue q;
  q.add(event::Boot);
  auto reported = q.forInform();
  q.add(event::Periodic);  // raised while the session was running
  q.delivered(reported);
  EXPECT_EQ(codes(q.all()), (std::vector<std::string>{"2 PERIODIC"}));
}

TEST(EventQueue, FailedSessionDropsOnlyConnectionRequest) {
  EventQueue q;
  for (auto c : {event::Bootstrap, event::Boot, event::Periodic, event::Scheduled, event::ValueChange,
                 event::ConnectionRequest, event::TransferComplete, event::DiagnosticsComplete, event::Heartbeat})
    q.add(c);
  q.add(event::MReboot, "r");
  q.sessionFailed();
  EXPECT_FALSE(q.contains(event::ConnectionRequest));
  EXPECT_EQ(q.all().size(), 9u);
}

TEST(EventQueue, RebootDropsBootValueChangeDiagnosticsHeartbeatAndConnectionRequest) {
  EventQueue q;
  for (auto c : {event::Bootstrap, event::Boot, event::Periodic, event::Scheduled, event::ValueChange,
                 event::ConnectionRequest, event::TransferComplete, event::DiagnosticsComplete, event::Heartbeat,
                 event::Wakeup})
    q.add(c);
  q.add(event::MReboot, "r");
  q.add(event::MDownload, "d");
  q.add("X 00D09E Tick");
  q.rebooted();
  EXPECT_EQ(codes(q.all()),
            (std::vector<std::string>{"0 BOOTSTRAP", "2 PERIODIC", "3 SCHEDULED", "7 TRANSFER COMPLETE", "13 WAKEUP",
                                      "M Reboot/r", "M Download/d", "X 00D09E Tick"}));
}

TEST(EventQueue, HeartbeatGoesAloneAfterTheOtherEvents) {
  EventQueue q;
  q.add(event::Heartbeat);
  q.add(event::Periodic);
  auto first = q.forInform();
  EXPECT_EQ(codes(first), (std::vector<std::string>{"2 PERIODIC"}));
  q.delivered(first);
  EXPECT_EQ(codes(q.forInform()), (std::vector<std::string>{"14 HEARTBEAT"}));
}

TEST(EventPolicy, KnowsEveryStandardCodeAndChecksVendorCodes) {
  for (auto c : {"0 BOOTSTRAP", "1 BOOT", "2 PERIODIC", "3 SCHEDULED", "4 VALUE CHANGE", "5 KICKED",
                 "6 CONNECTION REQUEST", "7 TRANSFER COMPLETE", "8 DIAGNOSTICS COMPLETE", "9 REQUEST DOWNLOAD",
                 "10 AUTONOMOUS TRANSFER COMPLETE", "11 DU STATE CHANGE COMPLETE",
                 "12 AUTONOMOUS DU STATE CHANGE COMPLETE", "13 WAKEUP", "14 HEARTBEAT", "M Reboot",
                 "M ScheduleInform", "M Download", "M ScheduleDownload", "M Upload", "X 0A1B2C LinkFlap"})
    EXPECT_TRUE(eventPolicy(c).known) << c;
  EXPECT_FALSE(eventPolicy("15 SOMETHING").known);
  EXPECT_FALSE(isVendorEventCode("X 0a1b2c lower"));
  EXPECT_FALSE(isVendorEventCode("X 0A1B2 short"));
  EXPECT_FALSE(isVendorEventCode("X 0A1B2C"));
  EXPECT_TRUE(isVendorEventCode("X 0A1B2C Fan Failure"));
}

}  // namespace
}  // namespace cpemu::device
