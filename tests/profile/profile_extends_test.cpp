// `extends:` (docs/profiles.md "Merge rules"): the parent is applied first and the child on top of it,
// key by key; a child's datamodels list replaces its parent's; cycles are refused.
#include <gtest/gtest.h>

#include "profile/profile_workspace.h"

namespace cpemu::profile {
namespace {

using test::deviceModelSection;
using test::lineOf;
using test::ProfileWorkspace;
using test::valueOf;

const std::string kParent = R"(description: "parent"
identity:
  manufacturer: "Parent Inc."
  manufacturer_oui: "02AB01"
  product_class: "ParentBox"
  serial_number: "P{index:04}"
acs:
  url: "http://parent.example.net/"
  username: "parent-user"
  periodic_inform_interval: 300
connection_request:
  host: 192.0.2.1
  port: 7548
  path: "/parent/{serial}"
  username: "parent-cr"
  allow_basic: true
values:
  Device.DeviceInfo.Description: "parent description"
  Device.DeviceInfo.HostName: "parent-host"
instances:
  Device.IP.Interface.1:
    Name: "parent-if"
    Alias: "cpe-parent"
notifications:
  Device.DeviceInfo.HostName: active
  Device.DeviceInfo.Description: passive
)";

class ProfileExtends : public ::testing::Test {
 protected:
  void SetUp() override { ws.write("parent.yaml", deviceModelSection() + kParent); }
  ProfileWorkspace ws;
};

TEST_F(ProfileExtends, ChildOverridesOneKeyAtATimeAndInheritsTheRest) {
  auto t = ws.writeAndBuild("child.yaml", R"(extends: parent.yaml
description: "child"
identity:
  serial_number: "C{index:04}"
acs:
  url: "http://child.example.net/"
values:
  Device.DeviceInfo.HostName: "child-host"
)");
  ASSERT_TRUE(t);
  const auto& tree = t->tree();
  EXPECT_EQ(t->profile().description, "child");
  EXPECT_EQ(valueOf(tree, "Device.DeviceInfo.SerialNumber"), "C0001");
  EXPECT_EQ(valueOf(tree, "Device.DeviceInfo.Manufacturer"), "Parent Inc.");
  EXPECT_EQ(valueOf(tree, "Device.DeviceInfo.ProductClass"), "ParentBox");
  EXPECT_EQ(valueOf(tree, "Device.ManagementServer.URL"), "http://child.example.net/");
  EXPECT_EQ(valueOf(tree, "Device.ManagementServer.Username"), "parent-user");
  EXPECT_EQ(valueOf(tree, "Device.ManagementServer.PeriodicInformInterval"), "300");
  EXPECT_EQ(valueOf(tree, "Device.DeviceInfo.HostName"), "child-host");
  EXPECT_EQ(valueOf(tree, "Device.DeviceInfo.Description"), "parent description");
  // The parent's templates see the child's serial number.
  EXPECT_EQ(valueOf(tree, "Device.ManagementServer.ConnectionRequestURL"),
            "http://192.0.2.1:7548/parent/C0001");
}

TEST_F(ProfileExtends, ConnectionRequestScalarsAreOverriddenOneByOne) {
  auto t = ws.writeAndBuild("child.yaml", "extends: parent.yaml\nconnection_request:\n  port: 9000\n");
  ASSERT_TRUE(t);
  const auto& cr = t->profile().connectionRequest;
  EXPECT_EQ(cr.host, "192.0.2.1");
  EXPECT_EQ(cr.port, 9000);
  EXPECT_EQ(cr.path, "/parent/{serial}");
  EXPECT_TRUE(cr.allowBasic);
  EXPECT_EQ(valueOf(t->tree(), "Device.ManagementServer.ConnectionRequestURL"),
            "http://192.0.2.1:9000/parent/P0001");
  EXPECT_EQ(valueOf(t->tree(), "Device.ManagementServer.ConnectionRequestUsername"), "parent-cr");
}

TEST_F(ProfileExtends, ChainListsTheFilesBaseMostFirst) {
  ws.write("middle.yaml", "extends: parent.yaml\n");
  ws.write("child.yaml", "extends: middle.yaml\n");
  Profile p = ws.load("child.yaml");
  ASSERT_EQ(p.chain.size(), 3u);
  EXPECT_EQ(p.chain[0].filename(), "parent.yaml");
  EXPECT_EQ(p.chain[1].filename(), "middle.yaml");
  EXPECT_EQ(p.chain[2].filename(), "child.yaml");
  EXPECT_EQ(p.file, ws.dir() / "child.yaml");
}

TEST_F(ProfileExtends, ChildDataModelListReplacesTheParents) {
  std::string stb = (test::datamodelsDir() / "cpemu-stbservice-1.xml").string();
  auto t = ws.writeAndBuild("child.yaml",
                            "extends: parent.yaml\n" + deviceModelSection() + "  - \"" + stb + "\"\n");
  ASSERT_TRUE(t);
  ASSERT_EQ(t->profile().datamodels.size(), 2u);  // not three: the parent's entry is gone
  EXPECT_EQ(t->profile().datamodels[0].where.file, (ws.dir() / "child.yaml").string());
  EXPECT_EQ(t->profile().datamodels[1].file, stb);
  EXPECT_EQ(t->schema()->serviceModelNames(), std::vector<std::string>{"STBService:1.4"});
}

TEST_F(ProfileExtends, ChildWithoutDataModelsKeepsTheParents) {
  auto t = ws.writeAndBuild("child.yaml", "extends: parent.yaml\n");
  ASSERT_TRUE(t);
  ASSERT_EQ(t->profile().datamodels.size(), 1u);
  EXPECT_EQ(t->profile().datamodels[0].where.file, (ws.dir() / "parent.yaml").string());
}

TEST_F(ProfileExtends, RowInBothFilesGetsParametersOfBothChildWinning) {
  auto t = ws.writeAndBuild("child.yaml", R"(extends: parent.yaml
instances:
  Device.IP.Interface.1:
    Name: "child-if"
  Device.IP.Interface.2:
    Name: "child-only"
)");
  ASSERT_TRUE(t);
  EXPECT_EQ(valueOf(t->tree(), "Device.IP.Interface.1.Name"), "child-if");
  EXPECT_EQ(valueOf(t->tree(), "Device.IP.Interface.1.Alias"), "cpe-parent");
  EXPECT_EQ(valueOf(t->tree(), "Device.IP.Interface.2.Name"), "child-only");
  EXPECT_EQ(valueOf(t->tree(), "Device.IP.InterfaceNumberOfEntries"), "2");
}

TEST_F(ProfileExtends, ChildNotificationWinsForAParameterListedInBoth) {
  auto t = ws.writeAndBuild("child.yaml",
                            "extends: parent.yaml\nnotifications:\n  Device.DeviceInfo.HostName: off\n");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->tree().notification("Device.DeviceInfo.HostName").value, 0);
  EXPECT_EQ(t->tree().notification("Device.DeviceInfo.Description").value, 1);
}

