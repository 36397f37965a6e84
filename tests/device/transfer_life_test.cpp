// File transfers in a device's life: the real CpeAgent with its TransferActivity and a virtual clock,
// against the test ACS and a real HTTP file server over loopback. The ACS asks for Download, Upload,
// ScheduleDownload and CancelTransfer; the tests check when the transfer ran, what the next Inform reports
// (1 BOOT, 7 TRANSFER COMPLETE, M Download with the CommandKey) and the TransferComplete the ACS received,
// including its retries after rejected sessions and across a restart (TR-069 A.3.3.2, §3.7.1.5).
#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

#include "acs/acs_server.h"
#include "cwmp/cpe_agent.h"
#include "support/cwmp_schema_validator.h"
#include "support/shipped_profiles.h"
#include "support/temp_dir.h"
#include "support/test_paths.h"
#include "support/virtual_clock.h"
#include "transfer/file_server.h"
#include "transfer/transfer_activity.h"

namespace cpemu::test {
namespace {

std::vector<std::string> events(const acs::SessionRecord& s) {
  std::vector<std::string> out;
  for (const auto& e : s.events)
    out.push_back(e.eventCode + (e.commandKey.empty() ? "" : "/" + e.commandKey));
  return out;
}

// The value of `element` in an envelope ("<StartTime>…</StartTime>").
std::string elementText(const std::string& xml, const std::string& element) {
  auto open = xml.find("<" + element + ">");
  if (open == std::string::npos) return "";
  open += element.size() + 2;
  return xml.substr(open, xml.find("</" + element + ">", open) - open);
}

// A script whose first session holds this one request.
std::string firstSessionAsks(const std::string& rpc) {
  return "sessions:\n  - rpcs:\n      - " + rpc + "\n";
}

class TransferLife : public ::testing::Test {
 protected:
  void startAcs(const std::string& script) {
    acs_->setScript(acs::parseAcsScript(script, "transfers.yaml"));
    if (!acsStarted_) acs_->start("127.0.0.1", 0);
    acsStarted_ = true;
  }

  // Runs `device` until it has had `sessions` sessions (failed ones included).
  void live(device::Device& device, unsigned sessions) {
    for (const auto& [path, v] : std::vector<std::pair<std::string, std::string>>{
             {"Device.ManagementServer.URL", acs_->url()},
             {"Device.ManagementServer.PeriodicInformEnable", "false"},
             {"Device.ManagementServer.CWMPRetryMinimumWaitInterval", "5"}})
      EXPECT_FALSE(device.setFactoryValue(path, v)) << path;
    cwmp::AgentOptions options;
    options.clock = &clock_;
    options.maxSessions = sessions;
    options.stateDir = state_.path();
    options.activities.push_back(std::make_shared<transfer::TransferActivity>(settings_, logger_));
    cwmp::CpeAgent agent(device, logger_, options);
    agent.run();
  }

  // The envelope is valid against the official schema (skipped when ../shared/bbf is not there).
  // A Download of the file server's /tone.bin (served by the test) as a script entry.
  std::string toneDownload(const std::string& commandKey) {
    return R"(Download: {CommandKey: )" + commandKey + R"(, FileType: "4 Tone File", URL: ")" +
           files_.url("/tone.bin") + "\"}";
  }

  static void expectSchemaValid(const std::string& xml) {
    auto schema = bbfFile("cwmp-1-4.xsd");
    auto catalog = bbfFile("samples/catalog-soap-1-1-stubs.xml");
    if (schema.empty() || catalog.empty()) return;
    EXPECT_EQ(CwmpSchemaValidator::forSchema(schema, catalog).validate(xml), "") << xml;
  }

