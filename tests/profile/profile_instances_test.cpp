// `instances:` and `notifications:` (docs/profiles.md): table rows with their numbers, sub-objects by
// nested mapping or dotted name, parent rows created on demand; notification attributes by name or number.
#include <gtest/gtest.h>

#include "profile/profile_workspace.h"

namespace cpemu::profile {
namespace {

using datamodel::WriteOrigin;
using test::deviceModelSection;
using test::lineOf;
using test::ProfileWorkspace;
using test::valueOf;

TEST(ProfileInstances, SubObjectValuesByNestedMappingOrDottedName) {
  ProfileWorkspace ws;
  auto t = ws.writeAndBuild("p.yaml", deviceModelSection() + R"(instances:
  Device.IP.Interface.1:
    Enable: true
    Stats.BytesSent: 11
    Stats:
      BytesReceived: 22
      PacketsSent: 33
)");
  ASSERT_TRUE(t);
  EXPECT_EQ(valueOf(t->tree(), "Device.IP.Interface.1.Enable"), "true");
  EXPECT_EQ(valueOf(t->tree(), "Device.IP.Interface.1.Stats.BytesSent"), "11");
  EXPECT_EQ(valueOf(t->tree(), "Device.IP.Interface.1.Stats.BytesReceived"), "22");
  EXPECT_EQ(valueOf(t->tree(), "Device.IP.Interface.1.Stats.PacketsSent"), "33");
}

TEST(ProfileInstances, MissingParentRowsAreCreated) {
  ProfileWorkspace ws;
  auto t = ws.writeAndBuild("p.yaml", deviceModelSection() + R"(instances:
  Device.IP.Interface.3.IPv4Address.2:
    IPAddress: "192.0.2.1"
)");
  ASSERT_TRUE(t);
  EXPECT_TRUE(t->tree().hasObject("Device.IP.Interface.3."));
  EXPECT_TRUE(t->tree().hasObject("Device.IP.Interface.3.IPv4Address.2."));
  EXPECT_FALSE(t->tree().hasObject("Device.IP.Interface.1."));
  EXPECT_FALSE(t->tree().hasObject("Device.IP.Interface.3.IPv4Address.1."));
  EXPECT_EQ(valueOf(t->tree(), "Device.IP.InterfaceNumberOfEntries"), "1");
  EXPECT_EQ(valueOf(t->tree(), "Device.IP.Interface.3.IPv4AddressNumberOfEntries"), "1");
  EXPECT_EQ(valueOf(t->tree(), "Device.IP.Interface.3.IPv4Address.2.IPAddress"), "192.0.2.1");
}

TEST(ProfileInstances, ExplicitInstanceNumbersAreKeptAndAddObjectFollowsThem) {
  ProfileWorkspace ws;
  auto t = ws.writeAndBuild("p.yaml", deviceModelSection() + R"(instances:
  Device.IP.Interface.5:
    Name: five
  Device.IP.Interface.2:
    Name: two
)");
  ASSERT_TRUE(t);
  std::vector<datamodel::ParameterName> names;
  ASSERT_FALSE(t->tree().getNames("Device.IP.Interface.", true, names));
  std::vector<std::string> rows;
  for (const auto& n : names) rows.push_back(n.path);
  EXPECT_EQ(rows, (std::vector<std::string>{"Device.IP.Interface.2.", "Device.IP.Interface.5."}));

  datamodel::InstanceTree device = t->instantiate(1);
  auto added = device.addObject("Device.IP.Interface.", WriteOrigin::Acs);
  ASSERT_FALSE(added.fault) << added.fault.message;
  EXPECT_EQ(added.value, 6u);
}

TEST(ProfileInstances, NextAddObjectNumberFollowsAutomaticallyCreatedParents) {
  ProfileWorkspace ws;
  auto t = ws.writeAndBuild("p.yaml",
                            deviceModelSection() + "instances:\n  Device.IP.Interface.4.IPv4Address.9:\n");
  ASSERT_TRUE(t);
  datamodel::InstanceTree device = t->instantiate(3);
  EXPECT_EQ(device.addObject("Device.IP.Interface.", WriteOrigin::Acs).value, 5u);
  EXPECT_EQ(device.addObject("Device.IP.Interface.4.IPv4Address.", WriteOrigin::Acs).value, 10u);
}

TEST(ProfileInstances, RowWithoutParametersKeepsDefaults) {
  ProfileWorkspace ws;
  auto t = ws.writeAndBuild("p.yaml", deviceModelSection() + "instances:\n  Device.Users.User.2:\n");
  ASSERT_TRUE(t);
  EXPECT_TRUE(t->tree().hasObject("Device.Users.User.2."));
  EXPECT_EQ(valueOf(t->tree(), "Device.Users.User.2.Username"), "");
  EXPECT_EQ(valueOf(t->tree(), "Device.Users.UserNumberOfEntries"), "1");
}

TEST(ProfileInstances, TrailingDotOnInstancePathIsAccepted) {
  ProfileWorkspace ws;
  auto t = ws.writeAndBuild("p.yaml",
                            deviceModelSection() + "instances:\n  Device.IP.Interface.7.:\n    Name: x\n");
  ASSERT_TRUE(t);
  EXPECT_EQ(valueOf(t->tree(), "Device.IP.Interface.7.Name"), "x");
  ASSERT_EQ(t->profile().instances.size(), 1u);
  EXPECT_EQ(t->profile().instances[0].path, "Device.IP.Interface.7");
}

TEST(ProfileInstances, ReadOnlyTablesCanBePopulated) {
  ProfileWorkspace ws;
  auto t = ws.writeAndBuild("p.yaml", deviceModelSection() + R"(instances:
  Device.Ethernet.Interface.1:
    Name: eth0
    MACAddress: "{mac:01}"
)");
  ASSERT_TRUE(t);
  EXPECT_EQ(valueOf(t->tree(), "Device.Ethernet.Interface.1.MACAddress"), "02:01:00:00:00:01");
  datamodel::InstanceTree device = t->instantiate(1);
  EXPECT_TRUE(device.addObject("Device.Ethernet.Interface.", WriteOrigin::Acs).fault);
}

TEST(ProfileInstances, PathNotEndingInANumberIsAnError) {
  ProfileWorkspace ws;
  const std::string yaml = deviceModelSection() + "instances:\n  Device.IP.Interface:\n    Name: x\n";
  ws.write("p.yaml", yaml);
  auto e = ws.buildError("p.yaml");
  ASSERT_TRUE(e);
  EXPECT_PROFILE_ERROR_AT(*e, ws.dir() / "p.yaml", lineOf(yaml, "Device.IP.Interface:"),
                          "instances.Device.IP.Interface");
  EXPECT_MESSAGE_HAS(*e, "must end with an instance number");
}

TEST(ProfileInstances, NumberUnderANonTableIsAnError) {
  ProfileWorkspace ws;
  const std::string yaml = deviceModelSection() + "instances:\n  Device.DeviceInfo.1:\n";
  ws.write("p.yaml", yaml);
  auto e = ws.buildError("p.yaml");
  ASSERT_TRUE(e);
  EXPECT_PROFILE_ERROR_AT(*e, ws.dir() / "p.yaml", lineOf(yaml, "Device.DeviceInfo.1"),
                          "instances.Device.DeviceInfo.1");
  EXPECT_MESSAGE_HAS(*e, "fault 9005");
}

TEST(ProfileInstances, UnknownObjectInInstancePathIsFault9005) {
  ProfileWorkspace ws;
  const std::string yaml = deviceModelSection() + "instances:\n  Device.IP.Tunnel.1:\n";
  ws.write("p.yaml", yaml);
  auto e = ws.buildError("p.yaml");
  ASSERT_TRUE(e);
  EXPECT_PROFILE_ERROR_AT(*e, ws.dir() / "p.yaml", lineOf(yaml, "Device.IP.Tunnel.1"),
                          "instances.Device.IP.Tunnel.1");
  EXPECT_MESSAGE_HAS(*e, "fault 9005");
}

TEST(ProfileInstances, UnknownParameterInRowIsFault9005AtItsLine) {
  ProfileWorkspace ws;
  const std::string yaml =
      deviceModelSection() + "instances:\n  Device.IP.Interface.1:\n    Name: x\n    Colour: red\n";
  ws.write("p.yaml", yaml);
  auto e = ws.buildError("p.yaml");
  ASSERT_TRUE(e);
  EXPECT_PROFILE_ERROR_AT(*e, ws.dir() / "p.yaml", lineOf(yaml, "Colour"),
                          "instances.Device.IP.Interface.1.Colour");
  EXPECT_MESSAGE_HAS(*e, "fault 9005");
}

TEST(ProfileInstances, ValueInARowThatWasNotCreatedIsFault9005) {
  ProfileWorkspace ws;
  const std::string yaml = deviceModelSection() + "values:\n  Device.IP.Interface.1.Name: x\n";
  ws.write("p.yaml", yaml);
  auto e = ws.buildError("p.yaml");
  ASSERT_TRUE(e);
  EXPECT_PROFILE_ERROR_AT(*e, ws.dir() / "p.yaml", lineOf(yaml, "Device.IP.Interface.1.Name"),
                          "values.Device.IP.Interface.1.Name");
  EXPECT_MESSAGE_HAS(*e, "fault 9005");
}

TEST(ProfileNotifications, NamesAndNumbersSetTheAttribute) {
  ProfileWorkspace ws;
  auto t = ws.writeAndBuild("p.yaml", deviceModelSection() + R"(notifications:
  Device.DeviceInfo.Description: off
  Device.DeviceInfo.HostName: passive
  Device.DeviceInfo.ModelName: active
  Device.DeviceInfo.Manufacturer: 0
  Device.DeviceInfo.ProductClass: 1
  Device.DeviceInfo.SerialNumber: 2
  Device.DeviceInfo.HardwareVersion: 3
  Device.DeviceInfo.ModelNumber: 4
  Device.DeviceInfo.AdditionalHardwareVersion: 5
  Device.DeviceInfo.AdditionalSoftwareVersion: 6
)");
  ASSERT_TRUE(t);
  const auto& tree = t->tree();
  EXPECT_EQ(tree.notification("Device.DeviceInfo.Description").value, 0);
  EXPECT_EQ(tree.notification("Device.DeviceInfo.HostName").value, 1);
  EXPECT_EQ(tree.notification("Device.DeviceInfo.ModelName").value, 2);
  EXPECT_EQ(tree.notification("Device.DeviceInfo.Manufacturer").value, 0);
  EXPECT_EQ(tree.notification("Device.DeviceInfo.ProductClass").value, 1);
  EXPECT_EQ(tree.notification("Device.DeviceInfo.SerialNumber").value, 2);
  EXPECT_EQ(tree.notification("Device.DeviceInfo.HardwareVersion").value, 3);
  EXPECT_EQ(tree.notification("Device.DeviceInfo.ModelNumber").value, 4);
  EXPECT_EQ(tree.notification("Device.DeviceInfo.AdditionalHardwareVersion").value, 5);
  EXPECT_EQ(tree.notification("Device.DeviceInfo.AdditionalSoftwareVersion").value, 6);
  // Notification attributes are shared by every device of the profile.
  EXPECT_EQ(t->instantiate(9).notification("Device.DeviceInfo.ModelName").value, 2);
}

TEST(ProfileNotifications, NotificationOnARowParameter) {
  ProfileWorkspace ws;
  auto t = ws.writeAndBuild("p.yaml", deviceModelSection() + R"(instances:
  Device.IP.Interface.1.IPv4Address.1:
    IPAddress: "192.0.2.1"
notifications:
  Device.IP.Interface.1.IPv4Address.1.IPAddress: passive
)");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->tree().notification("Device.IP.Interface.1.IPv4Address.1.IPAddress").value, 1);
}

TEST(ProfileNotifications, ForceEnabledParameterIsActiveAndCanOnlyBeListedAsActive) {
  ProfileWorkspace ws;
  // TR-181 marks DeviceInfo.SoftwareVersion activeNotify="forceEnabled".
  auto t = ws.writeAndBuild(
      "ok.yaml", deviceModelSection() + "notifications:\n  Device.DeviceInfo.SoftwareVersion: active\n");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->tree().notification("Device.DeviceInfo.SoftwareVersion").value, 2);

