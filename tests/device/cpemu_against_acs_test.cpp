// End to end: the real `cpemu run` process against the scripted test ACS over loopback HTTP. Each test
// asserts on what the ACS received, and every message the CPE sent is validated against the official
// CWMP schema.
#include <gtest/gtest.h>

#include <algorithm>

#include "acs/acs_server.h"
#include "cli/run_command.h"
#include "support/cwmp_schema_validator.h"
#include "support/temp_dir.h"
#include "support/test_paths.h"

namespace cpemu::test {
namespace {

using acs::AcsServer;
using acs::SessionRecord;

class CpemuAgainstAcs : public ::testing::Test {
 protected:
  void startAcs(const std::string& script, acs::AcsOptions options = {}) {
    acs_ = std::make_unique<AcsServer>(std::move(options));
    acs_->setScript(acs::parseAcsScript(script, "test-script.yaml"));
    acs_->start("127.0.0.1", 0);
  }

  CommandResult runDevice(unsigned sessions, std::vector<std::string> extra = {},
                          const std::filesystem::path& profile = profilesDir() / "gateway.yaml") {
    std::vector<std::string> args = {"run", profile.string(), "--acs", acs_->url(), "--max-sessions",
                                     std::to_string(sessions), "--state-dir", (state_.path() / "state").string()};
    args.insert(args.end(), extra.begin(), extra.end());
    return runCpemu(args);
  }

  // Every envelope the CPE sent in these sessions is valid against cwmp-1-2.xsd (or -1-0 for 1.0).
  void expectSchemaValid(const std::vector<SessionRecord>& sessions) {
    // cwmp-1-4.xsd redefines 1-3/1-2 (same namespace) and adds the 1.4 headers (SupportedCWMPVersions).
    auto schema14 = bbfFile("cwmp-1-4.xsd");
    auto schema10 = bbfFile("cwmp-1-0.xsd");
    auto catalog = bbfFile("samples/catalog-soap-1-1-stubs.xml");
    if (schema14.empty() || schema10.empty() || catalog.empty()) return;
    for (const auto& s : sessions) {
      const auto& v = CwmpSchemaValidator::forSchema(
          s.cwmpNamespace == "urn:dslforum-org:cwmp-1-0" ? schema10 : schema14, catalog);
      EXPECT_EQ(v.validate(s.informXml), "") << s.informXml;
      for (const auto& e : s.exchanges) {
        if (!e.responseXml.empty()) {
          EXPECT_EQ(v.validate(e.responseXml), "") << e.responseXml;
        }
      }
    }
  }

  static const acs::RpcExchange* exchange(const SessionRecord& s, const std::string& method, int nth = 0) {
    for (const auto& e : s.exchanges)
      if (e.requestMethod == method && nth-- == 0) return &e;
    return nullptr;
  }

