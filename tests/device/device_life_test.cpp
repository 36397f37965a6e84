// A device's life over hours and days, in milliseconds: the real CpeAgent with a virtual clock, against
// the test ACS over loopback HTTP. Each test checks when the device informed (the Inform's CurrentTime,
// which comes from the device's clock) and with which events.
#include <gtest/gtest.h>

#include <sstream>
#include <thread>

#include "acs/acs_server.h"
#include "cwmp/cpe_agent.h"
#include "datamodel/model_loader.h"
#include "profile/device_template.h"
#include "profile/profile_loader.h"
#include "support/temp_dir.h"
#include "support/shipped_profiles.h"
#include "support/test_paths.h"
#include "support/virtual_clock.h"

namespace cpemu::test {
namespace {

using namespace std::chrono_literals;

device::TimePoint at(const std::string& text) {
  auto t = device::parseDateTime(text);
  EXPECT_TRUE(t) << text;
  return t.value_or(device::TimePoint{});
}

std::shared_ptr<const profile::DeviceTemplate> gateway() { return test::shippedProfile("gateway.yaml"); }

class DeviceLife : public ::testing::Test {
 protected:
  acs::AcsServer& startAcs(const std::string& script) {
    auto& acs = acses_.emplace_back(std::make_unique<acs::AcsServer>());
    acs->setScript(acs::parseAcsScript(script, "life.yaml"));
    acs->start("127.0.0.1", 0);
    return *acs;
  }

  // Runs the device until it has had `sessions` sessions (or failed ones); returns the failures.
  unsigned live(unsigned sessions, const std::vector<std::pair<std::string, std::string>>& values,
                const std::string& acsUrl) {
    for (const auto& [path, v] : values) EXPECT_FALSE(device_.setFactoryValue(path, v)) << path;
    EXPECT_FALSE(device_.setFactoryValue("Device.ManagementServer.URL", acsUrl));
    cwmp::AgentOptions options;
    options.clock = &clock_;
    options.maxSessions = sessions;
    options.stateDir = state_.path();
    cwmp::CpeAgent agent(device_, logger_, options);
    return agent.run();
  }

  static std::vector<std::string> times(const std::vector<acs::SessionRecord>& sessions) {
    std::vector<std::string> out;
    for (const auto& s : sessions) out.push_back(s.currentTime);
    return out;
  }
  static std::vector<std::string> events(const acs::SessionRecord& s) {
    std::vector<std::string> out;
    for (const auto& e : s.events) out.push_back(e.eventCode + (e.commandKey.empty() ? "" : "/" + e.commandKey));
    return out;
  }

