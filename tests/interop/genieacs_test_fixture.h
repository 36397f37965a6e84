// The base of every interop test: a GenieACS of its own (started in SetUp), the real cpemu binaries run
// against it, and, in TearDown, the checks every test shares: every message cpemu sent, as GenieACS
// logged it, is valid against the CWMP schema (cwmp-1-N.xsd from ../shared/bbf).
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "interop/debug_log.h"
#include "interop/genieacs.h"
#include "support/background_process.h"
#include "support/temp_dir.h"

namespace cpemu::interop {

class GenieAcsTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;
  virtual GenieAcsOptions acsOptions() const { return {}; }

  GenieAcs& acs() { return *acs_; }
  const test::TempDir& work() const { return work_; }

  // What every GenieACS installation does for Connection Requests (docs/interop.md): a provision run at
  // every Inform that gives the CPE Connection Request credentials the ACS knows (a CPE never reads its
  // ConnectionRequestPassword back, TR-069 A.3.2.2). Username = the device id, password derived from it.
  // With it, the bootstrap preset of GenieACS's stock configuration: 0 BOOTSTRAP clears what GenieACS
  // knows of the device (after a factory reset, the credentials it set are gone).
  void provisionConnectionRequestCredentials();

  // `cpemu run PROFILE --acs <GenieACS> --cr-port 0 --state-dir …` plus `extra`, in the background.
  test::BackgroundProcess& runDevice(const std::string& profile, std::vector<std::string> extra = {});
  // `cpemu fleet …` against GenieACS with `extra` arguments.
  test::BackgroundProcess& runFleet(std::vector<std::string> args);
  // Stops every cpemu started by the test (SIGTERM) and returns nothing; their logs stay in work().
  void stopDevices();

  std::vector<LoggedMessage> debugLog() const { return readDebugLog(acs_->debugLog()); }
  std::vector<SeenInform> informs(const std::string& deviceId) const { return informsOf(debugLog(), deviceId); }
  // Waits until `deviceId` has sent an Inform for which `match` holds (at most `limit`); the Informs seen.
  bool waitForInform(const std::string& deviceId, const std::function<bool(const SeenInform&)>& match,
                     std::chrono::milliseconds limit = std::chrono::seconds(60)) const;

  // The logs of every cpemu the test ran, for failure messages.
  std::string deviceLogs() const;

 private:
  std::unique_ptr<GenieAcs> acs_;
  test::TempDir work_;
  std::vector<std::unique_ptr<test::BackgroundProcess>> devices_;
  std::vector<std::filesystem::path> deviceLogs_;
};

// Skips (or, with CPEMU_REQUIRE_GENIEACS=1, fails) the test when the kit is missing.
std::string testName();

}  // namespace cpemu::interop
