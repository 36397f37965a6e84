// PeriodicInformInterval and PeriodicInformTime set by GenieACS and honoured (TR-069 §3.2.1, TR-181
// ManagementServer.PeriodicInformTime): periodic Informs (2 PERIODIC) come every interval, on the grid
// PeriodicInformTime defines, not counted from when the setting arrived.
#include <cmath>
#include <set>

#include "device/clock.h"
#include "interop/genieacs_test_fixture.h"

namespace cpemu::interop {
namespace {

using nlohmann::json;
using namespace std::chrono;

constexpr const char* kGateway = "02C9E1-CPG2400-GW00000001";

class PeriodicInformsToGenieAcs : public GenieAcsTest {};

// Seconds from the grid of `phase` + k·`interval` to `t` (in [-interval/2, interval/2)).
double offGrid(system_clock::time_point t, system_clock::time_point phase, seconds interval) {
  const double period = static_cast<double>(interval.count());
  double d = duration<double>(t - phase).count();
  d -= period * std::floor(d / period);
  return d >= period / 2 ? d - period : d;
}

TEST_F(PeriodicInformsToGenieAcs, IntervalAndTimeSetByTheAcsAreHonoured) {
  provisionConnectionRequestCredentials();
  runDevice("gateway.yaml");
  ASSERT_TRUE(waitForInform(kGateway, [](const SeenInform& i) { return i.hasEvent("0 BOOTSTRAP"); })) << deviceLogs();

  // A phase in the past, 2 to 3 s off the grid an interval counted from now would give.
  const auto now = system_clock::now();
  const auto phase = time_point_cast<seconds>(now) + seconds(1) - seconds(60) + seconds(2);
  const seconds interval(5);
  const json set = {{"name", "setParameterValues"},
                    {"parameterValues",
                     json::array({json::array({"Device.ManagementServer.PeriodicInformEnable", true, "xsd:boolean"}),
                                  json::array({"Device.ManagementServer.PeriodicInformInterval", interval.count(), "xsd:unsignedInt"}),
                                  json::array({"Device.ManagementServer.PeriodicInformTime", device::formatDateTime(phase), "xsd:dateTime"})})}};
  const auto asked = system_clock::now();
  ASSERT_EQ(acs().task(kGateway, set), 200) << acs().faults().dump(2) << deviceLogs();

  std::vector<SeenInform> periodic;
  ASSERT_TRUE(waitForInform(
      kGateway,
      [&](const SeenInform&) {
        periodic.clear();
        for (const auto& i : informs(kGateway))
          if (i.at > asked && i.hasEvent("2 PERIODIC")) periodic.push_back(i);
        return periodic.size() >= 3;
      },
      seconds(40)))
      << deviceLogs();
  // Each on its own grid point, at most the session's start-up latency after it: an interval counted from
  // the SetParameterValues would put them 2 to 3 s off the grid.
  std::set<long> gridPoints;
  for (const auto& i : periodic) {
    const double off = offGrid(i.at, phase, interval);
    const std::string when = device::formatDateTime(time_point_cast<seconds>(i.at));
    EXPECT_GE(off, -0.2) << when;
    EXPECT_LT(off, 1.8) << when;
    gridPoints.insert(std::lround(duration<double>(i.at - phase).count() / 5.0 - off / 5.0));
  }
  EXPECT_EQ(gridPoints.size(), periodic.size()) << "two periodic Informs for one period";
  EXPECT_EQ(acs().faults(), json::array()) << deviceLogs();
}

}  // namespace
}  // namespace cpemu::interop