  VirtualClock clock_{device::parseDateTime("2026-11-25T10:17:00Z").value()};
  FileServer files_;
  profile::TransferSettings settings_;
  device::Device device_{shippedProfile("gateway.yaml"), 1};
  std::ostringstream log_;
  log::Logger logger_{log_, log::Level::Info};
  TempDir state_;
  std::unique_ptr<acs::AcsServer> acs_ = std::make_unique<acs::AcsServer>();
  bool acsStarted_ = false;
};

TEST_F(TransferLife, FirmwareDownload_RebootsIntoTheNewVersionAndReportsItsTransferComplete) {
  const std::string image = firmwareWithHeader("4.0.0", std::string(200000, 'f'));
  files_.serve("/fw-4.0.0.img", image);
  startAcs(firstSessionAsks(R"(Download: {CommandKey: fw-1, FileType: "1 Firmware Upgrade Image", URL: ")" +
                            files_.url("/fw-4.0.0.img") + R"(", FileSize: )" + std::to_string(image.size()) +
                            ", DelaySeconds: 120}"));
  live(device_, 2);

  auto s = acs_->sessions();
  ASSERT_EQ(s.size(), 2u) << log_.str();
  EXPECT_EQ(s[0].exchanges.at(0).responseMethod, "DownloadResponse");
  EXPECT_EQ(s[1].currentTime, "2026-11-25T10:19:00Z");  // DelaySeconds after the request
  EXPECT_EQ(events(s[1]), (std::vector<std::string>{"1 BOOT", "7 TRANSFER COMPLETE", "M Download/fw-1"}));
  ASSERT_NE(s[1].informParameter("Device.DeviceInfo.SoftwareVersion"), nullptr);
  EXPECT_EQ(s[1].informParameter("Device.DeviceInfo.SoftwareVersion")->value, "4.0.0");
  ASSERT_EQ(s[1].cpeRequests.size(), 1u);
  const auto& tc = s[1].cpeRequests[0];
  EXPECT_EQ(tc.method, "TransferComplete");
  EXPECT_EQ(tc.commandKey, "fw-1");
  EXPECT_EQ(tc.answer, "TransferCompleteResponse");
  ASSERT_TRUE(tc.fault.has_value());
  EXPECT_EQ(tc.fault->faultCode, 0u);
  EXPECT_EQ(elementText(tc.xml, "StartTime"), "2026-11-25T10:19:00Z");
  EXPECT_GE(elementText(tc.xml, "CompleteTime"), "2026-11-25T10:19:00Z");
  expectSchemaValid(tc.xml);
  // Acknowledged: nothing is owed any more.
  EXPECT_TRUE(device_.transfers().completed().empty());
  EXPECT_TRUE(device_.events().empty());
}

TEST_F(TransferLife, FailedDownload_ReportsItsFaultCodeWithoutReboot) {
  startAcs(
      firstSessionAsks(R"(Download: {CommandKey: missing, FileType: "1 Firmware Upgrade Image", URL: ")" +
                       files_.url("/no-such.img") + "\"}"));
  const std::string before = device_.value("DeviceInfo.SoftwareVersion");
  live(device_, 2);
  auto s = acs_->sessions();
  ASSERT_EQ(s.size(), 2u) << log_.str();
  EXPECT_EQ(events(s[1]), (std::vector<std::string>{"7 TRANSFER COMPLETE", "M Download/missing"}));
  ASSERT_EQ(s[1].cpeRequests.size(), 1u);
  EXPECT_EQ(s[1].cpeRequests[0].fault->faultCode, 9016u);
  EXPECT_NE(s[1].cpeRequests[0].fault->faultString.find("HTTP 404"), std::string::npos);
  expectSchemaValid(s[1].cpeRequests[0].xml);
  EXPECT_EQ(device_.value("DeviceInfo.SoftwareVersion"), before);
}

TEST_F(TransferLife, TransferComplete_IsSentAgainUntilASessionGetsThrough) {
  files_.serve("/tone.bin", "tone");
  startAcs(R"(
sessions:
  - rpcs:
      - )" +
           toneDownload("tone") + R"(
  - reject: {fault: 8005}
    repeat: 2
  - rpcs: []
)");
  live(device_, 4);
  auto s = acs_->sessions();
  ASSERT_EQ(s.size(), 4u) << log_.str();
  for (int i : {1, 2}) {
    EXPECT_EQ(s[i].endReason, "rejected with Fault 8005 Retry request") << i;
    EXPECT_EQ(events(s[i]), (std::vector<std::string>{"7 TRANSFER COMPLETE", "M Download/tone"})) << i;
  }
  EXPECT_EQ(events(s[3]), (std::vector<std::string>{"7 TRANSFER COMPLETE", "M Download/tone"}));
  ASSERT_EQ(s[3].cpeRequests.size(), 1u);
  EXPECT_EQ(s[3].cpeRequests[0].commandKey, "tone");
  EXPECT_TRUE(device_.transfers().completed().empty());
}

