// Downloads from genieacs-fs as GenieACS runs them: a file uploaded through the NBI (PUT /files/NAME), a
// `download` task, the Download RPC with a URL on genieacs-fs, the transfer, and the TransferComplete in
// the next session. A firmware image changes the software version and the firmware banks; a vendor
// configuration file sets values.
//
// GenieACS 1.2.16 has no Upload: neither an NBI task nor a provision can send one (docs/interop.md), so
// uploads are tested against the test ACS only (tests/device/cpemu_transfer_test.cpp).
#include "interop/genieacs_test_fixture.h"

namespace cpemu::interop {
namespace {

using nlohmann::json;

constexpr const char* kGateway = "02C9E1-CPG2400-GW00000001";

class TransfersFromGenieAcs : public GenieAcsTest {
 protected:
  void SetUp() override {
    GenieAcsTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    provisionConnectionRequestCredentials();
    runDevice("gateway.yaml");
    ASSERT_TRUE(waitForInform(kGateway, [](const SeenInform& i) { return i.hasEvent("0 BOOTSTRAP"); }))
        << deviceLogs();
  }
  std::string stored(const std::string& path) {
    auto d = acs().device(kGateway);
    const json* node = d ? genieNode(*d, path) : nullptr;
    return node ? genieValueText(*node) : "<absent>";
  }
  // The Inform that reported the transfer's completion (TR-069 §3.7.1.5: 7 TRANSFER COMPLETE + M Download).
  std::optional<SeenInform> completionInform() {
    std::optional<SeenInform> found;
    waitForInform(kGateway, [&](const SeenInform& i) {
      if (!i.hasEvent("7 TRANSFER COMPLETE") || !i.hasEvent("M Download")) return false;
      found = i;
      return true;
    });
    return found;
  }
  // The TransferComplete cpemu sent, as GenieACS received it.
  std::optional<acs::CpeMessage> transferComplete() {
    for (const auto& m : debugLog())
      if (m.event == "incoming HTTP request" && m.body.find("TransferComplete") != std::string::npos) {
        auto parsed = acs::parseCpeMessage(m.body);
        if (parsed.method == "TransferComplete") return parsed;
      }
    return std::nullopt;
  }
};

TEST_F(TransfersFromGenieAcs, FirmwareImageFromGenieAcsFsUpgradesTheDevice) {
  const std::string image = "CPEMU-FIRMWARE 1\nversion: 3.3.0\n\nfirmware payload for the CPG-2400AX\n";
  acs().putFile("cpg2400-3.3.0.img", "1 Firmware Upgrade Image", "02C9E1", "CPG2400", "3.3.0", image);
  ASSERT_EQ(acs().task(kGateway, {{"name", "download"}, {"file", "cpg2400-3.3.0.img"}}), 200)
      << acs().faults().dump(2) << deviceLogs();
  auto done = completionInform();
  ASSERT_TRUE(done) << deviceLogs();
  EXPECT_TRUE(done->hasEvent("1 BOOT")) << done->events();  // rebooted into the new image
  bool reported = false;
  for (const auto& p : done->message.parameters)
    if (p.name == "Device.DeviceInfo.SoftwareVersion") {
      reported = true;
      EXPECT_EQ(p.value, "3.3.0");
    }
  EXPECT_TRUE(reported);
  auto tc = transferComplete();
  ASSERT_TRUE(tc) << deviceLogs();
  ASSERT_TRUE(tc->fault);
  EXPECT_EQ(tc->fault->faultCode, 0u) << tc->fault->faultString;

  ASSERT_EQ(acs().task(kGateway, {{"name", "refreshObject"}, {"objectName", "Device.DeviceInfo"}}), 200);
  EXPECT_EQ(stored("Device.DeviceInfo.SoftwareVersion"), "3.3.0");
  EXPECT_EQ(stored("Device.DeviceInfo.ActiveFirmwareImage"), "Device.DeviceInfo.FirmwareImage.2");
  EXPECT_EQ(stored("Device.DeviceInfo.FirmwareImage.2.Version"), "3.3.0");
  EXPECT_EQ(stored("Device.DeviceInfo.FirmwareImage.2.Name"), "cpg2400-3.3.0.img");
  EXPECT_EQ(stored("Device.DeviceInfo.FirmwareImage.2.Status"), "Active");
  EXPECT_EQ(stored("Device.DeviceInfo.FirmwareImage.1.Status"), "Available");
  EXPECT_EQ(acs().faults(), json::array()) << deviceLogs();
}

TEST_F(TransfersFromGenieAcs, VendorConfigurationFileFromGenieAcsFsSetsItsValues) {
  const std::string config =
      "# cpemu vendor configuration 1\n"
      "Device.DeviceInfo.ProvisioningCode=from-genieacs-fs\n"
      "Device.NAT.PortMapping.1.ExternalPort=9090\n";
  acs().putFile("gateway.cfg", "3 Vendor Configuration File", "02C9E1", "CPG2400", "", config);
  ASSERT_EQ(acs().task(kGateway, {{"name", "download"}, {"file", "gateway.cfg"}}), 200)
      << acs().faults().dump(2) << deviceLogs();
  auto done = completionInform();
  ASSERT_TRUE(done) << deviceLogs();
  EXPECT_FALSE(done->hasEvent("1 BOOT")) << "a configuration file needs no reboot: " << done->events();
  auto tc = transferComplete();
  ASSERT_TRUE(tc && tc->fault) << deviceLogs();
  EXPECT_EQ(tc->fault->faultCode, 0u) << tc->fault->faultString;
  ASSERT_EQ(acs().task(kGateway, {{"name", "getParameterValues"},
                                  {"parameterNames", {"Device.DeviceInfo.ProvisioningCode",
                                                      "Device.NAT.PortMapping.1.ExternalPort"}}}),
            200);
  EXPECT_EQ(stored("Device.DeviceInfo.ProvisioningCode"), "from-genieacs-fs");
  EXPECT_EQ(stored("Device.NAT.PortMapping.1.ExternalPort"), "9090");
  EXPECT_EQ(acs().faults(), json::array()) << deviceLogs();
}

}  // namespace
}  // namespace cpemu::interop
