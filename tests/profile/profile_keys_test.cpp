// Every profile key lands where docs/profiles.md says: identity -> Device.DeviceInfo.*, acs ->
// Device.ManagementServer.*, connection_request -> ConnectionRequestURL/credentials, values, and how
// data-model files named in a profile are found.
#include <gtest/gtest.h>

#include "profile/profile_workspace.h"

namespace cpemu::profile {
namespace {

using test::deviceModelSection;
using test::ProfileWorkspace;
using test::valueOf;

const std::string kAllKeys = R"(description: "Every key once"
identity:
  manufacturer: "Acme Corp"
  manufacturer_oui: "02AB01"
  product_class: "AcmeBox"
  model_name: "Acme Box 1"
  serial_number: "ACME0001"
  hardware_version: "HW-1.2"
  software_version: "SW-3.4.5"
acs:
  url: "http://acs.example.net:7547/cwmp"
  username: "acs-user"
  password: "acs-pass"
  periodic_inform_enable: true
  periodic_inform_interval: 600
  periodic_inform_time: "2026-01-01T02:00:00+01:00"
connection_request:
  host: 192.0.2.7
  port: 7548
  path: /cr/box
  username: cr-user
  password: cr-pass
  allow_basic: true
values:
  Device.DeviceInfo.Description: "described"
instances:
  Device.IP.Interface.1:
    Name: wan
notifications:
  Device.DeviceInfo.Description: passive
)";

TEST(ProfileKeys, IdentityKeysSetDeviceInfo) {
  ProfileWorkspace ws;
  auto t = ws.writeAndBuild("all.yaml", deviceModelSection() + kAllKeys);
  ASSERT_TRUE(t);
  const auto& tree = t->tree();
  EXPECT_EQ(valueOf(tree, "Device.DeviceInfo.Manufacturer"), "Acme Corp");
  EXPECT_EQ(valueOf(tree, "Device.DeviceInfo.ManufacturerOUI"), "02AB01");
  EXPECT_EQ(valueOf(tree, "Device.DeviceInfo.ProductClass"), "AcmeBox");
  EXPECT_EQ(valueOf(tree, "Device.DeviceInfo.ModelName"), "Acme Box 1");
  EXPECT_EQ(valueOf(tree, "Device.DeviceInfo.SerialNumber"), "ACME0001");
  EXPECT_EQ(valueOf(tree, "Device.DeviceInfo.HardwareVersion"), "HW-1.2");
  EXPECT_EQ(valueOf(tree, "Device.DeviceInfo.SoftwareVersion"), "SW-3.4.5");
}

TEST(ProfileKeys, AcsKeysSetManagementServer) {
  ProfileWorkspace ws;
  auto t = ws.writeAndBuild("all.yaml", deviceModelSection() + kAllKeys);
  ASSERT_TRUE(t);
  const auto& tree = t->tree();
  EXPECT_EQ(valueOf(tree, "Device.ManagementServer.URL"), "http://acs.example.net:7547/cwmp");
  EXPECT_EQ(valueOf(tree, "Device.ManagementServer.Username"), "acs-user");
  EXPECT_EQ(valueOf(tree, "Device.ManagementServer.Password"), "acs-pass");
  EXPECT_EQ(valueOf(tree, "Device.ManagementServer.PeriodicInformEnable"), "true");
  EXPECT_EQ(valueOf(tree, "Device.ManagementServer.PeriodicInformInterval"), "600");
  // Stored in canonical form: UTC with a trailing Z.
  EXPECT_EQ(valueOf(tree, "Device.ManagementServer.PeriodicInformTime"), "2026-01-01T01:00:00Z");
}

TEST(ProfileKeys, ConnectionRequestSetsUrlFromHostPortPathAndCredentials) {
  ProfileWorkspace ws;
  auto t = ws.writeAndBuild("all.yaml", deviceModelSection() + kAllKeys);
  ASSERT_TRUE(t);
  const auto& tree = t->tree();
  EXPECT_EQ(valueOf(tree, "Device.ManagementServer.ConnectionRequestURL"), "http://192.0.2.7:7548/cr/box");
  EXPECT_EQ(valueOf(tree, "Device.ManagementServer.ConnectionRequestUsername"), "cr-user");
  EXPECT_EQ(valueOf(tree, "Device.ManagementServer.ConnectionRequestPassword"), "cr-pass");
  const auto& cr = t->profile().connectionRequest;
  EXPECT_EQ(cr.host, "192.0.2.7");
  EXPECT_EQ(cr.port, 7548);
  EXPECT_EQ(cr.path, "/cr/box");
  EXPECT_TRUE(cr.allowBasic);
}

TEST(ProfileKeys, OtherTopLevelKeysAreRead) {
  ProfileWorkspace ws;
  auto t = ws.writeAndBuild("all.yaml", deviceModelSection() + kAllKeys);
  ASSERT_TRUE(t);
  EXPECT_EQ(t->profile().description, "Every key once");
  ASSERT_EQ(t->profile().datamodels.size(), 1u);
  EXPECT_EQ(t->profile().datamodels[0].file, test::datamodelsDir() / "cpemu-device-2.xml");
  EXPECT_EQ(valueOf(t->tree(), "Device.DeviceInfo.Description"), "described");
  EXPECT_EQ(valueOf(t->tree(), "Device.IP.Interface.1.Name"), "wan");
  EXPECT_EQ(t->tree().notification("Device.DeviceInfo.Description").value, 1);
  EXPECT_EQ(t->schema()->modelName(), "Device:2.19");
}

TEST(ProfileKeys, ConnectionRequestDefaultsToLocalhost7547AndRootPath) {
  ProfileWorkspace ws;
  auto t = ws.writeAndBuild("cr.yaml", deviceModelSection() + "connection_request:\n  username: u\n");
  ASSERT_TRUE(t);
  EXPECT_EQ(valueOf(t->tree(), "Device.ManagementServer.ConnectionRequestURL"), "http://127.0.0.1:7547/");
  EXPECT_FALSE(t->profile().connectionRequest.allowBasic);
}

TEST(ProfileKeys, WithoutConnectionRequestSectionTheUrlKeepsItsDefault) {
  ProfileWorkspace ws;
  auto t = ws.writeAndBuild("none.yaml", deviceModelSection());
  ASSERT_TRUE(t);
  EXPECT_EQ(valueOf(t->tree(), "Device.ManagementServer.ConnectionRequestURL"), "");
  EXPECT_FALSE(t->profile().connectionRequestWhere.has_value());
}

TEST(ProfileKeys, IPv6ConnectionRequestHostIsBracketedInTheUrl) {
  ProfileWorkspace ws;
  auto t = ws.writeAndBuild("v6.yaml", deviceModelSection() +
                                           "connection_request:\n  host: \"2001:db8::7\"\n  port: 30005\n"
                                           "  path: /cr\n");
  ASSERT_TRUE(t);
  EXPECT_EQ(valueOf(t->tree(), "Device.ManagementServer.ConnectionRequestURL"),
            "http://[2001:db8::7]:30005/cr");
  EXPECT_EQ(t->profile().connectionRequest.host, "2001:db8::7");
}

TEST(ProfileKeys, ConnectionRequestPathAndCredentialsTakeTemplates) {
  ProfileWorkspace ws;
  auto t = ws.writeAndBuild("tmpl.yaml", deviceModelSection() +
                                             "identity:\n  serial_number: \"SN{index:04}\"\n"
                                             "connection_request:\n  path: \"/cr/{serial}\"\n"
                                             "  username: \"u-{index}\"\n  password: \"p-{serial}\"\n");
  ASSERT_TRUE(t);
  auto device = t->instantiate(12);
  EXPECT_EQ(valueOf(device, "Device.ManagementServer.ConnectionRequestURL"),
            "http://127.0.0.1:7547/cr/SN0012");
  EXPECT_EQ(valueOf(device, "Device.ManagementServer.ConnectionRequestUsername"), "u-12");
  EXPECT_EQ(valueOf(device, "Device.ManagementServer.ConnectionRequestPassword"), "p-SN0012");
}

TEST(ProfileKeys, NestedValueMappingsContinueThePath) {
  ProfileWorkspace ws;
  auto t = ws.writeAndBuild("nested.yaml", deviceModelSection() + R"(values:
  Device.DeviceInfo:
    Description: "outer"
    MemoryStatus:
      Total: 1024
      Free: 512
  Device.DeviceInfo.ProcessStatus.CPUUsage: 7
)");
  ASSERT_TRUE(t);
  EXPECT_EQ(valueOf(t->tree(), "Device.DeviceInfo.Description"), "outer");
  EXPECT_EQ(valueOf(t->tree(), "Device.DeviceInfo.MemoryStatus.Total"), "1024");
  EXPECT_EQ(valueOf(t->tree(), "Device.DeviceInfo.MemoryStatus.Free"), "512");
  EXPECT_EQ(valueOf(t->tree(), "Device.DeviceInfo.ProcessStatus.CPUUsage"), "7");
}

TEST(ProfileKeys, ValuesAreStoredInCanonicalForm) {
  ProfileWorkspace ws;
  auto t = ws.writeAndBuild("canon.yaml", deviceModelSection() + R"(values:
  Device.ManagementServer.PeriodicInformEnable: 1
  Device.ManagementServer.PeriodicInformInterval: "+007"
  Device.DeviceInfo.Description:
)");
  ASSERT_TRUE(t);
  EXPECT_EQ(valueOf(t->tree(), "Device.ManagementServer.PeriodicInformEnable"), "true");
  EXPECT_EQ(valueOf(t->tree(), "Device.ManagementServer.PeriodicInformInterval"), "7");
  EXPECT_EQ(valueOf(t->tree(), "Device.DeviceInfo.Description"), "");  // an empty value is ""
}

TEST(ProfileKeys, ALaterSettingOfTheSameParameterInOneFileWins) {
  ProfileWorkspace ws;
  auto t = ws.writeAndBuild("order.yaml", deviceModelSection() + R"(values:
  Device.DeviceInfo.SoftwareVersion: "from-values"
identity:
  software_version: "from-identity"
)");
  ASSERT_TRUE(t);
  EXPECT_EQ(valueOf(t->tree(), "Device.DeviceInfo.SoftwareVersion"), "from-identity");
}

TEST(ProfileKeys, RelativeDataModelNameIsFoundBesideTheProfile) {
  ProfileWorkspace ws;
  std::filesystem::create_directories(ws.dir() / "models");
  std::filesystem::copy(test::datamodelsDir(), ws.dir() / "models", std::filesystem::copy_options::recursive);
  ws.write("sub/p.yaml", "datamodels:\n  - ../models/cpemu-device-2.xml\n");
  auto t = ws.build("sub/p.yaml");
  ASSERT_EQ(t->profile().datamodels.size(), 1u);
  EXPECT_EQ(std::filesystem::canonical(t->profile().datamodels[0].file),
            std::filesystem::canonical(ws.dir() / "models" / "cpemu-device-2.xml"));
}

TEST(ProfileKeys, BareDataModelNameIsFoundOnTheSearchPathInOrder) {
  ProfileWorkspace ws;
  auto p = ws.write("bare.yaml", "datamodels:\n  - cpemu-device-2.xml\n");
  ProfileLoader loader({ws.dir() / "empty", test::datamodelsDir()});
  Profile profile = loader.load(p);
  ASSERT_EQ(profile.datamodels.size(), 1u);
  EXPECT_EQ(profile.datamodels[0].file, test::datamodelsDir() / "cpemu-device-2.xml");
  EXPECT_EQ(profile.datamodels[0].where.key, "datamodels[0]");
  EXPECT_EQ(profile.datamodels[0].where.line, 2);
  EXPECT_NO_THROW(DeviceTemplate::build(profile, ws.modelLoader()));
}

TEST(ProfileKeys, ServiceModelIsMountedUnderServices) {
  ProfileWorkspace ws;
  auto t =
      ws.writeAndBuild("stb.yaml", deviceModelSection() + "  - \"" +
                                       (test::datamodelsDir() / "cpemu-stbservice-1.xml").string() +
                                       "\"\ninstances:\n  Device.Services.STBService.1:\n    Enable: true\n");
  ASSERT_TRUE(t);
  ASSERT_EQ(t->schema()->serviceModelNames().size(), 1u);
  EXPECT_EQ(t->schema()->serviceModelNames()[0], "STBService:1.4");
  EXPECT_EQ(valueOf(t->tree(), "Device.Services.STBService.1.Enable"), "true");
}

}  // namespace
}  // namespace cpemu::profile