TEST_F(TransferLife, TransferComplete_SurvivesARestart) {
  files_.serve("/tone.bin", "tone");
  startAcs(R"(
sessions:
  - rpcs:
      - )" +
           toneDownload("before-restart") + R"(
  - reject: {fault: 8005}
)");
  live(device_, 2);  // the download ran; its TransferComplete never got through
  ASSERT_EQ(device_.transfers().completed().size(), 1u) << log_.str();

  startAcs("sessions: []\n");
  device::Device restarted(shippedProfile("gateway.yaml"), 1);
  live(restarted, 1);
  auto s = acs_->sessions();
  ASSERT_EQ(s.size(), 3u) << log_.str();
  auto restartEvents = events(s[2]);
  std::sort(restartEvents.begin(), restartEvents.end());
  EXPECT_EQ(restartEvents,
            (std::vector<std::string>{"1 BOOT", "7 TRANSFER COMPLETE", "M Download/before-restart"}));
  ASSERT_EQ(s[2].cpeRequests.size(), 1u);
  EXPECT_EQ(s[2].cpeRequests[0].commandKey, "before-restart");
  EXPECT_EQ(s[2].cpeRequests[0].fault->faultCode, 0u);
  EXPECT_TRUE(restarted.transfers().completed().empty());
}

TEST_F(TransferLife, UnderHoldRequests_TheTransferCompleteFollowsTheAcsRequests) {
  acs::AcsOptions options;
  options.holdRequests = true;
  acs_ = std::make_unique<acs::AcsServer>(options);
  files_.serve("/tone.bin", "tone");
  startAcs(R"(
sessions:
  - rpcs:
      - )" +
           toneDownload("held") + R"(
  - rpcs: [GetAllQueuedTransfers]
)");
  live(device_, 2);
  auto s = acs_->sessions();
  ASSERT_EQ(s.size(), 2u) << log_.str();
  // The ACS's request came first and saw the transfer done but not yet acknowledged (State 3) ...
  ASSERT_EQ(s[1].exchanges.size(), 1u);
  EXPECT_NE(s[1].exchanges[0].responseXml.find("<State>3</State>"), std::string::npos)
      << s[1].exchanges[0].responseXml;
  // ... then, the ACS holding nothing back any more, the TransferComplete.
  ASSERT_EQ(s[1].cpeRequests.size(), 1u) << log_.str();
  EXPECT_EQ(s[1].cpeRequests[0].commandKey, "held");
  EXPECT_EQ(s[1].cpeRequests[0].answer, "TransferCompleteResponse");
  EXPECT_TRUE(device_.transfers().completed().empty());
  EXPECT_TRUE(device_.events().empty());
}

TEST_F(TransferLife, WhileAFirmwareInstalls_TheAcsSeesItInProgressAndCannotCancelIt) {
  settings_.applySeconds = 300;
  files_.serve("/fw.img", firmwareWithHeader("7.1", "payload"));
  startAcs(R"(
sessions:
  - rpcs:
      - Download: {CommandKey: slow, FileType: "1 Firmware Upgrade Image", URL: ")" +
           files_.url("/fw.img") + R"("}
      - ScheduleInform: {DelaySeconds: 60, CommandKey: peek}
  - rpcs: [GetQueuedTransfers, CancelTransfer: slow]
)");
  live(device_, 3);
  auto s = acs_->sessions();
  ASSERT_EQ(s.size(), 3u) << log_.str();
  EXPECT_EQ(s[1].currentTime, "2026-11-25T10:18:00Z");
  ASSERT_EQ(s[1].exchanges.size(), 2u);
  EXPECT_NE(s[1].exchanges[0].responseXml.find("<State>2</State>"), std::string::npos) << s[1].exchanges[0].responseXml;
  ASSERT_TRUE(s[1].exchanges[1].fault.has_value());
  EXPECT_EQ(s[1].exchanges[1].fault->faultCode, 9021u);
  EXPECT_EQ(s[2].currentTime, "2026-11-25T10:22:00Z");  // installed apply_seconds after the download
  EXPECT_EQ(events(s[2]), (std::vector<std::string>{"1 BOOT", "7 TRANSFER COMPLETE", "M Download/slow"}));
  EXPECT_EQ(elementText(s[2].cpeRequests.at(0).xml, "StartTime"), "2026-11-25T10:17:00Z");
  EXPECT_EQ(elementText(s[2].cpeRequests.at(0).xml, "CompleteTime"), "2026-11-25T10:22:00Z");
}

