// One CWMP session against the test ACS over loopback HTTP, driven by a scripted fake CPE
// (TR-069 A6 §3.7: Inform, CPE requests, empty POST, ACS requests, 204).
#include <gtest/gtest.h>

#include <chrono>

#include "acs/acs_server.h"
#include "fake_cpe.h"
#include "raw_http_connection.h"

namespace cpemu::acs {
namespace {

using test::FakeCpe;
using test::InformSpec;
using test::SoapView;

constexpr auto kWait = std::chrono::seconds(10);

std::string header(const transport::HttpResponse& r, const std::string& name) {
  return r.header(name);
}

class AcsSessionTest : public ::testing::Test {
 protected:
  void startAcs(const std::string& script, AcsOptions options = {}) {
    acs_ = std::make_unique<AcsServer>(std::move(options));
    acs_->setScript(parseAcsScript(script, "session.yaml"));
    port_ = acs_->start("127.0.0.1", 0);
  }
  std::unique_ptr<AcsServer> acs_;
  std::uint16_t port_ = 0;
};

TEST_F(AcsSessionTest, InformResponse_EchoesCwmpIdInTheInformsNamespace) {
  startAcs("sessions: []");
  for (const char* ns : {test::kCwmp12, test::kCwmp10}) {
    FakeCpe cpe(acs_->url());
    InformSpec spec;
    spec.ns = ns;
    spec.id = std::string("id-for-") + ns;
    const auto response = cpe.inform(spec);

    ASSERT_EQ(response.status, 200) << response.body;
    EXPECT_NE(header(response, "Content-Type").find("text/xml"), std::string::npos);
    const SoapView view(response.body);
    EXPECT_EQ(view.method(), "InformResponse");
    EXPECT_EQ(view.cwmpNamespace(), ns);
    EXPECT_EQ(view.id(), spec.id);
    EXPECT_EQ(view.attribute("/soap-env:Envelope/soap-env:Header/cwmp:ID", test::kSoapEnv, "mustUnderstand"),
              "1");
    EXPECT_EQ(view.text("//cwmp:InformResponse/MaxEnvelopes"), "1");
    EXPECT_FALSE(view.has("//cwmp:HoldRequests"));
    EXPECT_FALSE(view.has("//cwmp:UseCWMPVersion"));  // the CPE announced no SupportedCWMPVersions
    EXPECT_EQ(cpe.emptyPost().status, 204);
  }
}

TEST_F(AcsSessionTest, Inform_IsRecordedWithDeviceEventsParametersAndHeader) {
  startAcs("sessions: []");
  FakeCpe cpe(acs_->url());
  InformSpec spec;
  spec.serial = "GW00000042";
  spec.events = {{"1 BOOT", ""}, {"M Reboot", "reboot-7"}};
  spec.retryCount = 3;
  spec.id = "abc-1";
  spec.supportedVersions = "1.0,1.1,1.2,1.3,1.4";
  ASSERT_EQ(cpe.inform(spec).status, 200);
  ASSERT_EQ(cpe.emptyPost().status, 204);

  ASSERT_TRUE(acs_->waitForSessions(1, kWait));
  const auto sessions = acs_->sessions();
  ASSERT_EQ(sessions.size(), 1u);
  const SessionRecord& s = sessions[0];
  EXPECT_EQ(s.number, 1);
  EXPECT_EQ(s.deviceId.serialNumber, "GW00000042");
  EXPECT_EQ(s.deviceId.oui, "0A1B2C");
  EXPECT_EQ(s.deviceId.productClass, "EmuGateway");
  EXPECT_EQ(s.deviceId.manufacturer, "Example");
  ASSERT_EQ(s.events.size(), 2u);
  EXPECT_EQ(s.events[1].eventCode, "M Reboot");
  EXPECT_EQ(s.events[1].commandKey, "reboot-7");
  EXPECT_TRUE(s.hasEvent("1 BOOT"));
  ASSERT_NE(s.informParameter("Device.DeviceInfo.SoftwareVersion"), nullptr);
  EXPECT_EQ(s.informParameter("Device.DeviceInfo.SoftwareVersion")->value, "1.0.0");
  EXPECT_EQ(s.informParameter("Device.DeviceInfo.SoftwareVersion")->type, "xsd:string");
  EXPECT_EQ(s.informId, "abc-1");
  EXPECT_EQ(s.cwmpNamespace, test::kCwmp12);
  EXPECT_EQ(s.retryCount, 3u);
  EXPECT_EQ(s.maxEnvelopes, 1u);
  EXPECT_EQ(s.supportedCwmpVersions.value_or(""), "1.0,1.1,1.2,1.3,1.4");
  EXPECT_EQ(s.remoteAddress, "127.0.0.1");
  EXPECT_NE(s.remotePort, 0);
  EXPECT_NE(s.informXml.find("GW00000042"), std::string::npos);
  EXPECT_TRUE(s.completed);
  EXPECT_EQ(s.endReason, "complete");
}

TEST_F(AcsSessionTest, UseCwmpVersion_IsTheHighestCommonVersionWhenTheAcsSpeaks14) {
  startAcs("cwmp_version: \"1.4\"\nsessions: []");
  FakeCpe cpe(acs_->url());
  InformSpec spec;
  spec.supportedVersions = "1.0,1.1,1.2,1.3";
  const SoapView view(cpe.inform(spec).body);
  ASSERT_TRUE(view.has("//cwmp:UseCWMPVersion"));
  EXPECT_EQ(view.text("//cwmp:UseCWMPVersion"), "1.3");
  EXPECT_EQ(view.attribute("//cwmp:UseCWMPVersion", test::kSoapEnv, "mustUnderstand"), "1");
  EXPECT_EQ(cpe.emptyPost().status, 204);
  EXPECT_EQ(acs_->sessions().at(0).useCwmpVersion.value_or(""), "1.3");
}

TEST_F(AcsSessionTest, UseCwmpVersion_IsNotSentByAnAcsConfiguredBelow14) {
  AcsOptions options;
  options.cwmpVersion = "1.2";  // overrides the script's 1.4
  startAcs("cwmp_version: \"1.4\"\nsessions: []", options);
  FakeCpe cpe(acs_->url());
  InformSpec spec;
  spec.supportedVersions = "1.0,1.1,1.2,1.3,1.4";
  const SoapView view(cpe.inform(spec).body);
  EXPECT_FALSE(view.has("//cwmp:UseCWMPVersion"));
}

TEST_F(AcsSessionTest, HoldRequestsOption_AddsTheHeaderToTheInformResponse) {
  AcsOptions options;
  options.holdRequests = true;
  startAcs("sessions: []", options);
  FakeCpe cpe(acs_->url());
  const SoapView view(cpe.inform().body);
  ASSERT_TRUE(view.has("//cwmp:HoldRequests"));
  EXPECT_EQ(view.text("//cwmp:HoldRequests"), "true");
  EXPECT_EQ(view.attribute("//cwmp:HoldRequests", test::kSoapEnv, "mustUnderstand"), "1");
}

TEST_F(AcsSessionTest, InformResponse_SetsASessionCookieThatTiesLaterPostsToTheSession) {
  startAcs("sessions:\n  - rpcs: [Reboot]\n");
  test::RawHttpConnection first(port_);
  const auto informResponse = first.post("/acs", test::informXml({}));
  ASSERT_EQ(informResponse.status, 200);
  const std::string setCookie = informResponse.header("Set-Cookie");
  ASSERT_EQ(setCookie.rfind("cpemu-acs-session=", 0), 0u) << setCookie;
  EXPECT_NE(setCookie.find("; Path=/"), std::string::npos) << setCookie;
  const std::string cookie = setCookie.substr(0, setCookie.find(';'));
  EXPECT_GT(cookie.size(), std::string("cpemu-acs-session=").size() + 16)
      << "the session id should be random";

  // A new connection without the cookie is no session: an empty POST gets nothing to do.
  test::RawHttpConnection stranger(port_);
  EXPECT_EQ(stranger.post("/acs", "").status, 204);

  // A new connection with the cookie is the same session: the script's RPC comes.
  test::RawHttpConnection second(port_);
  const auto rpc = second.post("/acs", "", {{"Cookie", cookie}});
  ASSERT_EQ(rpc.status, 200);
  EXPECT_EQ(SoapView(rpc.body).method(), "Reboot");
  const std::string rebootId = SoapView(rpc.body).id();
  EXPECT_EQ(second.post("/acs", test::responseXml("RebootResponse", rebootId), {{"Cookie", cookie}}).status,
            204);

  const auto sessions = acs_->sessions();
  ASSERT_EQ(sessions.size(), 1u);
  EXPECT_TRUE(sessions[0].completed);
  ASSERT_EQ(sessions[0].exchanges.size(), 1u);
  EXPECT_EQ(sessions[0].exchanges[0].responseMethod, "RebootResponse");
}

TEST_F(AcsSessionTest, WithoutCookies_TheConnectionTiesPostsToTheSession) {
  startAcs("sessions:\n  - rpcs: [FactoryReset]\n");
  test::RawHttpConnection cpe(port_);  // never sends the cookie back
  ASSERT_EQ(cpe.post("/acs", test::informXml({})).status, 200);
  const auto rpc = cpe.post("/acs", "");
  ASSERT_EQ(rpc.status, 200);
  EXPECT_EQ(SoapView(rpc.body).method(), "FactoryReset");
  EXPECT_EQ(cpe.post("/acs", test::responseXml("FactoryResetResponse", SoapView(rpc.body).id())).status, 204);
  EXPECT_TRUE(acs_->waitForSessions(1, kWait));
}

TEST_F(AcsSessionTest, ScriptRpcs_AreSentInOrderAfterTheEmptyPost_AndTheAnswersRecorded) {
  startAcs(R"(
sessions:
  - rpcs:
      - GetParameterValues: {ParameterNames: [Device.DeviceInfo.SoftwareVersion, Device.DeviceInfo.UpTime]}
      - SetParameterValues:
          ParameterList: [{Name: Device.ManagementServer.PeriodicInformInterval, Value: "x", Type: xsd:unsignedInt}]
          ParameterKey: k1
      - AddObject: {ObjectName: Device.NAT.PortMapping., ParameterKey: k2}
)");
  FakeCpe cpe(acs_->url());
  ASSERT_EQ(cpe.inform().status, 200);

  const auto gpv = cpe.emptyPost();
  ASSERT_EQ(gpv.status, 200);
  const SoapView gpvView(gpv.body);
  EXPECT_EQ(gpvView.method(), "GetParameterValues");
  EXPECT_EQ(gpvView.cwmpNamespace(), test::kCwmp12);
  EXPECT_EQ(gpvView.texts("//ParameterNames/string"),
            (std::vector<std::string>{"Device.DeviceInfo.SoftwareVersion", "Device.DeviceInfo.UpTime"}));
  EXPECT_FALSE(gpvView.id().empty());

  const auto spv = cpe.post(test::getParameterValuesResponseXml(
      gpvView.id(), {{"Device.DeviceInfo.SoftwareVersion", "1.0.0"}, {"Device.DeviceInfo.UpTime", "42"}}));
  ASSERT_EQ(spv.status, 200);
  const SoapView spvView(spv.body);
  EXPECT_EQ(spvView.method(), "SetParameterValues");
  EXPECT_NE(spvView.id(), gpvView.id()) << "each ACS request has a fresh cwmp:ID";
  EXPECT_EQ(spvView.text("//ParameterKey"), "k1");
  EXPECT_EQ(spvView.attribute("//ParameterList/ParameterValueStruct/Value",
                              "http://www.w3.org/2001/XMLSchema-instance", "type"),
            "xsd:unsignedInt");

  const auto add = cpe.post(test::faultXml(spvView.id(), 9003, "Invalid arguments",
                                           {{"Device.ManagementServer.PeriodicInformInterval", 9007}}));
  ASSERT_EQ(add.status, 200);
  const SoapView addView(add.body);
  EXPECT_EQ(addView.method(), "AddObject");

  const auto end = cpe.post(test::responseXml("AddObjectResponse", addView.id(),
                                              "<InstanceNumber>3</InstanceNumber><Status>0</Status>"));
  EXPECT_EQ(end.status, 204);
  EXPECT_TRUE(end.body.empty());

  ASSERT_TRUE(acs_->waitForSessions(1, kWait));
  const SessionRecord s = acs_->sessions().at(0);
  EXPECT_TRUE(s.completed);
  ASSERT_EQ(s.exchanges.size(), 3u);

  EXPECT_EQ(s.exchanges[0].requestMethod, "GetParameterValues");
  EXPECT_EQ(s.exchanges[0].requestId, gpvView.id());
  EXPECT_EQ(s.exchanges[0].requestXml, gpv.body);
  EXPECT_EQ(s.exchanges[0].responseMethod, "GetParameterValuesResponse");
  EXPECT_EQ(s.exchanges[0].responseId, gpvView.id());
  ASSERT_EQ(s.exchanges[0].responseParameters.size(), 2u);
  EXPECT_EQ(s.exchanges[0].responseParameters[1].value, "42");
  EXPECT_EQ(s.exchanges[0].responseSummary, "GetParameterValuesResponse (2 parameters)");
  EXPECT_FALSE(s.exchanges[0].fault);

  EXPECT_EQ(s.exchanges[1].requestMethod, "SetParameterValues");
  EXPECT_EQ(s.exchanges[1].responseMethod, "Fault");
  ASSERT_TRUE(s.exchanges[1].fault);
  EXPECT_EQ(s.exchanges[1].fault->faultCode, 9003u);
  EXPECT_EQ(s.exchanges[1].fault->faultString, "Invalid arguments");
  ASSERT_EQ(s.exchanges[1].fault->setParameterValuesFaults.size(), 1u);
  EXPECT_EQ(s.exchanges[1].fault->setParameterValuesFaults[0].parameterName,
            "Device.ManagementServer.PeriodicInformInterval");
  EXPECT_EQ(s.exchanges[1].fault->setParameterValuesFaults[0].faultCode, 9007u);
  EXPECT_NE(s.exchanges[1].responseXml.find("SetParameterValuesFault"), std::string::npos);

  EXPECT_EQ(s.exchanges[2].requestMethod, "AddObject");
  EXPECT_EQ(s.exchanges[2].responseSummary, "AddObjectResponse (instance 3, status 0)");
}

TEST_F(AcsSessionTest, CpeRequests_AreAnsweredBeforeTheEmptyPost) {
  startAcs("sessions:\n  - rpcs: [GetRPCMethods]\n");
  FakeCpe cpe(acs_->url());
  InformSpec spec;
  spec.events = {{"7 TRANSFER COMPLETE", ""}, {"M Download", "dl-1"}};
  ASSERT_EQ(cpe.inform(spec).status, 200);

  const auto tc = cpe.post(test::transferCompleteXml("tc-1", "dl-1"));
  ASSERT_EQ(tc.status, 200);
  const SoapView tcView(tc.body);
  EXPECT_EQ(tcView.method(), "TransferCompleteResponse");
  EXPECT_EQ(tcView.id(), "tc-1");

  const auto methods = cpe.post(test::responseXml("GetRPCMethods", "grm-1"));
  ASSERT_EQ(methods.status, 200);
  const SoapView methodsView(methods.body);
  EXPECT_EQ(methodsView.method(), "GetRPCMethodsResponse");
  EXPECT_EQ(methodsView.texts("//MethodList/string"),
            (std::vector<std::string>{"Inform", "GetRPCMethods", "TransferComplete",
                                      "AutonomousTransferComplete", "RequestDownload"}));
  EXPECT_EQ(methodsView.attribute("//MethodList", "http://schemas.xmlsoap.org/soap/encoding/", "arrayType"),
            "xsd:string[5]");

  const auto rd = cpe.post(test::responseXml("RequestDownload", "rd-1",
                                             "<FileType>1 Firmware Upgrade Image</FileType><FileTypeArg/>"));
  EXPECT_EQ(SoapView(rd.body).method(), "RequestDownloadResponse");

  const auto atc = cpe.post(test::responseXml("AutonomousTransferComplete", "atc-1", "<AnnounceURL/>"));
  EXPECT_EQ(SoapView(atc.body).method(), "AutonomousTransferCompleteResponse");

  const auto unknown = cpe.post(test::responseXml("Kicked", "k-1", "<Command>x</Command>"));
  const SoapView faultView(unknown.body);
  EXPECT_EQ(faultView.method(), "Fault");
  EXPECT_EQ(faultView.id(), "k-1");
  EXPECT_EQ(faultView.text("//cwmp:Fault/FaultCode"), "8000");
  EXPECT_EQ(faultView.text("//cwmp:Fault/FaultString"), "Method not supported");

  // Only now, after the empty POST, does the ACS send its own request.
  const auto rpc = cpe.emptyPost();
  EXPECT_EQ(SoapView(rpc.body).method(), "GetRPCMethods");
  EXPECT_EQ(
      cpe.post(test::responseXml("GetRPCMethodsResponse", SoapView(rpc.body).id(),
                                 "<MethodList SOAP-ENC:arrayType=\"xsd:string[1]\"><string>Inform</string>"
                                 "</MethodList>"))
          .status,
      204);

  const SessionRecord s = acs_->sessions().at(0);
  ASSERT_EQ(s.cpeRequests.size(), 5u);
  EXPECT_EQ(s.cpeRequests[0].method, "TransferComplete");
  EXPECT_EQ(s.cpeRequests[0].commandKey, "dl-1");
  ASSERT_TRUE(s.cpeRequests[0].fault);
  EXPECT_EQ(s.cpeRequests[0].fault->faultCode, 0u);
  EXPECT_EQ(s.cpeRequests[0].answer, "TransferCompleteResponse");
  EXPECT_EQ(s.cpeRequests[4].method, "Kicked");
  EXPECT_EQ(s.cpeRequests[4].answer, "Fault 8000");
  ASSERT_EQ(s.exchanges.size(), 1u);
  EXPECT_EQ(s.exchanges[0].responseSummary, "GetRPCMethodsResponse (1 methods)");
  EXPECT_TRUE(s.completed);
}

TEST_F(AcsSessionTest, SessionsTakeScriptEntriesInOrder_SkippingNonMatchingOnes_ThenDefault) {
  startAcs(R"(
sessions:
  - match: {event: "0 BOOTSTRAP"}
    rpcs: [GetRPCMethods]
  - rpcs: [Reboot]
default:
  rpcs: [FactoryReset]
)");
  auto firstRpc = [&](const InformSpec& spec) {
    FakeCpe cpe(acs_->url());
    EXPECT_EQ(cpe.inform(spec).status, 200);
    const auto rpc = cpe.emptyPost();
    const std::string method = rpc.status == 200 ? SoapView(rpc.body).method() : "(none)";
    if (rpc.status == 200) {
      EXPECT_EQ(cpe.post(test::responseXml(method + "Response", SoapView(rpc.body).id())).status, 204);
    }
    return method;
  };
  InformSpec boot;
  boot.events = {{"1 BOOT", ""}};
  // CPE 1 boots without BOOTSTRAP: entry 0 does not match and is skipped for it; then the default.
  EXPECT_EQ(firstRpc(boot), "Reboot");
  EXPECT_EQ(firstRpc(boot), "FactoryReset");
  // Another CPE walks the list from the start.
  InformSpec bootstrap;
  bootstrap.serial = "GW00000002";
  EXPECT_EQ(firstRpc(bootstrap), "GetRPCMethods");
  EXPECT_EQ(firstRpc(bootstrap), "Reboot");

  const auto sessions = acs_->sessions();
  ASSERT_EQ(sessions.size(), 4u);
  EXPECT_EQ(sessions[0].scriptEntry, 1);
  EXPECT_EQ(sessions[1].scriptEntry, -1);
  EXPECT_EQ(sessions[2].scriptEntry, 0);
  EXPECT_EQ(sessions[3].scriptEntry, 1);
}

TEST_F(AcsSessionTest, ANewInformOnAnOpenSession_EndsTheOldOneUnfinished) {
  startAcs("sessions:\n  - rpcs: [Reboot]\n");
  FakeCpe cpe(acs_->url());
  ASSERT_EQ(cpe.inform().status, 200);
  ASSERT_EQ(cpe.emptyPost().status, 200);  // Reboot outstanding
  ASSERT_EQ(cpe.inform().status, 200);     // the CPE starts over
  ASSERT_EQ(cpe.emptyPost().status, 204);  // the script's only entry is used up: default, no RPCs

  const auto sessions = acs_->sessions();
  ASSERT_EQ(sessions.size(), 2u);
  EXPECT_FALSE(sessions[0].completed);
  EXPECT_EQ(sessions[0].endReason, "superseded by a new Inform");
  EXPECT_TRUE(sessions[1].completed);
}

TEST_F(AcsSessionTest, GarbageBodies_AreRefusedWithoutEndingTheServer) {
  startAcs("sessions: []");
  test::RawHttpConnection raw(port_);
  EXPECT_EQ(raw.post("/acs", "<not-xml").status, 400);
  EXPECT_EQ(raw.post("/acs", "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"b\">]><x>&a;</x>").status,
            400);
  EXPECT_EQ(raw.post("/acs", test::responseXml("RebootResponse", "x")).status, 400);  // no session
  FakeCpe cpe(acs_->url());
  EXPECT_EQ(cpe.inform().status, 200);
}

}  // namespace
}  // namespace cpemu::acs
