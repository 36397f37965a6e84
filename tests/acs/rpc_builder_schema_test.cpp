// Every envelope the test ACS builds validates against the official BBF schema (cwmp-1-N.xsd with the
// SOAP 1.1 stub schemas, ../shared/bbf/README.md), in every CWMP version that defines the message; and
// what the ACS actually sends over HTTP validates too.
#include <gtest/gtest.h>

#include <set>

#include "acs/acs_server.h"
#include "acs/rpc_builder.h"
#include "fake_cpe.h"
#include "support/cwmp_schema_validator.h"
#include "support/test_paths.h"

namespace cpemu::acs {
namespace {

using cpemu::test::CwmpSchemaValidator;

// One script entry per ACS->CPE RPC of TR-069 A6, each field given at least once.
constexpr const char* kEveryRpc = R"(
sessions:
  - rpcs:
      - GetRPCMethods
      - GetParameterNames: {ParameterPath: Device.DeviceInfo., NextLevel: true}
      - GetParameterValues: {ParameterNames: [Device.DeviceInfo.SoftwareVersion, Device.ManagementServer.]}
      - SetParameterValues:
          ParameterList:
            - {Name: Device.ManagementServer.PeriodicInformInterval, Value: "60", Type: xsd:unsignedInt}
            - {Name: Device.ManagementServer.PeriodicInformEnable, Value: true, Type: boolean}
            - {Name: Device.DeviceInfo.ProvisioningCode, Value: "<a & b>"}
            - {Name: Device.Time.LocalTimeZone}
          ParameterKey: k1
      - GetParameterAttributes: {ParameterNames: [Device.DeviceInfo.SoftwareVersion]}
      - SetParameterAttributes:
          ParameterList:
            - {Name: Device.DeviceInfo.SoftwareVersion, Notification: 2}
            - {Name: Device.ManagementServer.URL, AccessList: [Subscriber]}
            - {Name: Device.ManagementServer., NotificationChange: false, Notification: 0, AccessListChange: true, AccessList: []}
      - AddObject: {ObjectName: Device.NAT.PortMapping., ParameterKey: k2}
      - DeleteObject: {ObjectName: Device.NAT.PortMapping.1., ParameterKey: k3}
      - Reboot: {CommandKey: r1}
      - FactoryReset
      - ScheduleInform: {DelaySeconds: 30, CommandKey: si1}
      - Download:
          CommandKey: d1
          FileType: 1 Firmware Upgrade Image
          URL: http://files.example/fw.bin
          Username: fw
          Password: secret
          FileSize: 1048576
          TargetFileName: fw.bin
          DelaySeconds: 0
          SuccessURL: http://example/ok
          FailureURL: http://example/fail
      - Upload: {CommandKey: u1, FileType: 2 Vendor Log File, URL: http://files.example/upload, DelaySeconds: 5}
      - ScheduleDownload:
          CommandKey: sd1
          FileType: 1 Firmware Upgrade Image
          URL: http://files.example/fw.bin
          FileSize: 1024
          TimeWindowList:
            - {WindowStart: 0, WindowEnd: 3600, WindowMode: 1 At Any Time, UserMessage: hi, MaxRetries: -1}
            - {WindowStart: 7200, WindowEnd: 10800, WindowMode: 4 Confirmation Needed}
      - CancelTransfer: {CommandKey: d1}
      - GetQueuedTransfers
      - GetAllQueuedTransfers
)";

// RPCs cwmp-1-0.xsd / cwmp-1-1.xsd do not define yet (TR-069 Amendments 2 and 3 added them).
const std::set<std::string> kAddedIn11 = {"GetAllQueuedTransfers", "AutonomousTransferCompleteResponse"};
const std::set<std::string> kAddedIn12 = {"ScheduleDownload", "CancelTransfer"};

class RpcBuilderSchemaTest : public ::testing::Test {
 protected:
  void SetUp() override {
    catalog_ = cpemu::test::bbfFile("samples/catalog-soap-1-1-stubs.xml");
    for (const char* name : {"cwmp-1-0.xsd", "cwmp-1-1.xsd", "cwmp-1-2.xsd", "cwmp-1-4.xsd"})
      if (cpemu::test::bbfFile(name).empty())
        GTEST_SKIP() << "official BBF schema " << name << " not available";
    if (catalog_.empty()) GTEST_SKIP() << "stub catalog not available";
  }
  const CwmpSchemaValidator& validator(const std::string& schema) const {
    return CwmpSchemaValidator::forSchema(cpemu::test::bbfFile(schema), catalog_);
  }
  // Validates `body` in every CWMP namespace whose schema defines `method`.
  void expectValidEverywhere(const std::string& method, const std::string& body) const {
    struct Version {
      const char* ns;
      const char* xsd;
    };
    for (const Version v :
         {Version{test::kCwmp10, "cwmp-1-0.xsd"}, Version{"urn:dslforum-org:cwmp-1-1", "cwmp-1-1.xsd"},
          Version{test::kCwmp12, "cwmp-1-2.xsd"}}) {
      if (std::string(v.xsd) == "cwmp-1-0.xsd" && (kAddedIn11.count(method) || kAddedIn12.count(method)))
        continue;
      if (std::string(v.xsd) == "cwmp-1-1.xsd" && kAddedIn12.count(method)) continue;
      const std::string xml = buildEnvelope(v.ns, EnvelopeHeader{"acs-1", false, std::nullopt}, body);
      EXPECT_EQ(validator(v.xsd).validate(xml), "") << method << " in " << v.ns << ":\n" << xml;
    }
  }
  std::filesystem::path catalog_;
};

TEST_F(RpcBuilderSchemaTest, EveryAcsRequestValidates) {
  const auto script = parseAcsScript(kEveryRpc, "every-rpc.yaml");
  std::set<std::string> covered;
  for (const auto& rpc : script.sessions.at(0).rpcs) {
    covered.insert(rpc.method);
    expectValidEverywhere(rpc.method, rpc.bodyXml);
  }
  const auto& known = knownRpcNames();
  EXPECT_EQ(covered, std::set<std::string>(known.begin(), known.end()))
      << "an RPC the builder knows is not covered";
  EXPECT_EQ(known.size(), 17u) << "TR-069 A6 defines 17 ACS->CPE RPCs";
}

TEST_F(RpcBuilderSchemaTest, RequestsWithOnlyRequiredFieldsValidate) {
  const auto script = parseAcsScript(R"(
sessions:
  - rpcs:
      - GetParameterNames
      - GetParameterValues: [""]
      - SetParameterValues: [{Name: Device.X, Value: "1"}]
      - GetParameterAttributes: [Device.]
      - SetParameterAttributes: [{Name: Device.X}]
      - AddObject: Device.NAT.PortMapping.
      - DeleteObject: Device.NAT.PortMapping.1.
      - Reboot
      - ScheduleInform: {DelaySeconds: 1}
      - Download: {FileType: 3 Vendor Configuration File, URL: http://x/cfg}
      - Upload: {FileType: 1 Vendor Configuration File, URL: http://x/up}
      - ScheduleDownload:
          FileType: 1 Firmware Upgrade Image
          URL: http://x/fw
          TimeWindowList: [{WindowStart: 0, WindowEnd: 60, WindowMode: 2 Immediately}]
      - CancelTransfer
)",
                                     "minimal.yaml");
  for (const auto& rpc : script.sessions.at(0).rpcs) expectValidEverywhere(rpc.method, rpc.bodyXml);
}

TEST_F(RpcBuilderSchemaTest, AcsAnswersToCpeRequestsValidate) {
  expectValidEverywhere("InformResponse", informResponseBody(1));
  expectValidEverywhere("TransferCompleteResponse", emptyResponseBody("TransferCompleteResponse"));
  expectValidEverywhere("AutonomousTransferCompleteResponse",
                        emptyResponseBody("AutonomousTransferCompleteResponse"));
  expectValidEverywhere("RequestDownloadResponse", emptyResponseBody("RequestDownloadResponse"));
  expectValidEverywhere("GetRPCMethodsResponse", getRpcMethodsResponseBody({"Inform", "GetRPCMethods"}));
  expectValidEverywhere("Fault", faultBody(8000, "Method not supported"));

  // HoldRequests is a CWMP 1.0 header; UseCWMPVersion is defined by cwmp-1-4.xsd.
  const std::string hold =
      buildEnvelope(test::kCwmp12, EnvelopeHeader{"i", true, std::nullopt}, informResponseBody(1));
  EXPECT_EQ(validator("cwmp-1-2.xsd").validate(hold), "") << hold;
  const std::string use =
      buildEnvelope(test::kCwmp12, EnvelopeHeader{"i", true, "1.4"}, informResponseBody(1));
  EXPECT_EQ(validator("cwmp-1-4.xsd").validate(use), "") << use;
}

TEST_F(RpcBuilderSchemaTest, TheValidatorRejectsWhatTheSchemaForbids) {
  // Negative controls, so a validator that accepts everything cannot pass the tests above.
  const std::string good =
      buildEnvelope(test::kCwmp12, EnvelopeHeader{"i", false, std::nullopt},
                    "<cwmp:AddObject><ObjectName>A.</ObjectName><ParameterKey/></cwmp:AddObject>");
  EXPECT_EQ(validator("cwmp-1-2.xsd").validate(good), "");
  std::string noMustUnderstand = good;
  noMustUnderstand.replace(noMustUnderstand.find(" soap-env:mustUnderstand=\"1\""), 28, "");
  EXPECT_NE(validator("cwmp-1-2.xsd").validate(noMustUnderstand), "");
  const std::string missingField =
      buildEnvelope(test::kCwmp12, EnvelopeHeader{"i", false, std::nullopt},
                    "<cwmp:AddObject><ObjectName>A.</ObjectName></cwmp:AddObject>");
  EXPECT_NE(validator("cwmp-1-2.xsd").validate(missingField), "");
}

TEST_F(RpcBuilderSchemaTest, WhatTheAcsSendsOverHttpValidates) {
  AcsServer acs;
  acs.setScript(parseAcsScript(kEveryRpc, "every-rpc.yaml"));
  acs.start("127.0.0.1", 0);
  test::FakeCpe cpe(acs.url());
  const auto informResponse = cpe.inform();
  EXPECT_EQ(validator("cwmp-1-2.xsd").validate(informResponse.body), "") << informResponse.body;
  const auto tcResponse = cpe.post(test::transferCompleteXml("tc", "d0"));
  EXPECT_EQ(validator("cwmp-1-2.xsd").validate(tcResponse.body), "") << tcResponse.body;

  auto response = cpe.emptyPost();
  int rpcs = 0;
  while (response.status == 200) {
    EXPECT_EQ(validator("cwmp-1-2.xsd").validate(response.body), "") << response.body;
    const test::SoapView view(response.body);
    response = cpe.post(test::responseXml(view.method() + "Response", view.id()));
    ++rpcs;
  }
  EXPECT_EQ(response.status, 204);
  EXPECT_EQ(rpcs, 17);
}

}  // namespace
}  // namespace cpemu::acs
