// Scripted failures: a script entry may turn a session away at its Inform (`reject:` a SOAP Fault such as
// 8005 Retry request, or an HTTP error status) and may serve several sessions (`repeat: N`), so a test
// can make a CPE retry and check how it does.
#include <gtest/gtest.h>

#include "acs/acs_server.h"
#include "fake_cpe.h"

namespace cpemu::acs {
namespace {

using test::FakeCpe;
using test::InformSpec;
using test::SoapView;

// The ScriptError from parsing `text`; fails the test when there is none.
ScriptError errorFrom(const std::string& text) {
  try {
    parseAcsScript(text, "reject.yaml");
  } catch (const ScriptError& e) {
    return e;
  }
  ADD_FAILURE() << "no ScriptError for:\n" << text;
  return ScriptError({}, "");
}

InformSpec informFrom(const std::string& serial, std::vector<std::pair<std::string, std::string>> events = {
                                                     {"0 BOOTSTRAP", ""}, {"1 BOOT", ""}}) {
  InformSpec spec;
  spec.serial = serial;
  spec.events = std::move(events);
  return spec;
}

class AcsRejectionTest : public ::testing::Test {
 protected:
  void startAcs(const std::string& script) {
    acs_ = std::make_unique<AcsServer>();
    acs_->setScript(parseAcsScript(script, "reject.yaml"));
    acs_->start("127.0.0.1", 0);
  }
  // One session of a CPE that answers nothing: the Inform, then empty POSTs until the ACS is done.
  // Returns the answer to the Inform.
  transport::HttpResponse session(const InformSpec& spec, std::vector<std::string>* rpcsReceived = nullptr) {
    FakeCpe cpe(acs_->url());
    const auto informAnswer = cpe.inform(spec);
    if (informAnswer.status != 200 || SoapView(informAnswer.body).method() != "InformResponse")
      return informAnswer;
    for (auto reply = cpe.emptyPost(); reply.status == 200; reply = cpe.emptyPost()) {
      const SoapView request(reply.body);
      if (rpcsReceived) rpcsReceived->push_back(request.method());
    }
    return informAnswer;
  }
  std::unique_ptr<AcsServer> acs_;
};

TEST(AcsRejectionScript, FaultAndHttpStatusAreRead_WithTheSpecsFaultString) {
  const auto script = parseAcsScript(R"(
sessions:
  - reject: {fault: 8005}
    repeat: 3
  - reject: {fault: 8001, fault_string: "Not today"}
  - reject: {http_status: 503}
  - rpcs: [Reboot]
)",
                                     "reject.yaml");
  ASSERT_EQ(script.sessions.size(), 4u);
  ASSERT_TRUE(script.sessions[0].reject);
  EXPECT_EQ(script.sessions[0].reject->faultCode.value_or(0), 8005u);
  EXPECT_EQ(script.sessions[0].reject->faultString, "Retry request");
  EXPECT_EQ(script.sessions[0].reject->describe(), "Fault 8005 Retry request");
  EXPECT_EQ(script.sessions[0].repeat, 3u);
  EXPECT_EQ(script.sessions[1].reject->faultString, "Not today");
  EXPECT_EQ(script.sessions[2].reject->httpStatus.value_or(0), 503);
  EXPECT_FALSE(script.sessions[2].reject->faultCode);
  EXPECT_EQ(script.sessions[2].reject->describe(), "HTTP 503");
  EXPECT_FALSE(script.sessions[3].reject);
  EXPECT_EQ(script.sessions[3].repeat, 1u);
}

TEST(AcsRejectionScript, MistakesAreNamedWithLineAndKey) {
  const auto both = errorFrom("sessions:\n  - reject: {fault: 8005, http_status: 503}\n");
  EXPECT_EQ(both.where().key, "sessions[0].reject");
  EXPECT_EQ(both.where().line, 2);
  EXPECT_NE(std::string(both.what()).find("not both"), std::string::npos) << both.what();

  const auto neither = errorFrom("sessions:\n  - reject: {fault_string: x}\n");
  EXPECT_NE(std::string(neither.what()).find("not neither"), std::string::npos) << neither.what();

  const auto cpeFault = errorFrom("sessions:\n  - reject: {fault: 9005}\n");
  EXPECT_EQ(cpeFault.where().key, "sessions[0].reject.fault");
  EXPECT_NE(std::string(cpeFault.what()).find("8000 to 8899"), std::string::npos) << cpeFault.what();
  EXPECT_NE(std::string(errorFrom("sessions:\n  - reject: {fault: 7999}\n").what()).find("8000 to 8899"),
            std::string::npos);

  const auto okStatus = errorFrom("sessions:\n  - reject: {http_status: 200}\n");
  EXPECT_EQ(okStatus.where().key, "sessions[0].reject.http_status");
  EXPECT_NE(std::string(okStatus.what()).find("400 to 599"), std::string::npos) << okStatus.what();
  EXPECT_EQ(errorFrom("sessions:\n  - reject: {http_status: 600}\n").where().key,
            "sessions[0].reject.http_status");

  const auto withRpcs = errorFrom("sessions:\n  - reject: {fault: 8005}\n    rpcs: [Reboot]\n");
  EXPECT_EQ(withRpcs.where().key, "sessions[0].rpcs");
  EXPECT_EQ(withRpcs.where().line, 3);

  EXPECT_EQ(errorFrom("sessions:\n  - reject: {fault: 8005}\n    repeat: 0\n").where().key,
            "sessions[0].repeat");
  EXPECT_EQ(errorFrom("sessions:\n  - reject: {fault: 8005}\n    repeat: many\n").where().key,
            "sessions[0].repeat");
  EXPECT_EQ(errorFrom("sessions:\n  - reject: {fualt: 8005}\n").where().key, "sessions[0].reject.fualt");
  EXPECT_EQ(errorFrom("sessions:\n  - reject: 8005\n").where().key, "sessions[0].reject");
  EXPECT_EQ(errorFrom("sessions:\n  - reject: {http_status: 503, fault_string: x}\n").where().key,
            "sessions[0].reject.fault_string");
  EXPECT_EQ(errorFrom("default: {rpcs: [], repeat: 2}\n").where().key, "default");
}

TEST_F(AcsRejectionTest, Fault8005_AnswersTheInformWithASoapFault_AndRecordsTheSessionAsRejected) {
  startAcs("sessions:\n  - reject: {fault: 8005}\n");
  FakeCpe cpe(acs_->url());
  InformSpec spec = informFrom("GW-REJECT-1");
  spec.id = "inform-77";

  const auto answer = cpe.inform(spec);

  // TR-069 A6 §3.4.1: a SOAP Fault travels with HTTP 200; it echoes the Inform's cwmp:ID.
  ASSERT_EQ(answer.status, 200) << answer.body;
  EXPECT_NE(answer.header("Content-Type").find("text/xml"), std::string::npos);
  EXPECT_EQ(answer.header("Set-Cookie"), "");  // no session goes on
  const SoapView view(answer.body);
  EXPECT_EQ(view.method(), "Fault");
  EXPECT_EQ(view.cwmpNamespace(), test::kCwmp12);
  EXPECT_EQ(view.id(), "inform-77");
  EXPECT_EQ(view.text("//soap-env:Fault/faultcode"), "Server");
  EXPECT_EQ(view.text("//cwmp:Fault/FaultCode"), "8005");
  EXPECT_EQ(view.text("//cwmp:Fault/FaultString"), "Retry request");
  EXPECT_EQ(cpe.emptyPost().status, 204);  // nothing more to say to a CPE without a session

  const auto sessions = acs_->sessions();
  ASSERT_EQ(sessions.size(), 1u);
  EXPECT_FALSE(sessions[0].completed);
  EXPECT_EQ(sessions[0].endReason, "rejected with Fault 8005 Retry request");
  EXPECT_EQ(sessions[0].scriptEntry, 0);
  EXPECT_EQ(sessions[0].deviceId.serialNumber, "GW-REJECT-1");
  EXPECT_TRUE(sessions[0].hasEvent("0 BOOTSTRAP"));
  EXPECT_FALSE(sessions[0].endedAt.empty());
  EXPECT_FALSE(acs_->waitForSessions(1, std::chrono::milliseconds(0)));  // a rejected session never completes
}

TEST_F(AcsRejectionTest, HttpStatus_AnswersTheInformPostWithThatStatusAndNoBody) {
  startAcs("sessions:\n  - reject: {http_status: 503}\n");
  FakeCpe cpe(acs_->url());

  const auto answer = cpe.inform(informFrom("GW-REJECT-2"));

  EXPECT_EQ(answer.status, 503);
  EXPECT_EQ(answer.body, "");
  const auto sessions = acs_->sessions();
  ASSERT_EQ(sessions.size(), 1u);
  EXPECT_FALSE(sessions[0].completed);
  EXPECT_EQ(sessions[0].endReason, "rejected with HTTP 503");
}

TEST_F(AcsRejectionTest, Repeat_RejectsTheFirstSessionsThenServesTheNextEntry_PerCpe) {
  startAcs(R"(
sessions:
  - reject: {fault: 8005}
    repeat: 2
  - rpcs: [GetRPCMethods]
)");
  EXPECT_EQ(SoapView(session(informFrom("GW-A")).body).method(), "Fault");
  EXPECT_EQ(SoapView(session(informFrom("GW-A")).body).method(), "Fault");
  // Another CPE has its own place in the script.
  EXPECT_EQ(SoapView(session(informFrom("GW-B")).body).method(), "Fault");
  std::vector<std::string> rpcs;
  EXPECT_EQ(SoapView(session(informFrom("GW-A"), &rpcs).body).method(), "InformResponse");
  EXPECT_EQ(rpcs, std::vector<std::string>{"GetRPCMethods"});

  const auto sessions = acs_->sessions();
  ASSERT_EQ(sessions.size(), 4u);
  EXPECT_EQ(sessions[0].scriptEntry, 0);
  EXPECT_EQ(sessions[1].scriptEntry, 0);
  EXPECT_EQ(sessions[2].scriptEntry, 0);
  EXPECT_EQ(sessions[3].scriptEntry, 1);
  EXPECT_TRUE(sessions[3].completed);
}

TEST_F(AcsRejectionTest, RepeatedEntryWithRpcsServesEachOfItsSessions) {
  startAcs(R"(
sessions:
  - rpcs: [GetRPCMethods]
    repeat: 2
default: {rpcs: [FactoryReset]}
)");
  for (const char* expected : {"GetRPCMethods", "GetRPCMethods", "FactoryReset"}) {
    std::vector<std::string> rpcs;
    session(informFrom("GW-R"), &rpcs);
    EXPECT_EQ(rpcs, std::vector<std::string>{expected});
  }
}

TEST_F(AcsRejectionTest, RejectFollowsMatch_ASessionThatDoesNotMatchPassesTheEntryOver) {
  startAcs(R"(
sessions:
  - match: {event: "0 BOOTSTRAP"}
    reject: {http_status: 500}
    repeat: 5
  - rpcs: [GetRPCMethods]
)");
  EXPECT_EQ(session(informFrom("GW-M")).status, 500);
  EXPECT_EQ(session(informFrom("GW-M")).status, 500);
  // A session without BOOTSTRAP does not match: the rejecting entry is passed over for good.
  std::vector<std::string> rpcs;
  EXPECT_EQ(session(informFrom("GW-M", {{"1 BOOT", ""}}), &rpcs).status, 200);
  EXPECT_EQ(rpcs, std::vector<std::string>{"GetRPCMethods"});
  EXPECT_EQ(SoapView(session(informFrom("GW-M")).body).method(), "InformResponse");
}

TEST_F(AcsRejectionTest, DefaultMayRejectEverySession) {
  startAcs("default: {reject: {fault: 8002}}\n");
  const auto answer = session(informFrom("GW-D"));
  EXPECT_EQ(SoapView(answer.body).text("//cwmp:Fault/FaultString"), "Internal error");
  EXPECT_EQ(acs_->sessions().at(0).scriptEntry, -1);
}

}  // namespace
}  // namespace cpemu::acs
