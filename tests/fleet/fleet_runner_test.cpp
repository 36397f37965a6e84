// A fleet of 200 gateways in one process against the test ACS over loopback: every device bootstraps
// exactly once with its own serial, a Connection Request to one device reaches only that device, and a
// restart of the fleet resumes every device from the shared database (BOOT, not BOOTSTRAP).
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <sstream>
#include <thread>

#include "acs/acs_server.h"
#include "fleet/fleet_runner.h"
#include "support/eventually.h"
#include "support/shipped_profiles.h"
#include "support/temp_dir.h"
#include "transport/digest_auth.h"
#include "transport/http_session.h"

namespace cpemu::test {
namespace {

using namespace std::chrono_literals;

constexpr std::size_t kDevices = 200;

class Fleet : public ::testing::Test {
 protected:
  Fleet() {
    acs::AcsOptions o;
    o.http.workerThreads = 64;
    acs_ = std::make_unique<acs::AcsServer>(o);
    acs_->setScript(acs::parseAcsScript("sessions: []\n", "fleet.yaml"));
    acs_->start("127.0.0.1", 0);
  }
  fleet::FleetOptions options() {
    fleet::FleetOptions o;
    o.groups.push_back({shippedProfile("gateway.yaml"), kDevices});
    o.acsUrl = acs_->url();
    o.workers = 16;
    o.stateDir = state_.path();
    o.connectionRequestPort = 0;
    return o;
  }
  std::ostringstream log_;
  log::Logger logger_{log_, log::Level::Warning};
  TempDir state_;
  std::unique_ptr<acs::AcsServer> acs_;
};

TEST_F(Fleet, EveryDeviceBootstrapsOnceWithItsOwnSerialAndRestartResumes) {
  {
    fleet::FleetRunner fleet(logger_, options());
    fleet.start();
    ASSERT_TRUE(eventually([&] { return acs_->sessions().size() >= kDevices; })) << log_.str();
    ASSERT_TRUE(eventually([&] { return fleet.stats().sessions >= kDevices; }));
    fleet.stop();
    auto stats = fleet.stats();
    EXPECT_EQ(stats.started, kDevices);
    EXPECT_EQ(stats.failed, 0u) << log_.str();
  }
  auto sessions = acs_->sessions();
  ASSERT_EQ(sessions.size(), kDevices);  // the fleet stopped before any periodic Inform (300 s)
  std::set<std::string> serials;
  for (const auto& s : sessions) {
    EXPECT_TRUE(s.completed);
    EXPECT_TRUE(s.hasEvent("0 BOOTSTRAP")) << s.deviceId.serialNumber;
    serials.insert(s.deviceId.serialNumber);
  }
  EXPECT_EQ(serials.size(), kDevices);
  EXPECT_TRUE(serials.count("GW00000001") && serials.count("GW00000200"));

  acs_->clearSessions();
  fleet::FleetRunner again(logger_, options());
  again.start();
  ASSERT_TRUE(eventually([&] { return acs_->sessions().size() >= kDevices; })) << log_.str();
  again.stop();
  for (const auto& s : acs_->sessions()) {
    EXPECT_FALSE(s.hasEvent("0 BOOTSTRAP")) << s.deviceId.serialNumber << " bootstrapped again";
    EXPECT_TRUE(s.hasEvent("1 BOOT"));
  }
}

// Every device keeps its periodic Informs going: a device rescheduled by its worker right after a session
// (due at once) was once dropped from the timer queue by another worker that saw it still busy.
TEST_F(Fleet, EveryDeviceKeepsInformingPeriodically) {
  constexpr std::size_t kPeriodicDevices = 40;
  auto o = options();
  o.groups = {{shippedProfile("gateway.yaml"), kPeriodicDevices}};
  o.stateDir.reset();
  o.connectionRequestPort.reset();
  fleet::FleetRunner fleet(logger_, std::move(o));
  for (std::size_t i = 0; i < fleet.size(); ++i) {
    device::Device& d = fleet.device(i);
    ASSERT_FALSE(d.setFactoryValue(d.rootName() + ".ManagementServer.PeriodicInformInterval", "1"));
  }
  fleet.start();
  auto everyDeviceInformedPeriodically = [&](unsigned times) {
    std::map<std::string, unsigned> periodic;
    for (const auto& s : acs_->sessions())
      if (s.hasEvent("2 PERIODIC")) ++periodic[s.deviceId.serialNumber];
    if (periodic.size() < kPeriodicDevices) return false;
    for (const auto& [serial, n] : periodic)
      if (n < times) return false;
    return true;
  };
  EXPECT_TRUE(eventually([&] { return everyDeviceInformedPeriodically(4); })) << log_.str();
  fleet.stop();
  EXPECT_EQ(fleet.stats().failed, 0u) << log_.str();
}

TEST_F(Fleet, AConnectionRequestReachesOnlyItsDevice) {
  fleet::FleetRunner fleet(logger_, options());
  fleet.start();
  ASSERT_TRUE(eventually([&] { return fleet.stats().sessions >= kDevices; })) << log_.str();
  acs_->clearSessions();
  const std::size_t target = 136;  // device 137
  device::Device& d = fleet.device(target);
  ASSERT_EQ(d.label(), "GW00000137");
  const std::string url = fleet.connectionRequestUrl(target);
  ASSERT_NE(url.find("/cr/GW00000137"), std::string::npos) << url;
  transport::HttpClientOptions http;
  http.username = d.value("ManagementServer.ConnectionRequestUsername");
  http.password = d.value("ManagementServer.ConnectionRequestPassword");
  auto wrong = http;
  wrong.password = "not-it";
  transport::TransferRequest get;
  auto refused = transport::openHttpSession(url, wrong)->transfer(get);
  ASSERT_TRUE(std::holds_alternative<transport::HttpResponse>(refused));
  EXPECT_EQ(std::get<transport::HttpResponse>(refused).status, 401);
  // Device 138's credentials do not open device 137.
  auto other = http;
  other.username = fleet.device(137).value("ManagementServer.ConnectionRequestUsername");
  other.password = fleet.device(137).value("ManagementServer.ConnectionRequestPassword");
  auto crossed = transport::openHttpSession(url, other)->transfer(get);
  EXPECT_EQ(std::get<transport::HttpResponse>(crossed).status, 401);

  auto accepted = transport::openHttpSession(url, http)->transfer(get);
  ASSERT_TRUE(std::holds_alternative<transport::HttpResponse>(accepted));
  EXPECT_EQ(std::get<transport::HttpResponse>(accepted).status, 200);
  ASSERT_TRUE(acs_->waitForSessions(1, 30s)) << log_.str();
  std::this_thread::sleep_for(200ms);  // room for a wrong device to show up too
  fleet.stop();
  auto s = acs_->sessions();
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].deviceId.serialNumber, "GW00000137");
  EXPECT_TRUE(s[0].hasEvent("6 CONNECTION REQUEST"));
}

}  // namespace
}  // namespace cpemu::test
