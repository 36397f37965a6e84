// DeviceTemplate::instantiate(index): each device gets its own {index}/{serial}/{oui}/{mac:NN} values while
// every other node and value stays shared with the template tree.
#include <gtest/gtest.h>

#include "profile/profile_workspace.h"

namespace cpemu::profile {
namespace {

using test::deviceModelSection;
using test::ProfileWorkspace;
using test::valueOf;

const std::string kFleet = R"(identity:
  manufacturer: "Fleet Inc."
  manufacturer_oui: "02AB01"
  serial_number: "FL{index:08}"
acs:
  username: "{oui}-{serial}"
values:
  Device.DeviceInfo.Description: "device {index} ({index:x}, {index:06X}) {{literal}}"
  Device.DeviceInfo.HostName: "fixed-host"
instances:
  Device.Ethernet.Interface.1:
    Name: "eth0"
    MACAddress: "{mac:01}"
  Device.Ethernet.Interface.2:
    Name: "eth1"
    MACAddress: "{mac:02}"
)";

class DeviceTemplateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    t = ws.writeAndBuild("fleet.yaml", deviceModelSection() + kFleet);
    ASSERT_TRUE(t);
  }
  ProfileWorkspace ws;
  std::shared_ptr<const DeviceTemplate> t;
};

TEST_F(DeviceTemplateTest, DeviceOneIsTheTemplateTree) {
  EXPECT_EQ(valueOf(t->tree(), "Device.DeviceInfo.SerialNumber"), "FL00000001");
  EXPECT_EQ(valueOf(t->tree(), "Device.ManagementServer.Username"), "02AB01-FL00000001");
  EXPECT_EQ(valueOf(t->tree(), "Device.DeviceInfo.Description"), "device 1 (1, 000001) {literal}");
  EXPECT_EQ(t->instantiate(1).root(), t->tree().root());  // nothing copied at all
}

TEST_F(DeviceTemplateTest, EachDeviceGetsItsOwnTemplatedValues) {
  auto d = t->instantiate(26);
  EXPECT_EQ(valueOf(d, "Device.DeviceInfo.SerialNumber"), "FL00000026");
  EXPECT_EQ(valueOf(d, "Device.ManagementServer.Username"), "02AB01-FL00000026");
  EXPECT_EQ(valueOf(d, "Device.DeviceInfo.Description"), "device 26 (1a, 00001A) {literal}");
  EXPECT_EQ(valueOf(d, "Device.Ethernet.Interface.1.MACAddress"), "02:01:00:00:00:1A");
  EXPECT_EQ(valueOf(d, "Device.Ethernet.Interface.2.MACAddress"), "02:02:00:00:00:1A");
  EXPECT_EQ(valueOf(d, "Device.DeviceInfo.HostName"), "fixed-host");
  EXPECT_EQ(valueOf(d, "Device.DeviceInfo.Manufacturer"), "Fleet Inc.");
  // The template itself is not changed by instantiating a device.
  EXPECT_EQ(valueOf(t->tree(), "Device.DeviceInfo.SerialNumber"), "FL00000001");
}

TEST_F(DeviceTemplateTest, ContextCarriesIndexSerialAndOui) {
  TemplateContext c = t->context(300);
  EXPECT_EQ(c.index, 300u);
  EXPECT_EQ(c.serial, "FL00000300");
  EXPECT_EQ(c.oui, "02AB01");
}

TEST_F(DeviceTemplateTest, CountsPerDeviceValues) {
  // SerialNumber, ManagementServer.Username, Description and the two MAC addresses.
  EXPECT_EQ(t->perDeviceValueCount(), 5u);
}

TEST_F(DeviceTemplateTest, OnlyTemplatedValuesDifferBetweenDevices) {
  auto a = t->instantiate(2);
  auto b = t->instantiate(3);
  std::vector<std::string> differing;
  std::vector<datamodel::ParameterValue> av, bv;
  ASSERT_FALSE(a.getValues("", av, datamodel::ReadView::Device));
  ASSERT_FALSE(b.getValues("", bv, datamodel::ReadView::Device));
  ASSERT_EQ(av.size(), bv.size());
  for (std::size_t i = 0; i < av.size(); ++i) {
    ASSERT_EQ(av[i].path, bv[i].path);
    if (av[i].value != bv[i].value) differing.push_back(av[i].path);
  }
  EXPECT_EQ(differing, (std::vector<std::string>{
                           "Device.DeviceInfo.Description",
                           "Device.DeviceInfo.SerialNumber",
                           "Device.ManagementServer.Username",
                           "Device.Ethernet.Interface.1.MACAddress",
                           "Device.Ethernet.Interface.2.MACAddress",
                       }));
}