TEST_F(ProfileExtends, ConstantValueInChildReplacesPerDeviceValueOfParent) {
  auto parentOnly = ws.build("parent.yaml");
  auto t = ws.writeAndBuild("child.yaml", "extends: parent.yaml\nidentity:\n  serial_number: FIXED\n");
  ASSERT_TRUE(t);
  EXPECT_LT(t->perDeviceValueCount(), parentOnly->perDeviceValueCount());
  EXPECT_EQ(valueOf(t->instantiate(5), "Device.DeviceInfo.SerialNumber"), "FIXED");
  // Values built from {serial} stay per device in name only: they expand to the fixed serial.
  EXPECT_EQ(valueOf(t->instantiate(5), "Device.ManagementServer.ConnectionRequestURL"),
            "http://192.0.2.1:7548/parent/FIXED");
}

TEST_F(ProfileExtends, ParentIsFoundRelativeToTheFileThatNamesIt) {
  ws.write("common/base.yaml", "extends: ../parent.yaml\nvalues:\n  Device.DeviceInfo.HostName: \"base\"\n");
  auto t = ws.writeAndBuild("child.yaml", "extends: common/base.yaml\n");
  ASSERT_TRUE(t);
  EXPECT_EQ(valueOf(t->tree(), "Device.DeviceInfo.HostName"), "base");
  EXPECT_EQ(valueOf(t->tree(), "Device.DeviceInfo.Manufacturer"), "Parent Inc.");
}

TEST_F(ProfileExtends, CycleIsAnError) {
  ws.write("a.yaml", "extends: b.yaml\n");
  ws.write("b.yaml", "description: b\nextends: a.yaml\n");
  try {
    ws.load("a.yaml");
    FAIL() << "a cycle loaded";
  } catch (const ProfileError& e) {
    EXPECT_EQ(e.where().key, "extends");
    EXPECT_MESSAGE_HAS(e, "cycle");
  }
}

