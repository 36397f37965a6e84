// Profile behaviours (docs/behaviours.md): counters and uptime computed from the time since boot, random
// walks inside their bounds, a timeline of value changes and vendor events, and profile errors that name
// the line. The agent tests run the device over virtual time against the test ACS.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "acs/acs_server.h"
#include "cwmp/cpe_agent.h"
#include "datamodel/model_loader.h"
#include "device/behaviours.h"
#include "device/notification_tracker.h"
#include "profile/device_template.h"
#include "profile/profile_loader.h"
#include "support/temp_dir.h"
#include "support/test_paths.h"
#include "support/virtual_clock.h"

namespace cpemu::test {
namespace {

using namespace std::chrono_literals;

class Behaviours : public ::testing::Test {
 protected:
  std::shared_ptr<const profile::DeviceTemplate> load(const std::string& behaviours) {
    auto file = dir_.path() / "behaving.yaml";
    std::ofstream(file) << "extends: " << (profilesDir() / "gateway.yaml").string() << "\nbehaviours:\n" << behaviours;
    datamodel::ModelLoader loader;
    profile::ProfileLoader profiles;
    return profile::DeviceTemplate::build(profiles.load(file), loader);
  }
  std::string loadError(const std::string& behaviours) {
    try {
      load(behaviours);
    } catch (const std::exception& e) {
      return e.what();
    }
    return "";
  }
  TempDir dir_;
  const device::TimePoint boot_ = device::TimePoint(std::chrono::seconds(1'800'000'000));
};

TEST_F(Behaviours, CountersAndUptimeAreComputedFromTheTimeSinceBoot) {
  device::Device d(load(R"(
  uptime: Device.DeviceInfo.UpTime
  counters:
    Device.IP.Interface.1.Stats.BytesReceived: {rate: 1000.5, start: 5}
    Device.IP.Interface.1.Stats.PacketsReceived: {rate: 3}
)"),
                   1);
  device::bootBehaviours(d, boot_);
  EXPECT_EQ(d.value("DeviceInfo.UpTime"), "0");
  EXPECT_EQ(d.value("IP.Interface.1.Stats.BytesReceived"), "5");
  device::refreshBehaviours(d, boot_ + 3600s);
  EXPECT_EQ(d.value("DeviceInfo.UpTime"), "3600");
  EXPECT_EQ(d.value("IP.Interface.1.Stats.BytesReceived"), "3601805");
  EXPECT_EQ(d.value("IP.Interface.1.Stats.PacketsReceived"), "10800");
  device::bootBehaviours(d, boot_ + 7200s);  // a reboot starts them again
  EXPECT_EQ(d.value("DeviceInfo.UpTime"), "0");
}

TEST_F(Behaviours, ValuesTheyRewriteStayInTheDeviceSlotTableSoNodesStayShared) {
  // A fleet rewrites these at every session: in the tree they would give each device its own copy of
  // every node on the way to them (about 3 KB per gateway); in the slot table they cost a few bytes.
  auto t = load(R"(
  uptime: Device.DeviceInfo.UpTime
  counters:
    Device.IP.Interface.1.Stats.BytesReceived: {rate: 1000, start: 5}
  random_walk:
    Device.WiFi.Radio.1.Stats.Noise: {min: -95, max: -80, step: 2, every: 10, start: -90}
)");
  device::Device d(t, 3);
  device::bootBehaviours(d, boot_);
  const datamodel::InstanceTree before = d.tree();
  ASSERT_FALSE(d.tree().setNotification("Device.IP.Interface.1.Stats.BytesReceived", 1));
  const datamodel::InstanceTree notified = d.tree();
  const std::size_t ownedBefore = d.tree().bytesNotSharedWith(t->tree());
  device::refreshBehaviours(d, boot_ + 3600s);
  EXPECT_EQ(d.value("IP.Interface.1.Stats.BytesReceived"), "3600005");
  EXPECT_EQ(d.value("DeviceInfo.UpTime"), "3600");
  EXPECT_EQ(d.tree().root(), notified.root()) << "a behaviour write copied tree nodes";
  EXPECT_LT(d.tree().bytesNotSharedWith(t->tree()), ownedBefore + 256) << "only the new value strings are new";
  // Snapshots keep what they saw, and value-change tracking still sees the change.
  EXPECT_EQ(before.get("Device.IP.Interface.1.Stats.BytesReceived", datamodel::ReadView::Device).value, "5");
  std::vector<std::string> changed;
  d.tree().forEachNotifiedChange(notified, [&](const std::string& path, const datamodel::ParameterDef&,
                                               std::string_view, int) { changed.push_back(path); });
  EXPECT_EQ(changed, std::vector<std::string>{"Device.IP.Interface.1.Stats.BytesReceived"});
  // The device's own tracker sees it too, although every node is the one it had before.
  device::NotificationTracker tracker(notified);
  EXPECT_TRUE(tracker.scan(d.tree()).passive);
  EXPECT_EQ(tracker.pending(), std::vector<std::string>{"Device.IP.Interface.1.Stats.BytesReceived"});
}

TEST_F(Behaviours, UnsignedIntCountersWrapAt2To32) {
  device::Device d(load("  counters:\n    Device.DeviceInfo.UpTime: {rate: 1000000, start: 4294000000}\n"), 1);
  device::bootBehaviours(d, boot_);
  device::refreshBehaviours(d, boot_ + 2s);
  EXPECT_EQ(d.value("DeviceInfo.UpTime"), std::to_string((4294000000ull + 2000000ull) % (1ull << 32)));
}

TEST_F(Behaviours, RandomWalksStayInBoundsMoveByAtMostAStepAndDifferPerDevice) {
  auto t = load("  random_walk:\n    Device.WiFi.Radio.1.Stats.Noise: {min: -95, max: -80, step: 2, every: 10, start: -90}\n");
  device::Device a(t, 1), b(t, 2);
  device::bootBehaviours(a, boot_);
  device::bootBehaviours(b, boot_);
  EXPECT_EQ(a.value("WiFi.Radio.1.Stats.Noise"), "-90");
  int previous = -90;
  bool moved = false, differ = false;
  for (int k = 1; k <= 200; ++k) {
    device::refreshBehaviours(a, boot_ + std::chrono::seconds(10 * k));
    device::refreshBehaviours(b, boot_ + std::chrono::seconds(10 * k));
    int v = std::stoi(a.value("WiFi.Radio.1.Stats.Noise"));
    EXPECT_GE(v, -95);
    EXPECT_LE(v, -80);
    EXPECT_LE(std::abs(v - previous), 3) << k;  // one step of at most 2, rounded
    moved = moved || v != previous;
    differ = differ || a.value("WiFi.Radio.1.Stats.Noise") != b.value("WiFi.Radio.1.Stats.Noise");
    previous = v;
  }
  EXPECT_TRUE(moved);
  EXPECT_TRUE(differ);
}

TEST_F(Behaviours, ProfileMistakesNameTheLineAndTheReason) {
  EXPECT_NE(loadError("  counters:\n    Device.No.Such: {rate: 1}\n").find("Device.No.Such: no such parameter"),
            std::string::npos);
  EXPECT_NE(loadError("  counters:\n    Device.IP.Interface.1.Status: {rate: 1}\n").find("needs a number type"),
            std::string::npos);
  EXPECT_NE(loadError("  counters:\n    Device.DeviceInfo.UpTime: {rate: fast}\n").find("behaving.yaml:4:"),
            std::string::npos);
  EXPECT_NE(loadError("  timeline:\n    - at: 5\n      event: \"X lowercase thing\"\n").find("vendor event"),
            std::string::npos);
  EXPECT_NE(loadError("  timeline:\n    - at: 5\n      set: {Device.IP.Interface.1.Status: Sideways}\n")
                .find("Device.IP.Interface.1.Status"),
            std::string::npos);
  EXPECT_NE(loadError("  timeline:\n    - set: {Device.IP.Interface.1.Status: Down}\n").find("needs at: or every:"),
            std::string::npos);
  EXPECT_NE(loadError("  wobble: {}\n").find("unknown key"), std::string::npos);
}

TEST_F(Behaviours, TimelineSetsValuesAndRaisesVendorEventsOnTimeAgainstTheAcs) {
  acs::AcsServer acs;
  acs.setScript(acs::parseAcsScript("sessions: []\n", "t.yaml"));
  acs.start("127.0.0.1", 0);
  device::Device d(load(R"(
  timeline:
    - at: 120
      set: {Device.IP.Interface.1.Status: Down}
      event: "X {oui} LinkDown"
    - at: 180
      set: {Device.IP.Interface.1.Status: Up}
    - every: 3600
      event: "X 0A1B2C Hourly"
      command_key: hourly
)"),
                   1);
  ASSERT_FALSE(d.setFactoryValue("Device.ManagementServer.URL", acs.url()));
  ASSERT_FALSE(d.setFactoryValue("Device.ManagementServer.PeriodicInformEnable", "false"));
  VirtualClock clock(boot_);
  std::ostringstream log;
  log::Logger logger(log, log::Level::Info);
  cwmp::AgentOptions options;
  options.clock = &clock;
  options.maxSessions = 3;
  cwmp::CpeAgent agent(d, logger, options);
  agent.run();
  auto s = acs.sessions();
  ASSERT_EQ(s.size(), 3u) << log.str();
  const std::string oui = d.value("DeviceInfo.ManufacturerOUI");
  auto codes = [](const acs::SessionRecord& r) {
    std::vector<std::string> out;
    for (const auto& e : r.events) out.push_back(e.eventCode + (e.commandKey.empty() ? "" : "/" + e.commandKey));
    return out;
  };
  // gateway.yaml watches IP.Interface.1.Status passively: its change rides along as 4 VALUE CHANGE.
  EXPECT_EQ(codes(s[1]), (std::vector<std::string>{"X " + oui + " LinkDown", "4 VALUE CHANGE"}));
  EXPECT_EQ(s[1].currentTime, device::formatDateTime(boot_ + 120s));
  ASSERT_NE(s[1].informParameter("Device.IP.Interface.1.Status"), nullptr);
  EXPECT_EQ(s[1].informParameter("Device.IP.Interface.1.Status")->value, "Down");
  // 180 s changes a value but raises nothing: the next session is the hourly event, carrying that change.
  EXPECT_EQ(s[2].currentTime, device::formatDateTime(boot_ + 3600s));
  EXPECT_EQ(codes(s[2]), (std::vector<std::string>{"X 0A1B2C Hourly/hourly", "4 VALUE CHANGE"}));
  EXPECT_EQ(s[2].informParameter("Device.IP.Interface.1.Status")->value, "Up");
  EXPECT_EQ(d.value("IP.Interface.1.Status"), "Up");
}

}  // namespace
}  // namespace cpemu::test
