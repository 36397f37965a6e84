// A fleet with one Connection Request port per device (for ACSs that tell CPEs apart by host:port), over
// real HTTP on loopback against the test ACS: device k listens on FIRST+k-1 and reports that URL in its
// Inform; a request on a device's port reaches that device only, with that device's credentials only; a
// range smaller than the fleet and a port in use are errors that say so.
#include <gtest/gtest.h>

#include <map>
#include <random>
#include <sstream>
#include <thread>

#include "acs/acs_server.h"
#include "fleet/fleet_runner.h"
#include "support/shipped_profiles.h"
#include "transport/http_session.h"
#include "transport/multi_port_http_server.h"

namespace cpemu::test {
namespace {

using namespace std::chrono_literals;

constexpr std::size_t kDevices = 10;

class FleetPortRange : public ::testing::Test {
 protected:
  FleetPortRange() {
    acs_.setScript(acs::parseAcsScript("sessions: []\n", "fleet-ports.yaml"));
    acs_.start("127.0.0.1", 0);
  }
  fleet::FleetOptions options(std::uint16_t first, std::uint16_t last) {
    fleet::FleetOptions o;
    o.groups.push_back({shippedProfile("gateway.yaml"), kDevices});
    o.acsUrl = acs_.url();
    o.workers = 4;
    o.connectionRequestPorts = fleet::PortRange{first, last};
    return o;
  }
  // The first of kDevices consecutive ports nothing listens on (bound once, then released). They are below
  // Linux's ephemeral range (32768-60999), so no client connection takes one meanwhile.
  static std::uint16_t freeRange() {
    std::mt19937 random(std::random_device{}());
    std::uniform_int_distribution<int> base(20000, 32000);
    for (int attempt = 0; attempt < 20; ++attempt) {
      const auto first = static_cast<std::uint16_t>(base(random));
      std::vector<std::uint16_t> ports;
      for (std::size_t k = 0; k < kDevices; ++k) ports.push_back(static_cast<std::uint16_t>(first + k));
      try {
        transport::MultiPortHttpServer probe;
        probe.start("127.0.0.1", ports,
                    [](const transport::HttpRequest&) { return transport::HttpResponse{}; });
        return first;
      } catch (const std::runtime_error&) {
        // something listens in this range: try another
      }
    }
    throw std::runtime_error("no free range of " + std::to_string(kDevices) + " ports in 20 tries");
  }
  transport::HttpClientOptions credentialsOf(device::Device& d) {
    transport::HttpClientOptions http;
    http.username = d.value("ManagementServer.ConnectionRequestUsername");
    http.password = d.value("ManagementServer.ConnectionRequestPassword");
    return http;
  }
  static int statusOf(const std::string& url, const transport::HttpClientOptions& http) {
    auto answer = transport::openHttpSession(url, http)->transfer(transport::TransferRequest{});
    return std::holds_alternative<transport::HttpResponse>(answer)
               ? std::get<transport::HttpResponse>(answer).status
               : -1;
  }