TEST_F(TransferLife, CancelTransferAndGetAllQueuedTransfers_SeeTheRealStates) {
  files_.serve("/tone.bin", "tone");
  const std::string url = files_.url("/tone.bin");
  startAcs(R"(
sessions:
  - rpcs:
      - Download: {CommandKey: keep, FileType: "4 Tone File", URL: ")" +
           url + R"(", DelaySeconds: 3600}
      - Download: {CommandKey: drop, FileType: "4 Tone File", URL: ")" +
           url + R"(", DelaySeconds: 3600}
      - CancelTransfer: drop
      - GetAllQueuedTransfers
      - CancelTransfer: nothing-by-that-key
)");
  live(device_, 2);
  auto s = acs_->sessions();
  ASSERT_EQ(s.size(), 2u) << log_.str();
  const auto& x = s[0].exchanges;
  ASSERT_EQ(x.size(), 5u);
  EXPECT_EQ(x[2].responseMethod, "CancelTransferResponse");
  EXPECT_NE(x[3].responseXml.find("<CommandKey>keep</CommandKey>"), std::string::npos);
  EXPECT_NE(x[3].responseXml.find("<State>1</State>"), std::string::npos);
  EXPECT_EQ(x[3].responseXml.find("drop"), std::string::npos);
  ASSERT_TRUE(x[4].fault.has_value());
  EXPECT_EQ(x[4].fault->faultCode, 9003u);
  EXPECT_EQ(s[1].currentTime, "2026-11-25T11:17:00Z");
  EXPECT_EQ(events(s[1]), (std::vector<std::string>{"7 TRANSFER COMPLETE", "M Download/keep"}));
  EXPECT_EQ(files_.requests(), (std::vector<std::string>{"GET /tone.bin"}));
}

TEST_F(TransferLife, ScheduleDownload_RunsInItsTimeWindow) {
  files_.serve("/tone.bin", "tone");
  startAcs(R"(
sessions:
  - rpcs:
      - ScheduleDownload:
          CommandKey: windowed
          FileType: "4 Tone File"
          URL: ")" +
           files_.url("/tone.bin") + R"("
          TimeWindowList:
            - {WindowStart: 600, WindowEnd: 1200, WindowMode: "1 At Any Time"}
)");
  live(device_, 2);
  auto s = acs_->sessions();
  ASSERT_EQ(s.size(), 2u) << log_.str();
  EXPECT_EQ(s[1].currentTime, "2026-11-25T10:27:00Z");
  EXPECT_EQ(events(s[1]), (std::vector<std::string>{"7 TRANSFER COMPLETE", "M ScheduleDownload/windowed"}));
  ASSERT_EQ(s[1].cpeRequests.size(), 1u);
  EXPECT_EQ(s[1].cpeRequests[0].fault->faultCode, 0u);
}

TEST_F(TransferLife, UploadOfTheConfiguration_PutsItAndReportsMUpload) {
  startAcs(
      firstSessionAsks(R"(Upload: {CommandKey: backup, FileType: "1 Vendor Configuration File", URL: ")" +
                       files_.url("/upload/gw1.cfg") + "\"}"));
  live(device_, 2);
  auto s = acs_->sessions();
  ASSERT_EQ(s.size(), 2u) << log_.str();
  EXPECT_EQ(events(s[1]), (std::vector<std::string>{"7 TRANSFER COMPLETE", "M Upload/backup"}));
  EXPECT_EQ(s[1].cpeRequests.at(0).fault->faultCode, 0u);
  EXPECT_EQ(files_.uploads().count("/upload/gw1.cfg"), 1u);
}

}  // namespace
}  // namespace cpemu::test