  VirtualClock clock_{at("2026-11-25T10:17:00Z")};
  device::Device device_{gateway(), 1};
  std::ostringstream log_;
  log::Logger logger_{log_, log::Level::Info};
  TempDir state_;
  std::vector<std::unique_ptr<acs::AcsServer>> acses_;
};

TEST_F(DeviceLife, PeriodicInformsLandOnPeriodicInformTimePlusWholeIntervals) {
  auto& acs = startAcs("sessions: []\n");
  live(4,
       {{"Device.ManagementServer.PeriodicInformEnable", "true"},
        {"Device.ManagementServer.PeriodicInformInterval", "3600"},
        {"Device.ManagementServer.PeriodicInformTime", "2026-01-01T00:00:30Z"}},
       acs.url());
  auto s = acs.sessions();
  ASSERT_EQ(s.size(), 4u) << log_.str();
  EXPECT_EQ(times(s), (std::vector<std::string>{"2026-11-25T10:17:00Z", "2026-11-25T11:00:30Z",
                                                "2026-11-25T12:00:30Z", "2026-11-25T13:00:30Z"}));
  EXPECT_EQ(events(s[0]), (std::vector<std::string>{"0 BOOTSTRAP", "1 BOOT"}));
  for (int i = 1; i < 4; ++i) EXPECT_EQ(events(s[i]), (std::vector<std::string>{"2 PERIODIC"})) << i;
}

TEST_F(DeviceLife, WithoutPeriodicInformTimeTheIntervalCountsFromBoot) {
  auto& acs = startAcs("sessions: []\n");
  live(3, {{"Device.ManagementServer.PeriodicInformInterval", "300"}}, acs.url());
  EXPECT_EQ(times(acs.sessions()),
            (std::vector<std::string>{"2026-11-25T10:17:00Z", "2026-11-25T10:22:00Z", "2026-11-25T10:27:00Z"}));
}

TEST_F(DeviceLife, IntervalSetByTheAcsTakesEffectAtOnce) {
  auto& acs = startAcs(R"(
sessions:
  - rpcs:
      - SetParameterValues:
          ParameterList: [{Name: Device.ManagementServer.PeriodicInformInterval, Value: "45", Type: xsd:unsignedInt}]
)");
  live(3, {{"Device.ManagementServer.PeriodicInformInterval", "86400"}}, acs.url());
  EXPECT_EQ(times(acs.sessions()),
            (std::vector<std::string>{"2026-11-25T10:17:00Z", "2026-11-25T10:17:45Z", "2026-11-25T10:18:30Z"}));
}

TEST_F(DeviceLife, PeriodicInformsStopWhenTheAcsDisablesThem) {
  auto& acs = startAcs(R"(
sessions:
  - rpcs:
      - SetParameterValues:
          ParameterList: [{Name: Device.ManagementServer.PeriodicInformEnable, Value: "false", Type: xsd:boolean}]
      - ScheduleInform: {DelaySeconds: 7200, CommandKey: later}
)");
  live(2, {{"Device.ManagementServer.PeriodicInformInterval", "60"}}, acs.url());
  auto s = acs.sessions();
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[1].currentTime, "2026-11-25T12:17:00Z");  // no periodic at 10:18 any more
  EXPECT_EQ(events(s[1]), (std::vector<std::string>{"3 SCHEDULED", "M ScheduleInform/later"}));
}

TEST_F(DeviceLife, ScheduleInformsFireAtTheirDelaysEachWithItsCommandKey) {
  auto& acs = startAcs(R"(
sessions:
  - rpcs:
      - ScheduleInform: {DelaySeconds: 600, CommandKey: ten-minutes}
      - ScheduleInform: {DelaySeconds: 90, CommandKey: ninety}
)");
  live(3, {{"Device.ManagementServer.PeriodicInformEnable", "false"}}, acs.url());
  auto s = acs.sessions();
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(times(s), (std::vector<std::string>{"2026-11-25T10:17:00Z", "2026-11-25T10:18:30Z",
                                                "2026-11-25T10:27:00Z"}));
  EXPECT_EQ(events(s[1]), (std::vector<std::string>{"3 SCHEDULED", "M ScheduleInform/ninety"}));
  EXPECT_EQ(events(s[2]), (std::vector<std::string>{"3 SCHEDULED", "M ScheduleInform/ten-minutes"}));
}

TEST_F(DeviceLife, HeartbeatSessionsCarryOnlyTheHeartbeatEvent) {
  auto& acs = startAcs("sessions: []\n");
  clock_.advance(10s);  // 10:17:10
  live(4,
       {{"Device.ManagementServer.PeriodicInformInterval", "120"},
        {"Device.ManagementServer.PeriodicInformTime", "2026-11-25T00:00:30Z"},
        {"Device.ManagementServer.HeartbeatPolicy.Enable", "true"},
        {"Device.ManagementServer.HeartbeatPolicy.ReportingInterval", "60"},
        {"Device.ManagementServer.HeartbeatPolicy.InitiationTime", "2026-11-25T00:00:30Z"}},
       acs.url());
  auto s = acs.sessions();
  ASSERT_EQ(s.size(), 4u);
  // 10:17:30 is a heartbeat only; at 10:18:30 both are due: the periodic Inform first, the heartbeat in a
  // session of its own (TR-069 Annex O).
  EXPECT_EQ(times(s), (std::vector<std::string>{"2026-11-25T10:17:10Z", "2026-11-25T10:17:30Z",
                                                "2026-11-25T10:18:30Z", "2026-11-25T10:18:30Z"}));
  EXPECT_EQ(events(s[1]), (std::vector<std::string>{"14 HEARTBEAT"}));
  EXPECT_EQ(events(s[2]), (std::vector<std::string>{"2 PERIODIC"}));
  EXPECT_EQ(events(s[3]), (std::vector<std::string>{"14 HEARTBEAT"}));
}

TEST_F(DeviceLife, FailedSessionsAreRetriedOnTheSpecsBackOffWithRetryCount) {
  auto& acs = startAcs(R"(
sessions:
  - reject: {http_status: 503}
    repeat: 6
)");
  unsigned failures = live(7, {{"Device.ManagementServer.PeriodicInformEnable", "false"}}, acs.url());
  EXPECT_EQ(failures, 6u);
  auto s = acs.sessions();
  ASSERT_EQ(s.size(), 7u);
  auto waits = clock_.waits();
  ASSERT_EQ(waits.size(), 6u);
  // TR-069 §3.2.1.1 with the defaults (5 s, 2000): retry n waits within [5·2^(n-1), 5·2^n) seconds.
  for (unsigned n = 1; n <= 6; ++n) {
    EXPECT_GE(waits[n - 1].length(), std::chrono::milliseconds(5000 << (n - 1))) << n;
    EXPECT_LT(waits[n - 1].length(), std::chrono::milliseconds(5000 << n)) << n;
    EXPECT_EQ(s[n].retryCount, n);
  }
  EXPECT_EQ(s[0].retryCount, 0u);
  EXPECT_TRUE(s[6].completed);
  EXPECT_EQ(events(s[6]), (std::vector<std::string>{"0 BOOTSTRAP", "1 BOOT"}));  // kept until delivered
}

TEST_F(DeviceLife, RetryCountStartsAgainAfterASuccess) {
  auto& acs = startAcs(R"(
sessions:
  - reject: {fault: 8005}
  - rpcs: []
  - reject: {fault: 8005}
  - rpcs: []
)");
  live(4, {{"Device.ManagementServer.PeriodicInformInterval", "3600"}}, acs.url());
  auto s = acs.sessions();
  ASSERT_EQ(s.size(), 4u);
  EXPECT_EQ(s[1].retryCount, 1u);
  EXPECT_EQ(s[2].retryCount, 0u);  // a new session (the periodic one) after the success
  EXPECT_EQ(s[3].retryCount, 1u);
  auto waits = clock_.waits();
  ASSERT_EQ(waits.size(), 3u);
  EXPECT_GE(waits[2].length(), 5s);  // the back-off starts from the first range again
  EXPECT_LT(waits[2].length(), 10s);
}

TEST_F(DeviceLife, ConfiguredRetryIntervalsAreUsed) {
  auto& acs = startAcs("sessions:\n  - reject: {http_status: 500}\n    repeat: 3\n");
  live(4,
       {{"Device.ManagementServer.PeriodicInformEnable", "false"},
        {"Device.ManagementServer.CWMPRetryMinimumWaitInterval", "60"},
        {"Device.ManagementServer.CWMPRetryIntervalMultiplier", "1500"}},
       acs.url());
  auto waits = clock_.waits();
  ASSERT_EQ(waits.size(), 3u) << log_.str();
  const double bounds[][2] = {{60, 90}, {90, 135}, {135, 202.5}};
  for (int i = 0; i < 3; ++i) {
    EXPECT_GE(waits[i].length().count(), bounds[i][0] * 1000) << i;
    EXPECT_LT(waits[i].length().count(), bounds[i][1] * 1000) << i;
  }
}

TEST_F(DeviceLife, ChangedAcsUrlBootstrapsWithTheNewAcs) {
  auto& second = startAcs("sessions: []\n");
  auto& first = startAcs(R"(
sessions:
  - rpcs:
      - SetParameterValues:
          ParameterList: [{Name: Device.ManagementServer.URL, Value: ")" + second.url() + R"(", Type: xsd:string}]
)");
  live(2, {{"Device.ManagementServer.PeriodicInformInterval", "60"}}, first.url());
  ASSERT_EQ(first.sessions().size(), 1u);
  auto s = second.sessions();
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(events(s[0]), (std::vector<std::string>{"0 BOOTSTRAP", "2 PERIODIC"}));
  EXPECT_EQ(device_.bootstrapUrl(), second.url());
}

// A change the device makes on its own at a given time (what behaviours, transfers and diagnostics do).
class SetValueAt final : public device::Activity {
 public:
  SetValueAt(device::TimePoint at, std::string path, std::string value)
      : at_(at), path_(std::move(path)), value_(std::move(value)) {}
  std::optional<device::TimePoint> nextDue(const device::Device&, device::TimePoint) const override {
    return done_ ? std::nullopt : std::optional(at_);
  }
  void run(device::Device& d, device::TimePoint) override {
    EXPECT_FALSE(d.tree().set(path_, value_, datamodel::WriteOrigin::Device)) << path_;
    done_ = true;
  }

