// A fleet against the test ACS over https, where the CA that signed the ACS's certificate comes only
// from the profile's acs.ca_file (named relative to the profile file): each device group is given its
// profile's TLS settings, as `cpemu run` is.
#include <gtest/gtest.h>

#include <sstream>
#include <thread>

#include "acs/acs_server.h"
#include "datamodel/model_loader.h"
#include "fleet/fleet_runner.h"
#include "profile/profile_loader.h"
#include "support/eventually.h"
#include "support/shipped_profiles.h"
#include "support/temp_dir.h"
#include "support/test_certificates.h"
#include "support/test_paths.h"

namespace cpemu::test {
namespace {

using namespace std::chrono_literals;

constexpr std::size_t kDevices = 5;

class FleetOverTls : public ::testing::Test {
 protected:
  FleetOverTls() : ca_(dir_.path()) {
    const CertificateFiles server = ca_.issueServerCertificate("acs", {"127.0.0.1"});
    acs::AcsOptions o;
    o.tls = transport::ServerTlsOptions{server.cert.string(), server.key.string(), ""};
    acs_ = std::make_unique<acs::AcsServer>(o);
    acs_->setScript(acs::parseAcsScript("sessions: []\n", "fleet-tls.yaml"));
    acs_->start("127.0.0.1", 0);
  }
  // The gateway with `acsYaml` under its acs: key, written beside the CA file.
  std::shared_ptr<const profile::DeviceTemplate> gatewayWith(const std::string& acsYaml) {
    const auto file = dir_.write(
        "tls-gateway.yaml", "extends: " + (profilesDir() / "gateway.yaml").string() + "\nacs:\n" + acsYaml);
    datamodel::ModelLoader loader;
    return profile::DeviceTemplate::build(profile::ProfileLoader().load(file), loader);
  }
  fleet::FleetOptions options(std::shared_ptr<const profile::DeviceTemplate> deviceTemplate) {
    fleet::FleetOptions o;
    o.groups.push_back({std::move(deviceTemplate), kDevices});
    o.acsUrl = acs_->url();
    o.workers = 4;
    return o;
  }

  std::ostringstream log_;
  log::Logger logger_{log_, log::Level::Warning};
  TempDir dir_;
  TestCertificateAuthority ca_;
  std::unique_ptr<acs::AcsServer> acs_;
};

TEST_F(FleetOverTls, TheProfilesCaFileVerifiesTheAcs) {
  ASSERT_EQ(acs_->url().rfind("https://", 0), 0u);
  ASSERT_EQ(ca_.caCertFile().parent_path(), dir_.path());
  fleet::FleetRunner fleet(logger_,
                           options(gatewayWith("  ca_file: " + ca_.caCertFile().filename().string() + "\n")));
  fleet.start();

  ASSERT_TRUE(acs_->waitForSessions(kDevices, 60s)) << log_.str();
  fleet.stop();

  EXPECT_EQ(fleet.stats().failed, 0u) << log_.str();
  for (const auto& s : acs_->sessions()) EXPECT_TRUE(s.hasEvent("0 BOOTSTRAP")) << s.deviceId.serialNumber;
}

TEST_F(FleetOverTls, WithoutTheProfilesCaFileVerificationFails) {
  fleet::FleetRunner fleet(logger_, options(shippedProfile("gateway.yaml")));
  fleet.start();

  ASSERT_TRUE(eventually([&] { return fleet.stats().failed >= kDevices; })) << log_.str();
  fleet.stop();

  EXPECT_TRUE(acs_->sessions().empty()) << "no Inform may reach an ACS the devices do not trust";
  EXPECT_NE(log_.str().find("certificate verify failed"), std::string::npos) << log_.str();
}

}  // namespace
}  // namespace cpemu::test