  std::ostringstream log_;
  log::Logger logger_{log_, log::Level::Warning};
  acs::AcsServer acs_;
  std::uint16_t first_ = 0;
};

TEST_F(FleetPortRange, AConnectionRequestOnADevicesPortReachesOnlyThatDevice) {
  first_ = freeRange();
  auto fleet = std::make_unique<fleet::FleetRunner>(
      logger_, options(first_, static_cast<std::uint16_t>(first_ + kDevices - 1)));
  fleet->start();
  ASSERT_TRUE(acs_.waitForSessions(kDevices, 60s)) << log_.str();
  const std::size_t seventh = 6, eighth = 7;
  device::Device& device7 = fleet->device(seventh);
  ASSERT_EQ(device7.label(), "GW00000007");
  const std::string url7 = "http://127.0.0.1:" + std::to_string(first_ + 6) + "/cr/GW00000007";
  EXPECT_EQ(fleet->connectionRequestUrl(seventh), url7);
  // The bootstrap Inform already told the ACS the per-port URL.
  for (const auto& s : acs_.sessions()) {
    if (s.deviceId.serialNumber != "GW00000007") continue;
    const auto* reported = s.informParameter("Device.ManagementServer.ConnectionRequestURL");
    ASSERT_NE(reported, nullptr);
    EXPECT_EQ(reported->value, url7);
  }
  acs_.clearSessions();

  // Device 8's credentials do not open device 7's port, and device 7's path is not served on device 8's.
  EXPECT_EQ(statusOf(url7, credentialsOf(fleet->device(eighth))), 401);
  const std::string path7OnPort8 = "http://127.0.0.1:" + std::to_string(first_ + 7) + "/cr/GW00000007";
  EXPECT_EQ(statusOf(path7OnPort8, credentialsOf(device7)), 404);

  EXPECT_EQ(statusOf(url7, credentialsOf(device7)), 200);
  ASSERT_TRUE(acs_.waitForSessions(1, 30s)) << log_.str();
  std::this_thread::sleep_for(200ms);  // room for a wrong device to show up too
  fleet->stop();
  const auto sessions = acs_.sessions();
  ASSERT_EQ(sessions.size(), 1u);
  EXPECT_EQ(sessions[0].deviceId.serialNumber, "GW00000007");
  EXPECT_TRUE(sessions[0].hasEvent("6 CONNECTION REQUEST"));
  EXPECT_EQ(fleet->stats().failed, 0u) << log_.str();
}

// A FactoryReset puts the profile's values back, but a fleet device's ConnectionRequestURL is its own port
// and path, not the profile's: the BOOTSTRAP after the reset must still report it.
TEST_F(FleetPortRange, AfterAFactoryResetADeviceStillReportsItsOwnUrl) {
  acs_.setScript(acs::parseAcsScript(R"(sessions:
  - match: {event: "0 BOOTSTRAP"}
    rpcs: [FactoryReset: {}]
  - rpcs: []
)",
                                     "factory-reset.yaml"));
  first_ = freeRange();
  auto fleet = std::make_unique<fleet::FleetRunner>(
      logger_, options(first_, static_cast<std::uint16_t>(first_ + kDevices - 1)));
  fleet->start();
  // Each device: the bootstrap session with the FactoryReset, then BOOTSTRAP again after the reset.
  ASSERT_TRUE(acs_.waitForSessions(2 * kDevices, 60s)) << log_.str();
  fleet->stop();
  std::map<std::string, int> bootstraps;
  for (const auto& s : acs_.sessions()) {
    ASSERT_TRUE(s.hasEvent("0 BOOTSTRAP")) << s.deviceId.serialNumber;
    const std::string& serial = s.deviceId.serialNumber;
    const std::size_t k = std::stoul(serial.substr(2));  // GW0000000k
    const auto* reported = s.informParameter("Device.ManagementServer.ConnectionRequestURL");
    ASSERT_NE(reported, nullptr);
    EXPECT_EQ(reported->value, "http://127.0.0.1:" + std::to_string(first_ + k - 1) + "/cr/" + serial)
        << "session " << bootstraps[serial] + 1 << " of " << serial;
    ++bootstraps[serial];
  }
  EXPECT_EQ(bootstraps.size(), kDevices);
  for (const auto& [serial, n] : bootstraps) EXPECT_EQ(n, 2) << serial;
}

TEST_F(FleetPortRange, ARangeSmallerThanTheFleetIsAnError) {
  try {
    fleet::FleetRunner fleet(logger_, options(21000, 21004));
    FAIL() << "a range of 5 ports was accepted for " << kDevices << " devices";
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(),
                 "the Connection Request port range 21000-21004 has 5 ports for 10 devices (one port "
                 "per device)");
  }
}

TEST_F(FleetPortRange, BothOnePortAndARangeIsAnError) {
  auto o = options(21000, 21009);
  o.connectionRequestPort = 0;
  EXPECT_THROW(fleet::FleetRunner(logger_, std::move(o)), std::invalid_argument);
}

TEST_F(FleetPortRange, APortInUseIsAnErrorNamingThePort) {
  // A free range, but for device 4's port, which something else listens on.
  first_ = freeRange();
  const std::uint16_t taken = static_cast<std::uint16_t>(first_ + 3);
  transport::MultiPortHttpServer squatter;
  squatter.start("127.0.0.1", {taken},
                 [](const transport::HttpRequest&) { return transport::HttpResponse{}; });

  fleet::FleetRunner fleet(logger_, options(first_, static_cast<std::uint16_t>(first_ + kDevices - 1)));
  try {
    fleet.start();
    FAIL() << "the fleet started with port " << taken << " in use";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("cannot listen on 127.0.0.1:" + std::to_string(taken) +
                                         ": Address already in use"),
              std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace cpemu::test