 private:
  device::TimePoint at_;
  std::string path_, value_;
  bool done_ = false;
};

class DeviceLifeNotifications : public DeviceLife {
 protected:
  void liveWith(unsigned sessions, std::shared_ptr<device::Activity> activity,
                const std::vector<std::pair<std::string, std::string>>& values, const std::string& acsUrl) {
    for (const auto& [path, v] : values) EXPECT_FALSE(device_.setFactoryValue(path, v)) << path;
    EXPECT_FALSE(device_.setFactoryValue("Device.ManagementServer.URL", acsUrl));
    cwmp::AgentOptions options;
    options.clock = &clock_;
    options.maxSessions = sessions;
    options.activities.push_back(std::move(activity));
    cwmp::CpeAgent agent(device_, logger_, options);
    agent.run();
  }
};

TEST_F(DeviceLifeNotifications, ActiveChangeOpensASessionAtOnceWithoutThrottle) {
  auto& acs = startAcs("sessions: []\n");
  liveWith(2, std::make_shared<SetValueAt>(at("2026-11-25T10:17:10Z"), "Device.DeviceInfo.ProvisioningCode", "PC-2"),
           {{"Device.ManagementServer.PeriodicInformInterval", "3600"}}, acs.url());
  auto s = acs.sessions();
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[1].currentTime, "2026-11-25T10:17:10Z");
  EXPECT_EQ(events(s[1]), (std::vector<std::string>{"4 VALUE CHANGE"}));
  ASSERT_NE(s[1].informParameter("Device.DeviceInfo.ProvisioningCode"), nullptr);
  EXPECT_EQ(s[1].informParameter("Device.DeviceInfo.ProvisioningCode")->value, "PC-2");
}

