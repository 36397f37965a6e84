// Value-change notification set up by a GenieACS provision (SetParameterAttributes from `declare(…,
// {notification: …})`), then changes made by the device itself (TR-069 §3.2.1, A.3.2.4): a passive one
// rides on the next session's Inform with 4 VALUE CHANGE, an active one opens a session of its own.
// The device is tests/fixtures/interop/notifying-gateway.yaml: LAN port 1 goes down 8 s after boot
// (watched passively), the 2.4 GHz SSID 16 s after boot (watched actively).
#include "interop/genieacs_test_fixture.h"
#include "support/test_paths.h"

namespace cpemu::interop {
namespace {

using nlohmann::json;

constexpr const char* kGateway = "02C9E1-CPG2400-GW00000001";
constexpr const char* kPassive = "Device.Ethernet.Interface.2.Status";
constexpr const char* kActive = "Device.WiFi.SSID.1.Status";

class NotificationsToGenieAcs : public GenieAcsTest {};

const acs::ParameterValue* reported(const SeenInform& inform, const std::string& name) {
  for (const auto& p : inform.message.parameters)
    if (p.name == name) return &p;
  return nullptr;
}

TEST_F(NotificationsToGenieAcs, AProvisionSetsAttributesThenPassiveAndActiveChangesAreReported) {
  provisionConnectionRequestCredentials();
  acs().putProvision("watch", std::string(R"(
declare(")") + kPassive + R"(", {notification: 1}, {notification: 1});
declare(")" + kActive + R"(", {notification: 1}, {notification: 2});
)");
  acs().putPreset("watch", "watch", {{"0 BOOTSTRAP", true}});
  const auto start = std::chrono::system_clock::now();
  runDevice((test::fixturesDir() / "interop" / "notifying-gateway.yaml").string());
  ASSERT_TRUE(waitForInform(kGateway, [](const SeenInform& i) { return i.hasEvent("0 BOOTSTRAP"); })) << deviceLogs();

  // The active change opens a session of its own: 4 VALUE CHANGE and nothing that would explain it else.
  std::optional<SeenInform> active;
  ASSERT_TRUE(waitForInform(kGateway, [&](const SeenInform& i) {
    if (!i.hasEvent("4 VALUE CHANGE") || !reported(i, kActive)) return false;
    active = i;
    return true;
  })) << deviceLogs();
  EXPECT_EQ(active->events(), "4 VALUE CHANGE");
  EXPECT_EQ(reported(*active, kActive)->value, "Down");
  // The passive change (8 s after boot) opened no session: it is reported in the next one, this one.
  const auto* passive = reported(*active, kPassive);
  ASSERT_TRUE(passive) << "the passive change did not ride on the next Inform";
  EXPECT_EQ(passive->value, "Down");
  for (const auto& i : informs(kGateway))
    if (i.at > start + std::chrono::seconds(2) && i.at < active->at)
      ADD_FAILURE() << "a session between boot and the active change: " << i.events();

  // Both reached GenieACS's view of the device, and the ACS's own settings were never reported back.
  auto d = acs().device(kGateway);
  ASSERT_TRUE(d);
  EXPECT_EQ(genieValueText(*genieNode(*d, kPassive)), "Down");
  EXPECT_EQ(genieValueText(*genieNode(*d, kActive)), "Down");
  EXPECT_EQ(genieNode(*d, kActive)->value("_notification", -1), 2);
  for (const auto& i : informs(kGateway))
    EXPECT_FALSE(reported(i, "Device.ManagementServer.ConnectionRequestUsername")) << i.events();
  EXPECT_EQ(acs().faults(), json::array()) << deviceLogs();
}

}  // namespace
}  // namespace cpemu::interop
