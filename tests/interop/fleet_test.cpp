// A fleet against GenieACS: 200 gateways from one `cpemu fleet` process register (each bootstraps once,
// with a serial of its own), and every one of them is reachable by Connection Request, with the
// credentials GenieACS gave it, on its own path of the fleet's one listener. No GenieACS fault.
#include <atomic>
#include <mutex>
#include <set>
#include <thread>

#include "interop/genieacs_test_fixture.h"
#include "support/eventually.h"
#include "support/test_paths.h"

namespace cpemu::interop {
namespace {

using nlohmann::json;

constexpr std::size_t kDevices = 200;

class FleetAgainstGenieAcs : public GenieAcsTest {};

TEST_F(FleetAgainstGenieAcs, TwoHundredGatewaysRegisterAndEachAnswersAConnectionRequest) {
  provisionConnectionRequestCredentials();
  runFleet({"fleet", (test::profilesDir() / "gateway.yaml").string() + ":" + std::to_string(kDevices), "--acs",
            // 25 a second: GenieACS's one worker takes 20 requests at a time (MAX_CONCURRENT_REQUESTS) and
            // answers 503 beyond (a failed session that cpemu retries, and a warning in its log).
            acs().acsUrl(), "--cr-port", "0", "--ramp", "25", "--log-level", "warning", "--state-dir",
            (work().path() / "fleet-state").string()});
  ASSERT_TRUE(test::eventually([&] { return acs().deviceCount() >= kDevices; }, std::chrono::seconds(120)))
      << acs().deviceCount() << " devices registered\n" << deviceLogs();
  const auto ids = acs().deviceIds();
  ASSERT_EQ(std::set<std::string>(ids.begin(), ids.end()).size(), kDevices);
  for (std::size_t k = 1; k <= kDevices; ++k) {
    char serial[16];
    std::snprintf(serial, sizeof serial, "GW%08zu", k);
    EXPECT_TRUE(std::find(ids.begin(), ids.end(), std::string("02C9E1-CPG2400-") + serial) != ids.end()) << serial;
  }
  // Each device's bootstrap session (with the credentials' SetParameterValues) is over before its task.
  const auto log = debugLog();
  for (const auto& id : ids) {
    const auto seen = informsOf(log, id);
    ASSERT_FALSE(seen.empty()) << id;
    EXPECT_TRUE(seen.front().hasEvent("0 BOOTSTRAP")) << id;
    std::size_t bootstraps = 0;
    for (const auto& i : seen) bootstraps += i.hasEvent("0 BOOTSTRAP");
    EXPECT_EQ(bootstraps, 1u) << id;
  }

  // A Connection Request task for every device, eight at a time.
  std::atomic<std::size_t> next{0};
  std::mutex mutex;
  std::vector<std::string> unreachable;
  std::vector<std::thread> workers;
  for (int w = 0; w < 8; ++w)
    workers.emplace_back([&] {
      for (std::size_t i; (i = next++) < ids.size();) {
        const int status = acs().task(
            ids[i], {{"name", "getParameterValues"}, {"parameterNames", {"Device.DeviceInfo.UpTime"}}},
            std::chrono::seconds(30));
        if (status != 200) {
          std::lock_guard lock(mutex);
          unreachable.push_back(ids[i] + " (" + std::to_string(status) + ")");
        }
      }
    });
  for (auto& t : workers) t.join();
  EXPECT_TRUE(unreachable.empty()) << unreachable.size() << " unreachable, e.g. " << unreachable.front();
  EXPECT_EQ(acs().faults(), json::array()) << deviceLogs();
  EXPECT_EQ(acs().tasks(), json::array());
}

}  // namespace
}  // namespace cpemu::interop
