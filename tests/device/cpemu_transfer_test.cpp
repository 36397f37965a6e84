// End to end: the real `cpemu run` process downloads a firmware image the test ACS asks for from a real
// HTTP file server, reboots into it and reports 1 BOOT, M Download and 7 TRANSFER COMPLETE with a
// TransferComplete; and a profile that injects a failure reports that fault code.
#include <gtest/gtest.h>

#include "acs/acs_server.h"
#include "cli/run_command.h"
#include "support/temp_dir.h"
#include "support/test_paths.h"
#include "transfer/file_server.h"

namespace cpemu::test {
namespace {

class CpemuTransfers : public ::testing::Test {
 protected:
  void startAcs(const std::string& script) {
    acs_.setScript(acs::parseAcsScript(script, "download.yaml"));
    acs_.start("127.0.0.1", 0);
  }
  CommandResult runDevice(unsigned sessions, const std::filesystem::path& profile) {
    return runCpemu({"run", profile.string(), "--acs", acs_.url(), "--max-sessions", std::to_string(sessions),
                     "--cr-port", "0", "--state-dir", (dir_.path() / "state").string()});
  }
  std::string downloadScript(const std::string& path) {
    return "sessions:\n  - rpcs:\n      - Download: {CommandKey: upgrade, FileType: \"1 Firmware Upgrade "
           "Image\", URL: \"" +
           files_.url(path) + "\"}\n";
  }

  TempDir dir_;
  FileServer files_;
  acs::AcsServer acs_;
};

TEST_F(CpemuTransfers, FirmwareDownloadRebootsIntoTheNewVersion) {
  files_.serve("/fw.img", firmwareWithHeader("9.9.9", std::string(50000, 'z')));
  startAcs(downloadScript("/fw.img"));

  auto run = runDevice(2, profilesDir() / "gateway.yaml");

  ASSERT_EQ(run.exitCode, 0) << run.err;
  auto s = acs_.sessions();
  ASSERT_EQ(s.size(), 2u) << run.err;
  EXPECT_EQ(s[0].exchanges.at(0).responseMethod, "DownloadResponse");
  EXPECT_TRUE(s[1].hasEvent("1 BOOT"));
  EXPECT_TRUE(s[1].hasEvent("7 TRANSFER COMPLETE"));
  EXPECT_TRUE(s[1].hasEvent("M Download"));
  EXPECT_FALSE(s[1].hasEvent("M Reboot"));
  EXPECT_EQ(s[1].informParameter("Device.DeviceInfo.SoftwareVersion")->value, "9.9.9");
  ASSERT_EQ(s[1].cpeRequests.size(), 1u);
  EXPECT_EQ(s[1].cpeRequests[0].commandKey, "upgrade");
  EXPECT_EQ(s[1].cpeRequests[0].fault->faultCode, 0u);
  EXPECT_EQ(s[1].cpeRequests[0].answer, "TransferCompleteResponse");
  EXPECT_NE(run.err.find("rebooting into software 9.9.9"), std::string::npos) << run.err;
}

TEST_F(CpemuTransfers, AProfileCanMakeDownloadsFailOnPurpose) {
  files_.serve("/fw.img", firmwareWithHeader("9.9.9", "z"));
  startAcs(downloadScript("/fw.img"));
  auto profile = dir_.write("failing.yaml", "extends: " + (profilesDir() / "gateway.yaml").string() +
                                                "\ntransfers:\n  fail: {download: 9019}\n");

  auto run = runDevice(2, profile);

  ASSERT_EQ(run.exitCode, 0) << run.err;
  auto s = acs_.sessions();
  ASSERT_EQ(s.size(), 2u) << run.err;
  EXPECT_FALSE(s[1].hasEvent("1 BOOT"));
  ASSERT_EQ(s[1].cpeRequests.size(), 1u);
  EXPECT_EQ(s[1].cpeRequests[0].fault->faultCode, 9019u);
  EXPECT_NE(s[1].cpeRequests[0].fault->faultString.find(
                "File transfer failure: file authentication failure: failure injected"),
            std::string::npos)
      << s[1].cpeRequests[0].fault->faultString;
  EXPECT_NE(s[1].informParameter("Device.DeviceInfo.SoftwareVersion")->value, "9.9.9");
}

}  // namespace
}  // namespace cpemu::test