TEST_F(DeviceLifeNotifications, ActiveNotificationSessionsAreThrottled) {
  auto& acs = startAcs("sessions: []\n");
  liveWith(2, std::make_shared<SetValueAt>(at("2026-11-25T10:17:10Z"), "Device.DeviceInfo.ProvisioningCode", "PC-2"),
           {{"Device.ManagementServer.PeriodicInformInterval", "3600"},
            {"Device.ManagementServer.DefaultActiveNotificationThrottle", "300"}},
           acs.url());
  auto s = acs.sessions();
  ASSERT_EQ(s.size(), 2u);
  // TR-181 DefaultActiveNotificationThrottle: 300 s after the end of the last session, not at 10:17:10.
  EXPECT_EQ(s[1].currentTime, "2026-11-25T10:22:00Z");
  EXPECT_EQ(events(s[1]), (std::vector<std::string>{"4 VALUE CHANGE"}));
}

TEST_F(DeviceLifeNotifications, PassiveChangeWaitsForTheNextSessionAndAcsChangesAreNotReported) {
  auto& acs = startAcs(R"(
sessions:
  - rpcs:
      - SetParameterAttributes:
          ParameterList:
            - {Name: Device.DeviceInfo.Description, NotificationChange: true, Notification: 1, AccessListChange: false, AccessList: []}
            - {Name: Device.ManagementServer.PeriodicInformInterval, NotificationChange: true, Notification: 2, AccessListChange: false, AccessList: []}
      - SetParameterValues:
          ParameterList: [{Name: Device.ManagementServer.PeriodicInformInterval, Value: "60", Type: xsd:unsignedInt}]
)");
  liveWith(2, std::make_shared<SetValueAt>(at("2026-11-25T10:17:10Z"), "Device.DeviceInfo.Description", "warm"),
           {{"Device.ManagementServer.PeriodicInformInterval", "3600"}}, acs.url());
  auto s = acs.sessions();
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[1].currentTime, "2026-11-25T10:18:00Z");  // the periodic Inform, not a session at 10:17:10
  EXPECT_EQ(events(s[1]), (std::vector<std::string>{"2 PERIODIC", "4 VALUE CHANGE"}));
  ASSERT_NE(s[1].informParameter("Device.DeviceInfo.Description"), nullptr);
  EXPECT_EQ(s[1].informParameter("Device.DeviceInfo.Description")->value, "warm");
  EXPECT_EQ(s[1].informParameter("Device.ManagementServer.PeriodicInformInterval"), nullptr);  // the ACS's own
}

}  // namespace
}  // namespace cpemu::test