  TempDir state_;
  std::unique_ptr<AcsServer> acs_;
};

TEST_F(CpemuAgainstAcs, FirstContactReportsBootstrapAndBootWithForcedInformParameters) {
  startAcs("sessions: []\n");
  auto run = runDevice(1);
  ASSERT_EQ(run.exitCode, 0) << run.err;
  auto sessions = acs_->sessions();
  ASSERT_EQ(sessions.size(), 1u);
  const auto& s = sessions[0];
  EXPECT_TRUE(s.completed);
  EXPECT_TRUE(s.hasEvent("0 BOOTSTRAP"));
  EXPECT_TRUE(s.hasEvent("1 BOOT"));
  EXPECT_EQ(s.deviceId.serialNumber, "GW00000001");
  EXPECT_EQ(s.cwmpNamespace, "urn:dslforum-org:cwmp-1-2");
  EXPECT_EQ(s.supportedCwmpVersions.value_or(""), "1.0,1.1,1.2,1.3,1.4");
  EXPECT_EQ(s.maxEnvelopes, 1u);
  for (const char* p : {"Device.RootDataModelVersion", "Device.DeviceInfo.HardwareVersion",
                        "Device.DeviceInfo.SoftwareVersion", "Device.DeviceInfo.ProvisioningCode",
                        "Device.ManagementServer.ParameterKey", "Device.ManagementServer.ConnectionRequestURL",
                        "Device.IP.Interface.1.IPv4Address.1.IPAddress"})
    EXPECT_NE(s.informParameter(p), nullptr) << p;
  expectSchemaValid(sessions);
}

TEST_F(CpemuAgainstAcs, RestartWithStateReportsBootNotBootstrap) {
  startAcs("sessions: []\n");
  ASSERT_EQ(runDevice(1).exitCode, 0);
  ASSERT_EQ(runDevice(1).exitCode, 0);
  auto sessions = acs_->sessions();
  ASSERT_EQ(sessions.size(), 2u);
  EXPECT_TRUE(sessions[0].hasEvent("0 BOOTSTRAP"));
  EXPECT_FALSE(sessions[1].hasEvent("0 BOOTSTRAP"));
  EXPECT_TRUE(sessions[1].hasEvent("1 BOOT"));
}

TEST_F(CpemuAgainstAcs, EveryRpcIsAnsweredAsTheSpecSays) {
  startAcs(R"(
sessions:
  - rpcs:
      - GetRPCMethods: {}
      - GetParameterNames: {ParameterPath: Device.DeviceInfo., NextLevel: true}
      - GetParameterValues: {ParameterNames: [Device.DeviceInfo.SerialNumber, Device.Time.]}
      - SetParameterValues:
          ParameterList: [{Name: Device.ManagementServer.PeriodicInformInterval, Value: "600", Type: xsd:unsignedInt}]
          ParameterKey: spv-1
      - SetParameterValues:
          ParameterList:
            - {Name: Device.DeviceInfo.Manufacturer, Value: "x", Type: xsd:string}
            - {Name: Device.No.Such, Value: "1", Type: xsd:string}
            - {Name: Device.ManagementServer.PeriodicInformEnable, Value: "perhaps", Type: xsd:boolean}
          ParameterKey: spv-2
      - GetParameterValues: {ParameterNames: [Device.ManagementServer.ParameterKey, Device.ManagementServer.PeriodicInformInterval]}
      - SetParameterAttributes:
          ParameterList: [{Name: Device.ManagementServer.PeriodicInformInterval, NotificationChange: true, Notification: 2, AccessListChange: false, AccessList: []}]
      - GetParameterAttributes: {ParameterNames: [Device.ManagementServer.PeriodicInformInterval]}
      - AddObject: {ObjectName: Device.NAT.PortMapping., ParameterKey: add-1}
      - DeleteObject: {ObjectName: Device.NAT.PortMapping.2., ParameterKey: del-1}
      - AddObject: {ObjectName: Device.DeviceInfo., ParameterKey: add-2}
      - Download: {CommandKey: dl-1, FileType: "1 Firmware Upgrade Image", URL: "http://127.0.0.1:9/fw.bin", Username: "", Password: "", FileSize: 100, TargetFileName: "", DelaySeconds: 0, SuccessURL: "", FailureURL: ""}
      - Upload: {CommandKey: ul-1, FileType: "2 Vendor Log File", URL: "http://127.0.0.1:9/log", Username: "", Password: "", DelaySeconds: 0}
      - GetQueuedTransfers: {}
      - GetAllQueuedTransfers: {}
      - CancelTransfer: {CommandKey: dl-1}
      - CancelTransfer: {CommandKey: nothing}
      - ScheduleInform: {DelaySeconds: 3600, CommandKey: si-1}
      - raw: '<cwmp:ChangeDUState><Operations/><CommandKey>x</CommandKey></cwmp:ChangeDUState>'
)");
  auto run = runDevice(1);
  ASSERT_EQ(run.exitCode, 0) << run.err;
  auto sessions = acs_->sessions();
  ASSERT_EQ(sessions.size(), 1u);
  const auto& s = sessions[0];
  ASSERT_TRUE(s.completed) << s.endReason;
  ASSERT_EQ(s.exchanges.size(), 19u);
  for (const auto& e : s.exchanges) EXPECT_EQ(e.responseId, e.requestId) << e.requestMethod;

  EXPECT_EQ(exchange(s, "GetRPCMethods")->responseMethod, "GetRPCMethodsResponse");
  EXPECT_EQ(exchange(s, "GetParameterNames")->responseMethod, "GetParameterNamesResponse");
  EXPECT_EQ(exchange(s, "GetParameterValues")->responseParameters.front().name, "Device.DeviceInfo.SerialNumber");
  EXPECT_EQ(exchange(s, "GetParameterValues")->responseParameters.front().value, "GW00000001");
  EXPECT_EQ(exchange(s, "SetParameterValues")->responseMethod, "SetParameterValuesResponse");

  const auto* failed = exchange(s, "SetParameterValues", 1);
  ASSERT_TRUE(failed->fault);
  EXPECT_EQ(failed->fault->faultCode, 9003u);
  std::map<std::string, unsigned> codes;
  for (const auto& f : failed->fault->setParameterValuesFaults) codes[f.parameterName] = f.faultCode;
  EXPECT_EQ(codes["Device.DeviceInfo.Manufacturer"], 9008u);
  EXPECT_EQ(codes["Device.No.Such"], 9005u);
  EXPECT_EQ(codes["Device.ManagementServer.PeriodicInformEnable"], 9006u);

  // The failed set changed nothing: the key and interval are those of the first set.
  const auto* after = exchange(s, "GetParameterValues", 1);
  ASSERT_EQ(after->responseParameters.size(), 2u);
  EXPECT_EQ(after->responseParameters[0].value, "spv-1");
  EXPECT_EQ(after->responseParameters[1].value, "600");
  EXPECT_EQ(after->responseParameters[1].type, "xsd:unsignedInt");

  EXPECT_EQ(exchange(s, "SetParameterAttributes")->responseMethod, "SetParameterAttributesResponse");
  EXPECT_NE(exchange(s, "GetParameterAttributes")->responseXml.find("<Notification>2</Notification>"), std::string::npos);
  // The gateway profile has PortMapping.1; the ACS's new one is 2.
  EXPECT_NE(exchange(s, "AddObject")->responseXml.find("<InstanceNumber>2</InstanceNumber>"), std::string::npos);
  EXPECT_EQ(exchange(s, "DeleteObject")->responseMethod, "DeleteObjectResponse");
  EXPECT_EQ(exchange(s, "AddObject", 1)->fault->faultCode, 9005u);
  EXPECT_EQ(exchange(s, "Download")->responseMethod, "DownloadResponse");
  EXPECT_EQ(exchange(s, "Upload")->responseMethod, "UploadResponse");
  EXPECT_NE(exchange(s, "GetQueuedTransfers")->responseXml.find("dl-1"), std::string::npos);
  EXPECT_NE(exchange(s, "GetAllQueuedTransfers")->responseXml.find("ul-1"), std::string::npos);
  EXPECT_EQ(exchange(s, "CancelTransfer")->responseMethod, "CancelTransferResponse");
  EXPECT_EQ(exchange(s, "CancelTransfer", 1)->fault->faultCode, 9003u);
  EXPECT_EQ(exchange(s, "ScheduleInform")->responseMethod, "ScheduleInformResponse");
  EXPECT_EQ(s.exchanges.back().fault->faultCode, 9000u);
  expectSchemaValid(sessions);
}

TEST_F(CpemuAgainstAcs, RebootIsReportedAsBootAndMRebootInTheNextSession) {
  startAcs(R"(
sessions:
  - rpcs:
      - Reboot: {CommandKey: reboot-42}
  - rpcs: []
)");
  auto run = runDevice(2);
  ASSERT_EQ(run.exitCode, 0) << run.err;
  auto sessions = acs_->sessions();
  ASSERT_EQ(sessions.size(), 2u);
  EXPECT_EQ(sessions[0].exchanges.at(0).responseMethod, "RebootResponse");
  const auto& second = sessions[1];
  EXPECT_TRUE(second.hasEvent("1 BOOT"));
  EXPECT_FALSE(second.hasEvent("0 BOOTSTRAP"));
  bool mReboot = false;
  for (const auto& e : second.events)
    if (e.eventCode == "M Reboot") mReboot = e.commandKey == "reboot-42";
  EXPECT_TRUE(mReboot);
}

TEST_F(CpemuAgainstAcs, FactoryResetBootstrapsAgainWithTheProfilesValues) {
  startAcs(R"(
sessions:
  - rpcs:
      - SetParameterValues:
          ParameterList: [{Name: Device.DeviceInfo.ProvisioningCode, Value: "changed", Type: xsd:string}]
          ParameterKey: k
      - FactoryReset: {}
  - rpcs:
      - GetParameterValues: {ParameterNames: [Device.DeviceInfo.ProvisioningCode]}
)");
  auto run = runDevice(2);
  ASSERT_EQ(run.exitCode, 0) << run.err;
  auto sessions = acs_->sessions();
  ASSERT_EQ(sessions.size(), 2u);
  EXPECT_TRUE(sessions[1].hasEvent("0 BOOTSTRAP"));
  ASSERT_EQ(sessions[1].exchanges.size(), 1u);
  EXPECT_NE(sessions[1].exchanges[0].responseParameters.at(0).value, "changed");
}

TEST_F(CpemuAgainstAcs, DigestAuthenticationToTheAcs) {
  acs::AcsOptions options;
  options.auth.scheme = acs::AuthScheme::Digest;
  options.auth.username = "cpe-user";
  options.auth.password = "cpe-secret";
  startAcs("sessions: []\n", options);
  auto ok = runDevice(1, {"--set", "Device.ManagementServer.Username=cpe-user", "--set",
                          "Device.ManagementServer.Password=cpe-secret"});
  ASSERT_EQ(ok.exitCode, 0) << ok.err;
  ASSERT_EQ(acs_->sessions().size(), 1u);
  EXPECT_TRUE(acs_->sessions()[0].completed);
  EXPECT_EQ(ok.err.find("cpe-secret"), std::string::npos) << "password in the log";

  TempDir other;
  auto bad = runCpemu({"run", (profilesDir() / "gateway.yaml").string(), "--acs", acs_->url(), "--max-sessions", "1",
                       "--set", "Device.ManagementServer.Username=cpe-user", "--set",
                       "Device.ManagementServer.Password=wrong", "--state-dir", (other.path() / "s").string()});
  EXPECT_NE(bad.exitCode, 0);
  EXPECT_NE(bad.err.find("401"), std::string::npos) << bad.err;
  EXPECT_EQ(acs_->sessions().size(), 1u);
}

TEST_F(CpemuAgainstAcs, RedirectIsFollowedForTheWholeSession) {
  acs::AcsOptions options;
  acs::RedirectOptions redirect;
  redirect.status = 307;
  redirect.location = "/acs-moved";
  options.redirect = redirect;
  startAcs("sessions:\n  - rpcs:\n      - GetRPCMethods: {}\n", options);
  auto run = runDevice(1);
  ASSERT_EQ(run.exitCode, 0) << run.err;
  auto sessions = acs_->sessions();
  ASSERT_EQ(sessions.size(), 1u);
  EXPECT_TRUE(sessions[0].completed);
  EXPECT_EQ(sessions[0].path, "/acs-moved");
  EXPECT_EQ(sessions[0].exchanges.at(0).responseMethod, "GetRPCMethodsResponse");
}

TEST_F(CpemuAgainstAcs, Cwmp10DeviceUsesTheCwmp10NamespaceThroughout) {
  TempDir dir;
  auto profile = dir.write("cwmp10.yaml", "extends: " + (profilesDir() / "gateway.yaml").string() +
                                              "\ncwmp:\n  version: \"1.0\"\n");
  startAcs("sessions:\n  - rpcs:\n      - GetParameterValues: {ParameterNames: [Device.DeviceInfo.SoftwareVersion]}\n");
  auto run = runDevice(1, {}, profile);
  ASSERT_EQ(run.exitCode, 0) << run.err;
  auto sessions = acs_->sessions();
  ASSERT_EQ(sessions.size(), 1u);
  EXPECT_EQ(sessions[0].cwmpNamespace, "urn:dslforum-org:cwmp-1-0");
  EXPECT_FALSE(sessions[0].supportedCwmpVersions.has_value());
  EXPECT_NE(sessions[0].exchanges.at(0).responseXml.find("urn:dslforum-org:cwmp-1-0"), std::string::npos);
  expectSchemaValid(sessions);
}

TEST_F(CpemuAgainstAcs, DebugLogShowsSoapButNeverSecrets) {
  startAcs(R"(
sessions:
  - rpcs:
      - SetParameterValues:
          ParameterList: [{Name: Device.ManagementServer.ConnectionRequestPassword, Value: "TopSecret-123", Type: xsd:string}]
          ParameterKey: k
      - GetParameterValues: {ParameterNames: [Device.ManagementServer.ConnectionRequestPassword]}
)");
  auto run = runDevice(1, {"--log-level", "debug"});
  ASSERT_EQ(run.exitCode, 0) << run.err;
  EXPECT_NE(run.err.find("cwmp:Inform"), std::string::npos);
  EXPECT_EQ(run.err.find("TopSecret-123"), std::string::npos);
  auto s = acs_->sessions().at(0);
  EXPECT_EQ(s.exchanges.at(1).responseParameters.at(0).value, "");  // secured: reads back empty
}

TEST_F(CpemuAgainstAcs, UnreachableAcsFailsTheSessionAndSaysWhy) {
  startAcs("sessions: []\n");
  std::string url = acs_->url();
  acs_->stop();
  auto run = runCpemu({"run", (profilesDir() / "gateway.yaml").string(), "--acs", url, "--max-sessions", "1",
                       "--state-dir", (state_.path() / "s").string()});
  EXPECT_NE(run.exitCode, 0);
  EXPECT_NE(run.err.find("session failed"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("retry 1"), std::string::npos) << run.err;
}

}  // namespace
}  // namespace cpemu::test
