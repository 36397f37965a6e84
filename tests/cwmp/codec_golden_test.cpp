// Golden files for the SOAP encoder (tests/golden/*.xml): the exact bytes the CPE puts on the wire, so a
// codec change shows up in review. The files were written by hand and checked against cwmp-1-N.xsd before the
// encoder existed. CPEMU_UPDATE_GOLDEN=1 rewrites them from the encoder (then review the diff).
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "cwmp/soap_codec.h"
#include "support/cwmp_schema_validator.h"
#include "support/test_paths.h"

namespace cpemu::cwmp {
namespace {

std::filesystem::path goldenPath(const std::string& name) {
  return cpemu::test::sourceDir() / "tests" / "golden" / name;
}

std::string readFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

// The first line where the two texts differ, for a readable failure.
std::string firstDifference(const std::string& expected, const std::string& actual) {
  std::istringstream e(expected), a(actual);
  std::string el, al;
  for (int line = 1;; ++line) {
    const bool moreE = static_cast<bool>(std::getline(e, el));
    const bool moreA = static_cast<bool>(std::getline(a, al));
    if (!moreE && !moreA) return "texts differ only in their final newline";
    if (el != al || moreE != moreA)
      return "line " + std::to_string(line) + ":\n  golden:  " + (moreE ? el : "<end>") +
             "\n  encoded: " + (moreA ? al : "<end>");
  }
}

void expectMatchesGolden(const std::string& name, const std::string& encoded) {
  const auto path = goldenPath(name);
  const char* update = std::getenv("CPEMU_UPDATE_GOLDEN");
  if (update && std::string(update) == "1") {
    std::ofstream(path, std::ios::binary) << encoded;
    return;
  }
  ASSERT_TRUE(std::filesystem::exists(path))
      << path << " missing; run with CPEMU_UPDATE_GOLDEN=1 to create it";
  const std::string golden = readFile(path);
  EXPECT_EQ(golden, encoded) << name << " differs at " << firstDifference(golden, encoded);
}

SoapHeader withId(std::string id) {
  SoapHeader header;
  header.id = std::move(id);
  return header;
}

TEST(SoapCodecGolden, InformCwmp10) {
  Inform m;
  m.deviceId = {"Example Emulated CPE", "0A1B2C", "EmuGateway", "EMU-000001"};
  m.events = {{"0 BOOTSTRAP", ""}, {"1 BOOT", ""}};
  m.currentTime = "2025-01-01T12:00:00Z";
  m.parameterList = {
      {"InternetGatewayDevice.DeviceSummary", "InternetGatewayDevice:1.4[](Baseline:1)", "xsd:string"},
      {"InternetGatewayDevice.DeviceInfo.HardwareVersion", "HW-1.0", "xsd:string"},
      {"InternetGatewayDevice.DeviceInfo.SoftwareVersion", "1.0.0", "xsd:string"},
      {"InternetGatewayDevice.ManagementServer.ParameterKey", "", ""},
      {"InternetGatewayDevice.ManagementServer.ConnectionRequestURL", "http://192.0.2.10:7547/connreq",
       "xsd:string"},
  };
  expectMatchesGolden("inform-cwmp-1-0.xml", encodeCpeRequest(m, CwmpVersion::V1_0, withId("cpemu-1")));
}

TEST(SoapCodecGolden, InformCwmp14WithSupportedVersionsAndEscapedText) {
  Inform m;
  m.deviceId = {"Example & Sons", "0A1B2C", "EmuGateway", "EMU-000002"};
  m.events = {{"1 BOOT", ""}, {"4 VALUE CHANGE", ""}, {"M Reboot", "reboot-42"}};
  m.currentTime = "2025-01-01T12:00:00+01:00";
  m.retryCount = 2;
  m.parameterList = {
      {"Device.RootDataModelVersion", "2.19", "xsd:string"},
      {"Device.DeviceInfo.Description", "Gateway \"HG-1\" <lab & test> it's", "xsd:string"},
      {"Device.DeviceInfo.UpTime", "3600", " xsd:unsignedInt "},
      {"Device.ManagementServer.AliasBasedAddressing", "false", "xsd:boolean"},
      {"Device.ManagementServer.ConnectionRequestURL", "http://192.0.2.10:7547/connreq?a=1&b=2",
       "xsd:string"},
      {"Device.Time.CurrentLocalTime", "2025-01-01T13:00:00+01:00", "xsd:dateTime"},
  };
  SoapHeader header = withId("cpemu-2");
  header.supportedCWMPVersions = "1.0,1.1,1.2,1.3,1.4";
  expectMatchesGolden("inform-cwmp-1-4.xml", encodeCpeRequest(m, CwmpVersion::V1_4, header));
}

TEST(SoapCodecGolden, GetParameterValuesResponseWithTypes) {
  GetParameterValuesResponse m{
      {{"Device.DeviceInfo.Manufacturer", "Example Emulated CPE", "xsd:string"},
       {"Device.DeviceInfo.UpTime", "86400", "xsd:unsignedInt"},
       {"Device.Ethernet.Interface.1.Enable", "true", "xsd:boolean"},
       {"Device.Ethernet.Interface.1.MaxBitRate", "-1", "xsd:int"},
       {"Device.Ethernet.Interface.1.Stats.BytesSent", "18446744073709551615", "xsd:unsignedLong"},
       {"Device.DeviceInfo.ProvisioningCode", "", "xsd:string"}}};
  expectMatchesGolden("get-parameter-values-response.xml",
                      encodeCpeResponse(m, CwmpVersion::V1_2, withId("acs-7")));
}

TEST(SoapCodecGolden, FaultWithSetParameterValuesFaults) {
  CwmpFault m{9003,
              "",
              {{"Device.WiFi.SSID.1.SSID", 9007, "Invalid parameter value: longer than 32 characters"},
               {"Device.DeviceInfo.UpTime", 9008, ""}},
              ""};
  expectMatchesGolden("fault-set-parameter-values.xml",
                      encodeCpeResponse(m, CwmpVersion::V1_2, withId("acs-8")));
}

TEST(SoapCodecGolden, FaultMethodNotSupportedIsAServerFault) {
  expectMatchesGolden("fault-method-not-supported.xml",
                      encodeCpeResponse(CwmpFault{9000, "", {}, ""}, CwmpVersion::V1_0, withId("acs-9")));
}

TEST(SoapCodecGolden, TransferComplete) {
  TransferComplete m{"fw-upgrade-17", {0, ""}, "2025-01-01T12:00:05Z", "2025-01-01T12:01:40Z"};
  expectMatchesGolden("transfer-complete.xml", encodeCpeRequest(m, CwmpVersion::V1_2, withId("cpemu-3")));
}

TEST(SoapCodecGolden, GetRPCMethodsResponse) {
  GetRPCMethodsResponse m{{"GetRPCMethods", "SetParameterValues", "GetParameterValues", "GetParameterNames",
                           "SetParameterAttributes", "GetParameterAttributes", "AddObject", "DeleteObject",
                           "Reboot", "Download", "FactoryReset", "ScheduleInform"}};
  expectMatchesGolden("get-rpc-methods-response.xml",
                      encodeCpeResponse(m, CwmpVersion::V1_2, withId("acs-10")));
}

TEST(SoapCodecGolden, GetParameterNamesResponse) {
  GetParameterNamesResponse m{{{"Device.DeviceInfo.", false},
                               {"Device.DeviceInfo.ProvisioningCode", true},
                               {"Device.DeviceInfo.UpTime", false}}};
  expectMatchesGolden("get-parameter-names-response.xml",
                      encodeCpeResponse(m, CwmpVersion::V1_2, withId("acs-11")));
}

TEST(SoapCodecGolden, GetParameterAttributesResponseWithEmptyAndFilledAccessList) {
  GetParameterAttributesResponse m{
      {{"Device.DeviceInfo.SoftwareVersion", 2, {}}, {"Device.WiFi.SSID.1.SSID", 0, {"Subscriber"}}}};
  expectMatchesGolden("get-parameter-attributes-response.xml",
                      encodeCpeResponse(m, CwmpVersion::V1_2, withId("acs-12")));
}

// The golden files themselves are valid CWMP: a hand edit that breaks the schema fails here.
TEST(SoapCodecGolden, EveryGoldenFileValidatesAgainstItsSchema) {
  CPEMU_REQUIRE_BBF_FILE(catalog, "samples/catalog-soap-1-1-stubs.xml");
  CPEMU_REQUIRE_BBF_FILE(xsd10, "cwmp-1-0.xsd");
  CPEMU_REQUIRE_BBF_FILE(xsd12, "cwmp-1-2.xsd");
  CPEMU_REQUIRE_BBF_FILE(xsd14, "cwmp-1-4.xsd");
  int checked = 0;
  for (const auto& entry : std::filesystem::directory_iterator(goldenPath(""))) {
    if (entry.path().extension() != ".xml") continue;
    const std::string text = readFile(entry.path());
    // Pick the schema the namespace and headers need: 1.4 headers only exist in cwmp-1-4.xsd.
    std::filesystem::path xsd = xsd12;
    if (text.find("urn:dslforum-org:cwmp-1-0") != std::string::npos) xsd = xsd10;
    if (text.find("SupportedCWMPVersions") != std::string::npos) xsd = xsd14;
    const auto& validator = cpemu::test::CwmpSchemaValidator::forSchema(xsd, catalog);
    EXPECT_EQ(validator.validate(text), "") << entry.path().filename();
    ++checked;
  }
  EXPECT_GE(checked, 9);
}

}  // namespace
}  // namespace cpemu::cwmp
