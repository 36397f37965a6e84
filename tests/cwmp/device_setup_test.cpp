// cwmp::tlsOptionsFor and activitiesFor: how a profile's acs: TLS settings and the command line's TLS
// options combine, and what a device does between sessions, for `cpemu run` and every group of `cpemu fleet`.
#include <gtest/gtest.h>

#include <sstream>

#include "cwmp/device_setup.h"
#include "diagnostics/diagnostics_activity.h"
#include "transfer/transfer_activity.h"

namespace cpemu::cwmp {
namespace {

profile::Profile profileWithTls() {
  profile::Profile p;
  p.acsTls.caFile = "/profiles/certs/acs-ca.pem";
  p.acsTls.clientCert = "/profiles/certs/cpe.crt";
  p.acsTls.clientKey = "/profiles/certs/cpe.key";
  return p;
}

TEST(TlsOptionsFor, TheProfileAloneGivesItsFilesAndVerifies) {
  const transport::TlsOptions tls = tlsOptionsFor(profileWithTls(), {});
  EXPECT_EQ(tls.caFile, "/profiles/certs/acs-ca.pem");
  EXPECT_EQ(tls.clientCertFile, "/profiles/certs/cpe.crt");
  EXPECT_EQ(tls.clientKeyFile, "/profiles/certs/cpe.key");
  EXPECT_TRUE(tls.verifyPeer);
}

TEST(TlsOptionsFor, TheCommandLineWinsAndTakesTheClientPairTogether) {
  TlsCommandLine commandLine;
  commandLine.caFile = "other-ca.pem";
  commandLine.clientCert = "mine.crt";
  commandLine.clientKey = "mine.key";
  const transport::TlsOptions tls = tlsOptionsFor(profileWithTls(), commandLine);
  EXPECT_EQ(tls.caFile, "other-ca.pem");
  EXPECT_EQ(tls.clientCertFile, "mine.crt");
  EXPECT_EQ(tls.clientKeyFile, "mine.key");

  // A CA file on the command line leaves the profile's client pair in place.
  const transport::TlsOptions caOnly = tlsOptionsFor(profileWithTls(), {"other-ca.pem", "", "", false});
  EXPECT_EQ(caOnly.caFile, "other-ca.pem");
  EXPECT_EQ(caOnly.clientCertFile, "/profiles/certs/cpe.crt");
  EXPECT_EQ(caOnly.clientKeyFile, "/profiles/certs/cpe.key");
}

TEST(TlsOptionsFor, OnlyTheCommandLineTurnsVerificationOff) {
  TlsCommandLine commandLine;
  commandLine.insecure = true;
  const transport::TlsOptions tls = tlsOptionsFor(profile::Profile{}, commandLine);
  EXPECT_FALSE(tls.verifyPeer);
  EXPECT_TRUE(tls.caFile.empty());  // the system store
  EXPECT_TRUE(tls.clientCertFile.empty());
}

TEST(ActivitiesFor, ADeviceRunsDiagnosticsAndTransfers) {
  std::ostringstream text;
  log::Logger log(text, log::Level::Error);
  const auto activities = activitiesFor(profile::Profile{}, log, {});
  ASSERT_EQ(activities.size(), 2u);
  EXPECT_TRUE(std::dynamic_pointer_cast<diagnostics::DiagnosticsActivity>(activities[0]));
  EXPECT_TRUE(std::dynamic_pointer_cast<transfer::TransferActivity>(activities[1]));
}

TEST(ProfileActivities, DevicesShareTheTransferActivityAndEachTracksItsOwnDiagnostics) {
  // A fleet of 100,000 must not copy the profile's settings per device; diagnostics results are per device.
  std::ostringstream text;
  log::Logger log(text, log::Level::Error);
  const ProfileActivities shared(profile::Profile{}, log, {});
  const auto a = shared.forDevice();
  const auto b = shared.forDevice();
  ASSERT_EQ(a.size(), 2u);
  ASSERT_EQ(b.size(), 2u);
  EXPECT_NE(a[0], b[0]);
  EXPECT_EQ(a[1], b[1]);
}

}  // namespace
}  // namespace cpemu::cwmp