  const std::string yaml =
      deviceModelSection() + "notifications:\n  Device.DeviceInfo.SoftwareVersion: passive\n";
  ws.write("p.yaml", yaml);
  auto e = ws.buildError("p.yaml");
  ASSERT_TRUE(e);
  EXPECT_PROFILE_ERROR_AT(*e, ws.dir() / "p.yaml", lineOf(yaml, "SoftwareVersion"),
                          "notifications.Device.DeviceInfo.SoftwareVersion");
  EXPECT_MESSAGE_HAS(*e, "fault 9009");
}

TEST(ProfileNotifications, UnknownWordOrNumberOutOfRangeIsAnError) {
  for (std::string bad : {"loud", "7", "-1", "2x", "true"}) {
    SCOPED_TRACE(bad);
    ProfileWorkspace ws;
    const std::string yaml =
        deviceModelSection() + "notifications:\n  Device.DeviceInfo.HostName: " + bad + "\n";
    ws.write("p.yaml", yaml);
    auto e = ws.buildError("p.yaml");
    ASSERT_TRUE(e);
    EXPECT_PROFILE_ERROR_AT(*e, ws.dir() / "p.yaml", lineOf(yaml, "HostName"),
                            "notifications.Device.DeviceInfo.HostName");
    EXPECT_MESSAGE_HAS(*e, "off, passive, active");
  }
}

TEST(ProfileNotifications, UnknownParameterIsFault9005) {
  ProfileWorkspace ws;
  const std::string yaml = deviceModelSection() + "notifications:\n  Device.DeviceInfo.Colour: active\n";
  ws.write("p.yaml", yaml);
  auto e = ws.buildError("p.yaml");
  ASSERT_TRUE(e);
  EXPECT_PROFILE_ERROR_AT(*e, ws.dir() / "p.yaml", lineOf(yaml, "Colour"),
                          "notifications.Device.DeviceInfo.Colour");
  EXPECT_MESSAGE_HAS(*e, "fault 9005");
}

TEST(ProfileNotifications, ActiveOnAParameterThatCanDenyItIsFault9009) {
  ProfileWorkspace ws;
  // TR-181 marks DeviceInfo.UpTime activeNotify="canDeny".
  const std::string yaml = deviceModelSection() + "notifications:\n  Device.DeviceInfo.UpTime: active\n";
  ws.write("p.yaml", yaml);
  auto e = ws.buildError("p.yaml");
  ASSERT_TRUE(e);
  EXPECT_PROFILE_ERROR_AT(*e, ws.dir() / "p.yaml", lineOf(yaml, "UpTime"),
                          "notifications.Device.DeviceInfo.UpTime");
  EXPECT_MESSAGE_HAS(*e, "fault 9009");
}

}  // namespace
}  // namespace cpemu::profile