TEST_F(DeviceTemplateTest, UnchangedValuesShareStorageWithTheTemplate) {
  auto d = t->instantiate(7);
  std::size_t privateBytes = d.bytesNotSharedWith(t->tree());
  EXPECT_GT(privateBytes, 0u);
  EXPECT_LT(privateBytes, 4096u) << "device 7 owns " << privateBytes << " bytes of its own";
  // The same device again costs the same; the template tree owns no bytes apart from itself.
  EXPECT_EQ(t->instantiate(7).bytesNotSharedWith(t->tree()), privateBytes);
  EXPECT_EQ(t->tree().bytesNotSharedWith(t->tree()), sizeof(datamodel::InstanceTree));
}

TEST_F(DeviceTemplateTest, InstantiatedDevicesAreIndependent) {
  auto a = t->instantiate(2);
  auto b = t->instantiate(2);
  ASSERT_FALSE(a.set("Device.DeviceInfo.HostName", "changed", datamodel::WriteOrigin::Acs));
  EXPECT_EQ(valueOf(a, "Device.DeviceInfo.HostName"), "changed");
  EXPECT_EQ(valueOf(b, "Device.DeviceInfo.HostName"), "fixed-host");
  EXPECT_EQ(valueOf(t->tree(), "Device.DeviceInfo.HostName"), "fixed-host");
}

TEST(DeviceTemplateBuild, ProfileWithoutTemplatesHasNoPerDeviceValues) {
  ProfileWorkspace ws;
  auto t = ws.writeAndBuild("plain.yaml", deviceModelSection() + "identity:\n  serial_number: ONLY1\n");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->perDeviceValueCount(), 0u);
  auto d = t->instantiate(99);
  EXPECT_EQ(d.root(), t->tree().root());
  EXPECT_EQ(valueOf(d, "Device.DeviceInfo.SerialNumber"), "ONLY1");
}

TEST(DeviceTemplateBuild, LaterConstantInTheSameFileCancelsAnEarlierTemplate) {
  ProfileWorkspace ws;
  auto t = ws.writeAndBuild("p.yaml", deviceModelSection() + R"(instances:
  Device.IP.Interface.1:
    Name: "if-{index}"
    Alias: "cpe-if-{index}"
values:
  Device.IP.Interface.1.Name: "fixed"
)");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->perDeviceValueCount(), 1u);
  auto d = t->instantiate(4);
  EXPECT_EQ(valueOf(d, "Device.IP.Interface.1.Name"), "fixed");
  EXPECT_EQ(valueOf(d, "Device.IP.Interface.1.Alias"), "cpe-if-4");
}

TEST(DeviceTemplateBuild, ChildConstantCancelsParentTemplateAndKeepsOtherTemplates) {
  ProfileWorkspace ws;
  ws.write("parent.yaml", deviceModelSection() + R"(values:
  Device.DeviceInfo.HostName: "host-{index}"
  Device.DeviceInfo.Description: "d-{index}"
)");
  auto t =
      ws.writeAndBuild("child.yaml", "extends: parent.yaml\nvalues:\n  Device.DeviceInfo.HostName: host\n");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->perDeviceValueCount(), 1u);
  auto d = t->instantiate(4);
  EXPECT_EQ(valueOf(d, "Device.DeviceInfo.HostName"), "host");
  EXPECT_EQ(valueOf(d, "Device.DeviceInfo.Description"), "d-4");
}

TEST(DeviceTemplateBuild, ChildTemplateReplacesParentConstant) {
  ProfileWorkspace ws;
  ws.write("parent.yaml", deviceModelSection() + "values:\n  Device.DeviceInfo.HostName: host\n");
  auto t = ws.writeAndBuild("child.yaml",
                            "extends: parent.yaml\nvalues:\n  Device.DeviceInfo.HostName: \"h{index}\"\n");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->perDeviceValueCount(), 1u);
  EXPECT_EQ(valueOf(t->instantiate(8), "Device.DeviceInfo.HostName"), "h8");
}

}  // namespace
}  // namespace cpemu::profile
