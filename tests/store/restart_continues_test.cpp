// `cpemu run --state-dir` across restarts of the real process: the device comes back with what the ACS
// set, reports BOOT rather than BOOTSTRAP, and still delivers events that were pending when it stopped.
#include <gtest/gtest.h>

#include "acs/acs_server.h"
#include "cli/run_command.h"
#include "support/temp_dir.h"
#include "support/test_paths.h"

namespace cpemu::test {
namespace {

class RestartContinues : public ::testing::Test {
 protected:
  CommandResult runDevice(const acs::AcsServer& acs) {
    return runCpemu({"run", (profilesDir() / "gateway.yaml").string(), "--acs", acs.url(), "--max-sessions",
                     "1", "--state-dir", (dir_.path() / "state").string()});
  }
  TempDir dir_;
};

TEST_F(RestartContinues, ValuesAndPendingRebootEventsSurviveARestart) {
  acs::AcsServer acs;
  acs.setScript(acs::parseAcsScript(R"(
sessions:
  - rpcs:
      - SetParameterValues:
          ParameterList: [{Name: Device.ManagementServer.PeriodicInformInterval, Value: "4321", Type: xsd:unsignedInt}]
          ParameterKey: kept-1
      - AddObject: {ObjectName: Device.NAT.PortMapping., ParameterKey: kept-2}
      - Reboot: {CommandKey: reboot-1}
)",
                                    "restart.yaml"));
  acs.start("127.0.0.1", 0);
  auto first = runDevice(acs);
  ASSERT_EQ(first.exitCode, 0) << first.err;
  // The Reboot was carried out after the session; its events are pending when the process exits.
  auto second = runDevice(acs);
  ASSERT_EQ(second.exitCode, 0) << second.err;

  auto sessions = acs.sessions();
  ASSERT_EQ(sessions.size(), 2u);
  const auto& s = sessions[1];
  EXPECT_FALSE(s.hasEvent("0 BOOTSTRAP"));
  EXPECT_TRUE(s.hasEvent("1 BOOT"));
  EXPECT_TRUE(s.hasEvent("M Reboot"));
  bool rebootKey = false;
  for (const auto& e : s.events)
    if (e.eventCode == "M Reboot") rebootKey = e.commandKey == "reboot-1";
  EXPECT_TRUE(rebootKey);
  const auto* key = s.informParameter("Device.ManagementServer.ParameterKey");
  ASSERT_NE(key, nullptr);
  EXPECT_EQ(key->value, "kept-2");
}

}  // namespace
}  // namespace cpemu::test
