// The profiles in profiles/ build against the repository's data models, and a gateway fleet differs only
// where its templates say it should.
#include <gtest/gtest.h>

#include <map>
#include <regex>
#include <set>

#include "profile/profile_workspace.h"

namespace cpemu::profile {
namespace {

using test::profilesDir;
using test::ProfileWorkspace;
using test::valueOf;

std::shared_ptr<const DeviceTemplate> buildShipped(ProfileWorkspace& ws, const std::string& name) {
  try {
    return ws.buildFile(profilesDir() / name);
  } catch (const std::exception& e) {
    ADD_FAILURE() << name << ": " << e.what();
    return nullptr;
  }
}

std::map<std::string, std::string> allValues(const datamodel::InstanceTree& tree) {
  std::map<std::string, std::string> out;
  tree.forEachParameter([&](const std::string& path, const datamodel::ParameterDef&, std::string_view value) {
    out.emplace(path, std::string(value));
  });
  return out;
}

TEST(ShippedProfiles, BaseBuilds) {
  ProfileWorkspace ws;
  auto t = buildShipped(ws, "base.yaml");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->schema()->modelName(), "Device:2.19");
}

TEST(ShippedProfiles, GatewayBuilds) {
  ProfileWorkspace ws;
  auto t = buildShipped(ws, "gateway.yaml");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->schema()->modelName(), "Device:2.19");
  EXPECT_GE(t->profile().chain.size(), 2u);  // extends base.yaml
  EXPECT_FALSE(valueOf(t->tree(), "Device.DeviceInfo.SerialNumber").empty());
  EXPECT_FALSE(valueOf(t->tree(), "Device.ManagementServer.ConnectionRequestURL").empty());
}

TEST(ShippedProfiles, StbBuildsWithTheStbServiceModel) {
  ProfileWorkspace ws;
  auto t = buildShipped(ws, "stb.yaml");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->schema()->modelName(), "Device:2.19");
  EXPECT_EQ(t->schema()->serviceModelNames(), std::vector<std::string>{"STBService:1.4"});
  EXPECT_TRUE(t->tree().hasObject("Device.Services.STBService.1."));
}

TEST(ShippedProfiles, BothDeviceProfilesUseOneModelLoaderCache) {
  ProfileWorkspace ws;
  auto gw = buildShipped(ws, "gateway.yaml");
  auto stb = buildShipped(ws, "stb.yaml");
  ASSERT_TRUE(gw && stb);
  EXPECT_NE(valueOf(gw->tree(), "Device.DeviceInfo.SerialNumber"),
            valueOf(stb->tree(), "Device.DeviceInfo.SerialNumber"));
}

class GatewayFleet : public ::testing::Test {
 protected:
  void SetUp() override {
    t = buildShipped(ws, "gateway.yaml");
    ASSERT_TRUE(t);
  }
  ProfileWorkspace ws;
  std::shared_ptr<const DeviceTemplate> t;
};

TEST_F(GatewayFleet, DevicesOneAndTwoHaveDifferentSerialNumbers) {
  auto one = t->instantiate(1);
  auto two = t->instantiate(2);
  EXPECT_NE(valueOf(one, "Device.DeviceInfo.SerialNumber"), valueOf(two, "Device.DeviceInfo.SerialNumber"));
}

TEST_F(GatewayFleet, DevicesOneAndTwoHaveDifferentMacAddressesEverywhere) {
  static const std::regex kMac("([0-9A-Fa-f]{2}:){5}[0-9A-Fa-f]{2}");
  auto one = allValues(t->instantiate(1));
  auto two = allValues(t->instantiate(2));
  std::size_t macs = 0;
  for (const auto& [path, value] : one) {
    if (!std::regex_match(value, kMac)) continue;
    ++macs;
    EXPECT_NE(value, two.at(path)) << path << " is the same MAC address on devices 1 and 2";
  }
  EXPECT_GE(macs, 2u) << "the gateway profile should give its interfaces MAC addresses";
}

TEST_F(GatewayFleet, DevicesOneAndTwoAreIdenticalApartFromPerDeviceValues) {
  // The paths whose profile value holds a placeholder (the ConnectionRequestURL is built from path).
  std::set<std::string> templated;
  for (const auto& v : t->profile().values)
    if (!ValueTemplate::parse(v.value).isConstant())
      templated.insert(v.rootRelative ? "Device." + v.path : v.path);
  if (!ValueTemplate::parse(t->profile().connectionRequest.path).isConstant())
    templated.insert("Device.ManagementServer.ConnectionRequestURL");

  auto one = allValues(t->instantiate(1));
  auto two = allValues(t->instantiate(2));
  ASSERT_EQ(one.size(), two.size());
  std::size_t differing = 0;
  for (const auto& [path, value] : one) {
    ASSERT_TRUE(two.count(path)) << path;
    if (value == two.at(path)) continue;
    ++differing;
    EXPECT_TRUE(templated.count(path)) << path << " differs between devices 1 and 2 without a template: '"
                                       << value << "' vs '" << two.at(path) << "'";
  }
  // ({oui} alone is a template whose value is the same for every device, hence at most.)
  EXPECT_LE(differing, t->perDeviceValueCount());
  EXPECT_GT(differing, 0u);

  // Same objects and instances, same notification attributes.
  auto d1 = t->instantiate(1);
  auto d2 = t->instantiate(2);
  std::vector<datamodel::ParameterName> n1, n2;
  ASSERT_FALSE(d1.getNames("", false, n1));
  ASSERT_FALSE(d2.getNames("", false, n2));
  ASSERT_EQ(n1.size(), n2.size());
  for (std::size_t i = 0; i < n1.size(); ++i) EXPECT_EQ(n1[i].path, n2[i].path);
  for (const auto& [path, value] : one)
    EXPECT_EQ(d1.notification(path).value, d2.notification(path).value) << path;
}

TEST_F(GatewayFleet, SecondDeviceSharesAllButAFewKilobytesWithTheFirst) {
  auto two = t->instantiate(2);
  std::size_t privateBytes = two.bytesNotSharedWith(t->tree());
  EXPECT_LT(privateBytes, 4096u) << "gateway device 2 owns " << privateBytes << " bytes for "
                                 << t->perDeviceValueCount() << " per-device values";
  RecordProperty("gateway_device_private_bytes", static_cast<int>(privateBytes));
}

}  // namespace
}  // namespace cpemu::profile
