// What the ACS writes for people: the JSON-lines record of finished sessions and the log.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "acs/acs_server.h"
#include "fake_cpe.h"
#include "support/temp_dir.h"

namespace cpemu::acs {
namespace {

using test::FakeCpe;
using test::SoapView;

// Runs one session through the whole script, answering each RPC with an empty "<Method>Response".
void runSession(const AcsServer& acs, const test::InformSpec& spec) {
  FakeCpe cpe(acs.url());
  ASSERT_EQ(cpe.inform(spec).status, 200);
  auto response = cpe.emptyPost();
  while (response.status == 200) {
    const SoapView view(response.body);
    if (view.method() == "GetParameterValues") {
      response =
          cpe.post(test::getParameterValuesResponseXml(view.id(), {{"Device.DeviceInfo.UpTime", "7"}}));
    } else {
      response = cpe.post(test::responseXml(view.method() + "Response", view.id()));
    }
  }
  ASSERT_EQ(response.status, 204);
}

std::vector<nlohmann::json> readJsonLines(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::vector<nlohmann::json> out;
  std::string line;
  while (std::getline(in, line)) out.push_back(nlohmann::json::parse(line));
  return out;
}

TEST(AcsRecordingTest, EachFinishedSessionIsOneJsonLine) {
  cpemu::test::TempDir dir;
  AcsOptions options;
  options.recordFile = dir.path() / "sessions.jsonl";
  {
    AcsServer acs(options);
    acs.setScript(parseAcsScript(
        "default:\n  rpcs: [GetParameterValues: [Device.DeviceInfo.UpTime], Reboot]\n", "record.yaml"));
    acs.start("127.0.0.1", 0);
    test::InformSpec first;
    first.serial = "REC-1";
    first.events = {{"6 CONNECTION REQUEST", ""}};
    runSession(acs, first);
    test::InformSpec second;
    second.serial = "REC-2";
    runSession(acs, second);
    // A session left open is written, unfinished, when the ACS stops.
    FakeCpe dangling(acs.url());
    test::InformSpec third;
    third.serial = "REC-3";
    ASSERT_EQ(dangling.inform(third).status, 200);
  }

  const auto lines = readJsonLines(options.recordFile);
  ASSERT_EQ(lines.size(), 3u);
  const auto& s = lines[0];
  EXPECT_EQ(s["session"], 1);
  EXPECT_EQ(s["completed"], true);
  EXPECT_EQ(s["endReason"], "complete");
  EXPECT_EQ(s["deviceId"]["serialNumber"], "REC-1");
  EXPECT_EQ(s["deviceId"]["oui"], "0A1B2C");
  EXPECT_EQ(s["events"][0]["eventCode"], "6 CONNECTION REQUEST");
  EXPECT_EQ(s["events"][0]["commandKey"], "");
  EXPECT_EQ(s["informParameters"][0]["name"], "Device.DeviceInfo.SoftwareVersion");
  EXPECT_EQ(s["cwmpNamespace"], test::kCwmp12);
  EXPECT_EQ(s["remoteAddress"], "127.0.0.1");
  EXPECT_FALSE(s["startedAt"].get<std::string>().empty());
  EXPECT_FALSE(s["endedAt"].get<std::string>().empty());
  ASSERT_EQ(s["exchanges"].size(), 2u);
  EXPECT_EQ(s["exchanges"][0]["requestMethod"], "GetParameterValues");
  EXPECT_EQ(s["exchanges"][0]["responseMethod"], "GetParameterValuesResponse");
  EXPECT_EQ(s["exchanges"][0]["responseParameters"][0]["value"], "7");
  EXPECT_NE(s["exchanges"][0]["requestXml"].get<std::string>().find("Device.DeviceInfo.UpTime"),
            std::string::npos);
  EXPECT_EQ(s["exchanges"][1]["requestMethod"], "Reboot");
  EXPECT_TRUE(s["exchanges"][1]["fault"].is_null());

  EXPECT_EQ(lines[1]["deviceId"]["serialNumber"], "REC-2");
  EXPECT_EQ(lines[2]["deviceId"]["serialNumber"], "REC-3");
  EXPECT_EQ(lines[2]["completed"], false);
  EXPECT_EQ(lines[2]["endReason"], "ACS stopped");
}

TEST(AcsRecordingTest, InfoLogHasALinePerSessionAndRpc_DebugLogShowsSoapWithoutPasswords) {
  std::ostringstream info;
  {
    AcsOptions options;
    options.logLevel = LogLevel::Info;
    options.log = &info;
    AcsServer acs(options);
    acs.setScript(
        parseAcsScript("default:\n  rpcs: [GetParameterValues: [Device.DeviceInfo.UpTime]]\n", "log.yaml"));
    acs.start("127.0.0.1", 0);
    runSession(acs, {});
  }
  const std::string infoLog = info.str();
  EXPECT_NE(infoLog.find("session 1 from 127.0.0.1 serial GW00000001 events [0 BOOTSTRAP, 1 BOOT]\n"),
            std::string::npos)
      << infoLog;
  EXPECT_NE(infoLog.find("  -> GetParameterValues\n"), std::string::npos) << infoLog;
  EXPECT_NE(infoLog.find("  <- GetParameterValuesResponse (1 parameters)\n"), std::string::npos) << infoLog;
  EXPECT_EQ(infoLog.find("<soap-env:Envelope"), std::string::npos) << "no SOAP at info level";

  std::ostringstream debug;
  {
    AcsOptions options;
    options.logLevel = LogLevel::Debug;
    options.log = &debug;
    options.auth.scheme = AuthScheme::Basic;
    options.auth.username = "acs-user";
    options.auth.password = "acs-password-123";
    AcsServer acs(options);
    acs.setScript(
        parseAcsScript("default:\n  rpcs:\n    - Download: {FileType: 1 Firmware Upgrade Image, URL: "
                       "http://f/x, Username: u, "
                       "Password: file-password-456}\n",
                       "log.yaml"));
    acs.start("127.0.0.1", 0);
    transport::HttpClientOptions client;
    client.username = "acs-user";
    client.password = "acs-password-123";
    FakeCpe cpe(acs.url(), client);
    ASSERT_EQ(cpe.inform().status, 200);
    const auto download = cpe.emptyPost();
    ASSERT_EQ(SoapView(download.body).method(), "Download");
    EXPECT_NE(download.body.find("file-password-456"), std::string::npos) << "the CPE gets the real password";
    cpe.post(test::responseXml("DownloadResponse", SoapView(download.body).id(),
                               "<Status>1</Status><StartTime>0001-01-01T00:00:00Z</StartTime>"
                               "<CompleteTime>0001-01-01T00:00:00Z</CompleteTime>"));
  }
  const std::string debugLog = debug.str();
  EXPECT_NE(debugLog.find("<cwmp:Download>"), std::string::npos) << debugLog;
  EXPECT_NE(debugLog.find("<Password>***</Password>"), std::string::npos) << debugLog;
  EXPECT_EQ(debugLog.find("file-password-456"), std::string::npos) << debugLog;
  EXPECT_EQ(debugLog.find("acs-password-123"), std::string::npos) << debugLog;
}

}  // namespace
}  // namespace cpemu::acs