namespace cpemu::test {
namespace {

// The same agent on the real clock, poked from another thread as the Connection Request server would.
class DeviceLifeRealTime : public ::testing::Test {
 protected:
  void startAcs(const std::string& script) {
    acs_.setScript(acs::parseAcsScript(script, "cr.yaml"));
    acs_.start("127.0.0.1", 0);
  }
  void startAgent(std::vector<std::pair<std::string, std::string>> values) {
    values.emplace_back("Device.ManagementServer.URL", acs_.url());
    values.emplace_back("Device.ManagementServer.PeriodicInformEnable", "false");
    for (const auto& [path, v] : values) EXPECT_FALSE(device_.setFactoryValue(path, v)) << path;
    agent_ = std::make_unique<cwmp::CpeAgent>(device_, logger_, cwmp::AgentOptions{});
    thread_ = std::thread([this] { agent_->run(); });
  }
  bool waitForRecords(std::size_t n) {  // a safety net only: nothing here measures time
    for (int i = 0; i < 1000 && acs_.sessions().size() < n; ++i) std::this_thread::sleep_for(10ms);
    return acs_.sessions().size() >= n;
  }
  void TearDown() override {
    if (agent_) agent_->stop();
    if (thread_.joinable()) thread_.join();
  }

  acs::AcsServer acs_;
  device::Device device_{test::shippedProfile("gateway.yaml"), 1};
  std::ostringstream log_;
  log::Logger logger_{log_, log::Level::Info};
  std::unique_ptr<cwmp::CpeAgent> agent_;
  std::thread thread_;
};

TEST_F(DeviceLifeRealTime, ConnectionRequestDoesNotWaitOutTheRetryBackOff) {
  startAcs("sessions:\n  - reject: {fault: 8005}\n  - rpcs: []\n");
  startAgent({{"Device.ManagementServer.CWMPRetryMinimumWaitInterval", "3600"}});  // an hour's back-off
  ASSERT_TRUE(waitForRecords(1));
  agent_->connectionRequest();
  ASSERT_TRUE(acs_.waitForSessions(1, 10s)) << log_.str();
  auto s = acs_.sessions();
  ASSERT_EQ(s.size(), 2u);
  EXPECT_TRUE(s[1].hasEvent("6 CONNECTION REQUEST"));
  EXPECT_TRUE(s[1].hasEvent("0 BOOTSTRAP"));  // still owed from the failed session
  EXPECT_EQ(s[1].retryCount, 1u);
}

TEST_F(DeviceLifeRealTime, AFailedConnectionRequestSessionIsRetriedWithoutTheConnectionRequestEvent) {
  startAcs("sessions:\n  - rpcs: []\n  - reject: {http_status: 503}\n  - rpcs: []\n");
  startAgent({{"Device.ManagementServer.CWMPRetryMinimumWaitInterval", "1"},
              {"Device.ManagementServer.CWMPRetryIntervalMultiplier", "1000"}});
  ASSERT_TRUE(acs_.waitForSessions(1, 10s));
  agent_->connectionRequest();  // its session is turned away, and nothing else is pending
  ASSERT_TRUE(waitForRecords(2));
  // Only "6 CONNECTION REQUEST" was pending and it is not retried (§3.7.1.5): no third session follows
  // until something new happens, e.g. a second Connection Request.
  agent_->connectionRequest();
  ASSERT_TRUE(acs_.waitForSessions(2, 10s)) << log_.str();
  auto s = acs_.sessions();
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s[1].retryCount, 0u);
  EXPECT_EQ(s[2].retryCount, 0u);  // not a retry: a new session for the new request
  EXPECT_NE(log_.str().find("nothing left to deliver, no retry"), std::string::npos) << log_.str();
}

}  // namespace
}  // namespace cpemu::test
