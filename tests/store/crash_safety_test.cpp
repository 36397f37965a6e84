// Crash safety of the state database, end to end: the real `cpemu run` process is killed with SIGKILL at
// many points of a session full of state-changing RPCs, and the database it leaves must always hold
// exactly the state after some prefix of those RPCs (never a partial one) that includes every RPC whose
// response reached the ACS.
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <thread>

#include "acs/acs_server.h"
#include "datamodel/model_loader.h"
#include "profile/device_template.h"
#include "profile/profile_loader.h"
#include "store/device_store.h"
#include "support/temp_dir.h"
#include "support/shipped_profiles.h"
#include "support/test_paths.h"

namespace cpemu::store {
namespace {

constexpr int kRpcs = 30;  // every third one an AddObject, the rest SetParameterValues

std::shared_ptr<const profile::DeviceTemplate> gateway() { return test::shippedProfile("gateway.yaml"); }

bool isAdd(int i) {
  return i % 3 == 0;
}

// RPC i (1-based) sets ParameterKey "k-i"; a SetParameterValues also sets two values at once.
std::string script() {
  std::string s = "sessions:\n  - rpcs:\n";
  for (int i = 1; i <= kRpcs; ++i) {
    std::string key = "k-" + std::to_string(i);
    if (isAdd(i)) {
      s += "      - AddObject: {ObjectName: Device.NAT.PortMapping., ParameterKey: " + key + "}\n";
    } else {
      s += "      - SetParameterValues:\n          ParameterList:\n";
      s += "            - {Name: Device.ManagementServer.PeriodicInformInterval, Value: \"" +
           std::to_string(1000 + i) + "\", Type: xsd:unsignedInt}\n";
      s += "            - {Name: Device.NAT.PortMapping.1.Description, Value: \"d-" + std::to_string(i) +
           "\", Type: xsd:string}\n";
      s += "          ParameterKey: " + key + "\n";
    }
  }
  return s;
}

// The real cpemu as a child process that the test can kill at any moment.
class CpemuProcess {
 public:
  explicit CpemuProcess(const std::vector<std::string>& args) {
    std::vector<std::string> all = {test::cpemuBinary().string()};
    all.insert(all.end(), args.begin(), args.end());
    pid_ = fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
      unsetenv("CPEMU_DATAMODEL_PATH");
      FILE* devnull = fopen("/dev/null", "w");
      if (devnull) {
        dup2(fileno(devnull), STDOUT_FILENO);
        dup2(fileno(devnull), STDERR_FILENO);
      }
      std::vector<char*> argv;
      for (auto& a : all) argv.push_back(a.data());
      argv.push_back(nullptr);
      execv(argv[0], argv.data());
      _exit(127);
    }
  }
  ~CpemuProcess() { kill(); }
  bool exited() {
    if (pid_ <= 0) return true;
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return true;
    }
    return false;
  }
  void kill() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
  }

 private:
  pid_t pid_ = -1;
};

struct Observed {
  std::size_t sent = 0;          // ACS requests sent
  std::size_t acknowledged = 0;  // ... whose response the ACS received
};

Observed observe(const acs::AcsServer& acs) {
  Observed o;
  for (const auto& s : acs.sessions())
    for (const auto& e : s.exchanges) {
      ++o.sent;
      if (!e.responseMethod.empty()) ++o.acknowledged;
    }
  return o;
}

TEST(CrashSafety, KilledRunLeavesAnAcknowledgedPrefixOfTheSession) {
  const int kKillPoints = 20;
  for (int point = 0; point < kKillPoints; ++point) {
    SCOPED_TRACE("kill point " + std::to_string(point));
    // Kill once the ACS has sent this many requests (0: as early as possible, during start-up or Inform).
    std::size_t killAfter = static_cast<std::size_t>(point * (kRpcs + 2) / kKillPoints);
    test::TempDir dir;
    acs::AcsServer acs;
    acs.setScript(acs::parseAcsScript(script(), "crash-script.yaml"));
    acs.start("127.0.0.1", 0);
    {
      CpemuProcess cpemu({"run", (test::profilesDir() / "gateway.yaml").string(), "--acs", acs.url(),
                          "--max-sessions", "1", "--state-dir", (dir.path() / "state").string()});
      auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
      while (std::chrono::steady_clock::now() < deadline && !cpemu.exited() && observe(acs).sent < killAfter)
        std::this_thread::sleep_for(std::chrono::microseconds(200));
      // A varying delay after the request went out, so the kill also lands while the CPE is saving or
      // after it saved but before its response arrived.
      std::this_thread::sleep_for(std::chrono::microseconds(4000 * (point % 4)));
      cpemu.kill();
    }
    Observed seen = observe(acs);
    acs.stop();
    if (!std::filesystem::exists(dir.path() / "state" / "cpemu.db")) {
      EXPECT_EQ(seen.acknowledged, 0u);  // killed before it opened the database: nothing acknowledged
      continue;
    }

    device::Device d(gateway(), 1);
    bool loaded = false;
    ASSERT_NO_THROW(loaded = DeviceStore(dir.path() / "state").load(d));
    if (!loaded) {
      EXPECT_EQ(seen.acknowledged, 0u);
      continue;
    }
    // Which prefix of the RPCs the state claims: ParameterKey "k-N", or the profile's own before any.
    std::string key = d.value("ManagementServer.ParameterKey");
    int prefix = 0;
    if (key.rfind("k-", 0) == 0)
      prefix = std::stoi(key.substr(2));
    else
      EXPECT_EQ(
          key,
          gateway()->tree().get("Device.ManagementServer.ParameterKey", datamodel::ReadView::Device).value);
    EXPECT_GE(prefix, static_cast<int>(seen.acknowledged)) << "an acknowledged RPC was lost";
    EXPECT_LE(prefix, static_cast<int>(seen.sent));

    // Everything else agrees with exactly that prefix.
    device::Device expected(gateway(), 1);
    for (int i = 1; i <= prefix; ++i) {
      if (isAdd(i)) {
        ASSERT_FALSE(expected.tree().addObject("Device.NAT.PortMapping.", datamodel::WriteOrigin::Acs).fault);
      } else {
        ASSERT_FALSE(expected.setValue("ManagementServer.PeriodicInformInterval", std::to_string(1000 + i)));
        ASSERT_FALSE(expected.setValue("NAT.PortMapping.1.Description", "d-" + std::to_string(i)));
      }
    }
    for (const char* p : {"ManagementServer.PeriodicInformInterval", "NAT.PortMapping.1.Description",
                          "NAT.PortMappingNumberOfEntries"})
      EXPECT_EQ(d.value(p), expected.value(p)) << p << " at prefix " << prefix;
    EXPECT_EQ(d.tree().nextInstance("Device.NAT.PortMapping."),
              expected.tree().nextInstance("Device.NAT.PortMapping."));
    if (seen.acknowledged > 0) {
      EXPECT_TRUE(d.bootstrapped());  // the InformResponse came before any request
    }
  }
}

}  // namespace
}  // namespace cpemu::store
