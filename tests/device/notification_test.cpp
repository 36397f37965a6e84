// Value-change notification (TR-069 A.3.2.4) on one device: what is reported, when a change calls for a
// session of its own, and what is not reported back to the ACS.
#include <gtest/gtest.h>

#include "cwmp/inform_builder.h"
#include "device/device.h"
#include "support/shipped_profiles.h"

namespace cpemu::device {
namespace {

using datamodel::WriteOrigin;

class Notifications : public ::testing::Test {
 protected:
  void SetUp() override {
    d.powerOn();
    d.events().clear();
  }
  bool informHas(const std::string& path) {
    auto inform = cwmp::buildInform(d, {}, "2026-11-25T00:00:00Z", 0);
    for (const auto& p : inform.parameterList)
      if (p.name == path) return true;
    return false;
  }
  Device d{test::shippedProfile("gateway.yaml"), 1};
  const std::string kName = "Device.DeviceInfo.Description";
};

TEST_F(Notifications, PassiveChangeRidesAlongOnTheNextInformButOpensNoSession) {
  ASSERT_FALSE(d.tree().setNotification(kName, 1));
  d.sessionEnded();
  ASSERT_FALSE(d.tree().set(kName, "changed on the device", WriteOrigin::Device));
  EXPECT_FALSE(d.checkActiveNotifications());
  EXPECT_TRUE(d.events().empty());
  d.prepareInform();
  EXPECT_TRUE(d.events().contains(event::ValueChange));
  EXPECT_EQ(d.notifications().pending(), std::vector<std::string>{kName});
  EXPECT_TRUE(informHas(kName));
}

TEST_F(Notifications, ActiveChangeCallsForASession) {
  ASSERT_FALSE(d.tree().setNotification(kName, 2));
  d.sessionEnded();
  ASSERT_FALSE(d.tree().set(kName, "x", WriteOrigin::Device));
  EXPECT_TRUE(d.checkActiveNotifications());
  EXPECT_TRUE(d.events().contains(event::ValueChange));
}

TEST_F(Notifications, UnchangedOrOffParametersAreNotReported) {
  ASSERT_FALSE(d.tree().setNotification(kName, 2));
  d.sessionEnded();
  ASSERT_FALSE(d.tree().set("Device.DeviceInfo.ProvisioningCode", "", WriteOrigin::Device));  // same value
  ASSERT_FALSE(d.tree().set("Device.DeviceInfo.FirstUseDate", "2026-02-02T00:00:00Z", WriteOrigin::Device));
  EXPECT_FALSE(d.checkActiveNotifications());
  d.prepareInform();
  EXPECT_TRUE(d.notifications().pending().empty());
  EXPECT_FALSE(d.events().contains(event::ValueChange));
}

TEST_F(Notifications, ChangesTheAcsMadeInASessionAreNotReportedBack) {
  const std::string writable = "Device.ManagementServer.PeriodicInformInterval";
  ASSERT_FALSE(d.tree().setNotification(writable, 2));
  d.sessionEnded();
  ASSERT_FALSE(d.tree().set(writable, "1234", WriteOrigin::Acs));
  d.sessionEnded();  // the session in which the ACS set it ends
  EXPECT_FALSE(d.checkActiveNotifications());
  d.prepareInform();
  EXPECT_FALSE(d.events().contains(event::ValueChange));
}

TEST_F(Notifications, AcceptedInformClearsThePendingChanges) {
  ASSERT_FALSE(d.tree().setNotification(kName, 1));
  d.sessionEnded();
  ASSERT_FALSE(d.tree().set(kName, "x", WriteOrigin::Device));
  d.prepareInform();
  d.informAccepted(d.events().forInform(), "http://acs/");
  EXPECT_TRUE(d.notifications().pending().empty());
  d.prepareInform();
  EXPECT_FALSE(d.events().contains(event::ValueChange));
}

TEST_F(Notifications, ForcedParametersNotifyActivelyWithoutAnyAttribute) {
  // TR-181: SoftwareVersion and ProvisioningCode are activeNotify="forceEnabled"; ConnectionRequestURL is
  // "forceDefaultEnabled": active until the ACS turns it off.
  EXPECT_EQ(d.tree().notification("Device.DeviceInfo.SoftwareVersion").value, 2);
  EXPECT_EQ(d.tree().notification("Device.ManagementServer.ConnectionRequestURL").value, 2);
  ASSERT_FALSE(d.tree().setNotification("Device.ManagementServer.ConnectionRequestURL", 0));
  ASSERT_FALSE(d.tree().set("Device.DeviceInfo.ProvisioningCode", "PC-9", WriteOrigin::Device));
  ASSERT_FALSE(d.tree().set("Device.ManagementServer.ConnectionRequestURL", "http://10.0.0.9:7547/x",
                            WriteOrigin::Device));
  EXPECT_TRUE(d.checkActiveNotifications());
  EXPECT_EQ(d.notifications().pending(), std::vector<std::string>{"Device.DeviceInfo.ProvisioningCode"});
}

TEST_F(Notifications, LightweightOnlyAttributesAreAcceptedButNotReportedOverCwmp) {
  ASSERT_FALSE(d.tree().setNotification(kName, 5));  // active lightweight: UDP, not implemented
  d.sessionEnded();
  ASSERT_FALSE(d.tree().set(kName, "x", WriteOrigin::Device));
  EXPECT_FALSE(d.checkActiveNotifications());
  d.prepareInform();
  EXPECT_FALSE(d.events().contains(event::ValueChange));
  ASSERT_FALSE(d.tree().setNotification(kName, 6));  // passive + active lightweight: passive over CWMP
  ASSERT_FALSE(d.tree().set(kName, "y", WriteOrigin::Device));
  d.prepareInform();
  EXPECT_TRUE(d.events().contains(event::ValueChange));
}

TEST_F(Notifications, AValueChangeIsForgottenByAReboot) {
  ASSERT_FALSE(d.tree().setNotification(kName, 1));
  d.sessionEnded();
  ASSERT_FALSE(d.tree().set(kName, "x", WriteOrigin::Device));
  d.prepareInform();
  ASSERT_TRUE(d.events().contains(event::ValueChange));
  d.powerOn();
  EXPECT_FALSE(d.events().contains(event::ValueChange));
  EXPECT_TRUE(d.notifications().pending().empty());
}

}  // namespace
}  // namespace cpemu::device
