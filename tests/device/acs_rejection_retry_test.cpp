// The real `cpemu run` process against an ACS whose script turns sessions away (`reject:`): each refusal
// is a failed session, retried with RetryCount counting the failures (TR-069 A6 §3.2.1.1, A.3.3.1).
// The retry wait is set to its minimum (1 s) so the test takes a couple of seconds; nothing is timed.
#include <gtest/gtest.h>

#include "acs/acs_server.h"
#include "cli/run_command.h"
#include "support/temp_dir.h"
#include "support/test_paths.h"

namespace cpemu::test {
namespace {

class CpemuAgainstRejectingAcs : public ::testing::Test {
 protected:
  void startAcs(const std::string& script) {
    acs_ = std::make_unique<acs::AcsServer>();
    acs_->setScript(acs::parseAcsScript(script, "reject.yaml"));
    acs_->start("127.0.0.1", 0);
  }
  CommandResult runDevice(unsigned sessions) {
    return runCpemu({"run", (profilesDir() / "gateway.yaml").string(), "--acs", acs_->url(), "--max-sessions",
                     std::to_string(sessions), "--cr-port", "0", "--set",
                     "Device.ManagementServer.CWMPRetryMinimumWaitInterval=1", "--set",
                     "Device.ManagementServer.CWMPRetryIntervalMultiplier=1000"});
  }
  std::unique_ptr<acs::AcsServer> acs_;
};

TEST_F(CpemuAgainstRejectingAcs, Fault8005_IsRetriedWithRisingRetryCount_UntilServed) {
  startAcs(R"(
sessions:
  - reject: {fault: 8005}
    repeat: 2
  - rpcs: [GetRPCMethods]
)");

  const auto run = runDevice(3);

  ASSERT_EQ(run.exitCode, 0) << run.err;
  const auto sessions = acs_->sessions();
  ASSERT_EQ(sessions.size(), 3u) << run.err;
  EXPECT_EQ(sessions[0].endReason, "rejected with Fault 8005 Retry request");
  EXPECT_EQ(sessions[0].retryCount, 0u);
  EXPECT_EQ(sessions[1].endReason, "rejected with Fault 8005 Retry request");
  EXPECT_EQ(sessions[1].retryCount, 1u);
  EXPECT_TRUE(sessions[2].completed);
  EXPECT_EQ(sessions[2].retryCount, 2u);
  // The events of the failed sessions are still owed: the served one reports BOOTSTRAP.
  EXPECT_TRUE(sessions[2].hasEvent("0 BOOTSTRAP"));
  EXPECT_EQ(sessions[2].exchanges.at(0).responseMethod, "GetRPCMethodsResponse");
  EXPECT_NE(
      run.err.find("session failed: ACS answered the Inform with fault 8005 Retry request; retry 1 in "),
      std::string::npos)
      << run.err;
  EXPECT_NE(run.err.find("; retry 2 in "), std::string::npos) << run.err;
}

TEST_F(CpemuAgainstRejectingAcs, HttpErrorStatus_IsAFailedSessionToo) {
  startAcs("sessions:\n  - reject: {http_status: 503}\n");

  const auto run = runDevice(2);

  ASSERT_EQ(run.exitCode, 0) << run.err;
  const auto sessions = acs_->sessions();
  ASSERT_EQ(sessions.size(), 2u) << run.err;
  EXPECT_EQ(sessions[0].endReason, "rejected with HTTP 503");
  EXPECT_TRUE(sessions[1].completed);
  EXPECT_EQ(sessions[1].retryCount, 1u);
  EXPECT_NE(run.err.find("ACS answered HTTP 503"), std::string::npos) << run.err;
}

}  // namespace
}  // namespace cpemu::test