TEST_F(ProfileExtends, ProfileExtendingItselfIsAnError) {
  ws.write("self.yaml", "extends: self.yaml\n");
  try {
    ws.load("self.yaml");
    FAIL() << "a self-extending profile loaded";
  } catch (const ProfileError& e) {
    EXPECT_EQ(e.where().key, "extends");
    EXPECT_MESSAGE_HAS(e, "cycle");
  }
}

TEST_F(ProfileExtends, CycleErrorPointsAtTheExtendsLineThatClosesIt) {
  ws.write("a.yaml", "extends: b.yaml\n");
  const std::string b = "description: b\nextends: a.yaml\n";
  ws.write("b.yaml", b);
  try {
    ws.load("a.yaml");
    FAIL() << "a cycle loaded";
  } catch (const ProfileError& e) {
    EXPECT_PROFILE_ERROR_AT(e, ws.dir() / "b.yaml", lineOf(b, "extends"), "extends");
  }
}

// docs/profiles.md: "The parent (and its own parent, up to 16 levels) is loaded first".
TEST_F(ProfileExtends, SixteenLevelsOfParentsLoadAndSeventeenAreAnError) {
  auto writeChain = [&](int ancestors) {
    for (int i = 0; i < ancestors; ++i)
      ws.write("l" + std::to_string(i) + ".yaml", "extends: l" + std::to_string(i + 1) + ".yaml\n");
    ws.write("l" + std::to_string(ancestors) + ".yaml", "extends: parent.yaml\n");
  };
  writeChain(15);  // l0 .. l15, then parent.yaml: 16 ancestors of l0
  EXPECT_EQ(ws.load("l0.yaml").chain.size(), 17u);
  writeChain(16);  // one more
  try {
    ws.load("l0.yaml");
    FAIL() << "17 levels of extends loaded";
  } catch (const ProfileError& e) {
    EXPECT_PROFILE_ERROR_AT(e, ws.dir() / "l16.yaml", 1, "extends");
    EXPECT_MESSAGE_HAS(e, "deeper than 16");
  }
}

TEST_F(ProfileExtends, MissingParentIsReportedAtTheExtendsLine) {
  const std::string child = "description: x\nextends: nowhere.yaml\n";
  ws.write("child.yaml", child);
  auto e = ws.buildError("child.yaml");
  ASSERT_TRUE(e);
  EXPECT_PROFILE_ERROR_AT(*e, ws.dir() / "child.yaml", lineOf(child, "nowhere"), "extends");
  EXPECT_MESSAGE_HAS(*e, "nowhere.yaml");
}

TEST_F(ProfileExtends, ErrorInParentReportsTheParentFile) {
  const std::string bad = deviceModelSection() + "identity:\n  colour: blue\n";
  ws.write("badparent.yaml", bad);
  ws.write("child.yaml", "extends: badparent.yaml\n");
  auto e = ws.buildError("child.yaml");
  ASSERT_TRUE(e);
  EXPECT_PROFILE_ERROR_AT(*e, ws.dir() / "badparent.yaml", lineOf(bad, "colour"), "identity.colour");
}

TEST_F(ProfileExtends, ValueRejectedByTheDataModelInParentReportsTheParentFile) {
  const std::string bad =
      deviceModelSection() + "values:\n  Device.ManagementServer.PeriodicInformInterval: 0\n";
  ws.write("badparent.yaml", bad);
  ws.write("child.yaml", "extends: badparent.yaml\ndescription: fine\n");
  auto e = ws.buildError("child.yaml");
  ASSERT_TRUE(e);
  EXPECT_PROFILE_ERROR_AT(*e, ws.dir() / "badparent.yaml", lineOf(bad, "PeriodicInformInterval"),
                          "values.Device.ManagementServer.PeriodicInformInterval");
  EXPECT_MESSAGE_HAS(*e, "fault 9007");
}

TEST_F(ProfileExtends, MissingDataModelInGrandparentReportsTheGrandparentFile) {
  const std::string gp = "datamodels:\n  - no-such-model.xml\n";
  ws.write("gp.yaml", gp);
  ws.write("p.yaml", "extends: gp.yaml\n");
  ws.write("c.yaml", "extends: p.yaml\n");
  auto e = ws.buildError("c.yaml");
  ASSERT_TRUE(e);
  EXPECT_PROFILE_ERROR_AT(*e, ws.dir() / "gp.yaml", 2, "datamodels[0]");
}

}  // namespace
}  // namespace cpemu::profile
