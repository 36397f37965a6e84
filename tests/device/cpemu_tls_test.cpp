// End to end over https: the real `cpemu run` process against the test ACS serving TLS, with a CA, server
// and client certificates made at test time. The device verifies the ACS (CA file from the command line or
// the profile, host name or IP checked), presents a client certificate when told to (mutual TLS), and a
// handshake that fails is a failed session, logged with the reason and retried.
#include <gtest/gtest.h>

#include "acs/acs_server.h"
#include "cli/run_command.h"
#include "support/temp_dir.h"
#include "support/test_certificates.h"
#include "support/test_paths.h"

namespace cpemu::test {
namespace {

using acs::AcsServer;

class CpemuOverTls : public ::testing::Test {
 protected:
  CpemuOverTls()
      : ca_(dir_.path()),
        serverCert_(ca_.issueServerCertificate("acs", {"127.0.0.1"})),
        clientCert_(ca_.issueClientCertificate("cpe", "GW00000001")) {}

  // The ACS serves https with `cert`; with `clientCa` it also requires client certificates from it.
  void startAcs(const CertificateFiles& cert, const std::filesystem::path& clientCa = {}) {
    acs::AcsOptions options;
    options.tls = transport::ServerTlsOptions{cert.cert.string(), cert.key.string(), clientCa.string()};
    acs_ = std::make_unique<AcsServer>(options);
    acs_->setScript(acs::parseAcsScript("sessions: []\n", "tls.yaml"));
    port_ = acs_->start("127.0.0.1", 0);
  }

  // One session of the gateway (--max-sessions 1 ends the process after it, failed or not).
  CommandResult runDevice(std::vector<std::string> extra,
                          const std::filesystem::path& profile = profilesDir() / "gateway.yaml") {
    std::vector<std::string> args = {"run", profile.string(), "--max-sessions", "1", "--cr-port", "0"};
    args.insert(args.end(), extra.begin(), extra.end());
    return runCpemu(args);
  }
  std::vector<std::string> withAcs(std::vector<std::string> extra) const {
    extra.insert(extra.begin(), {"--acs", acs_->url()});
    return extra;
  }
  std::string where() const { return "127.0.0.1:" + std::to_string(port_); }

  TempDir dir_;
  TestCertificateAuthority ca_;
  CertificateFiles serverCert_;
  CertificateFiles clientCert_;
  std::unique_ptr<AcsServer> acs_;
  std::uint16_t port_ = 0;
};

TEST_F(CpemuOverTls, VerifiedConnectionWithTheCaFile) {
  startAcs(serverCert_);
  ASSERT_EQ(acs_->url().rfind("https://", 0), 0u);

  const auto run = runDevice(withAcs({"--ca-file", ca_.caCertFile().string()}));

  ASSERT_EQ(run.exitCode, 0) << run.err;
  const auto sessions = acs_->sessions();
  ASSERT_EQ(sessions.size(), 1u);
  EXPECT_TRUE(sessions[0].completed);
  EXPECT_TRUE(sessions[0].hasEvent("0 BOOTSTRAP"));
  EXPECT_EQ(run.err.find("session failed"), std::string::npos) << run.err;
}

TEST_F(CpemuOverTls, WrongCa_FailsVerification_SaysWhy_AndRetries) {
  TestCertificateAuthority otherCa(dir_.path(), "some other CA", "other-ca");
  startAcs(serverCert_);

  const auto run = runDevice(withAcs({"--ca-file", otherCa.caCertFile().string()}));

  EXPECT_EQ(run.exitCode, 1) << run.err;  // never accepted by an ACS
  EXPECT_TRUE(acs_->sessions().empty()) << "no Inform may reach an ACS the device does not trust";
  EXPECT_NE(
      run.err.find("session failed: TLS handshake with " + where() + " failed: certificate verify failed"),
      std::string::npos)
      << run.err;
  EXPECT_NE(run.err.find("; retry 1 in "), std::string::npos) << run.err;
}

TEST_F(CpemuOverTls, SystemStoreDoesNotTrustATestCa) {
  startAcs(serverCert_);

  const auto run = runDevice(withAcs({}));

  EXPECT_EQ(run.exitCode, 1) << run.err;
  EXPECT_TRUE(acs_->sessions().empty());
  EXPECT_NE(run.err.find("certificate verify failed"), std::string::npos) << run.err;
}

TEST_F(CpemuOverTls, CertificateForAnotherName_FailsTheHostCheck) {
  startAcs(ca_.issueServerCertificate("other", {"other.example"}));

  const auto run = runDevice(withAcs({"--ca-file", ca_.caCertFile().string()}));

  EXPECT_EQ(run.exitCode, 1) << run.err;
  EXPECT_TRUE(acs_->sessions().empty());
  EXPECT_NE(run.err.find("certificate verify failed (IP address mismatch)"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("; retry 1 in "), std::string::npos) << run.err;
}

TEST_F(CpemuOverTls, InsecureSkipsVerification_AndWarnsAboutIt) {
  startAcs(ca_.issueServerCertificate("other", {"other.example"}));

  const auto run = runDevice(withAcs({"--insecure"}));

  ASSERT_EQ(run.exitCode, 0) << run.err;
  ASSERT_EQ(acs_->sessions().size(), 1u);
  EXPECT_NE(run.err.find("--insecure: the ACS certificate and host name are not verified"), std::string::npos)
      << run.err;
}

TEST_F(CpemuOverTls, MutualTls_WithTheClientCertificate) {
  startAcs(serverCert_, ca_.caCertFile());

  const auto run = runDevice(withAcs({"--ca-file", ca_.caCertFile().string(), "--client-cert",
                                      clientCert_.cert.string(), "--client-key", clientCert_.key.string()}));

  ASSERT_EQ(run.exitCode, 0) << run.err;
  const auto sessions = acs_->sessions();
  ASSERT_EQ(sessions.size(), 1u);
  EXPECT_TRUE(sessions[0].completed);
}

TEST_F(CpemuOverTls, MutualTls_RefusedWithoutTheClientCertificate) {
  startAcs(serverCert_, ca_.caCertFile());

  const auto run = runDevice(withAcs({"--ca-file", ca_.caCertFile().string()}));

  EXPECT_EQ(run.exitCode, 1) << run.err;
  EXPECT_TRUE(acs_->sessions().empty());
  // TLS 1.3 lets the client finish its handshake before the server checks it, so the refusal shows once
  // the Inform is sent: as the server's alert when the answer is read, or (when the closed connection
  // stops the write first) as the likely cause the transport names.
  EXPECT_NE(run.err.find("session failed: "), std::string::npos) << run.err;
  EXPECT_NE(run.err.find(where()), std::string::npos) << run.err;
  const bool alert = run.err.find("tlsv13 alert certificate required") != std::string::npos;
  const bool named =
      run.err.find("as a server that requires a client certificate does (none is configured)") !=
      std::string::npos;
  EXPECT_TRUE(alert || named) << run.err;
  EXPECT_NE(run.err.find("; retry 1 in "), std::string::npos) << run.err;
}

TEST_F(CpemuOverTls, ClientCertificateWithoutItsKeyIsABadOption) {
  const auto run = runCpemu({"run", (profilesDir() / "gateway.yaml").string(), "--client-cert",
                             clientCert_.cert.string(), "--max-sessions", "1"});
  EXPECT_EQ(run.exitCode, 2) << run.err;
  EXPECT_NE(run.err.find("--client-cert and --client-key go together"), std::string::npos) << run.err;
}

TEST_F(CpemuOverTls, UnreadableTlsFileOnTheCommandLineStopsBeforeAnySession) {
  startAcs(serverCert_);
  const std::string missing = (dir_.path() / "absent-ca.crt").string();

  const auto run = runDevice(withAcs({"--ca-file", missing}));

  EXPECT_EQ(run.exitCode, 1) << run.err;
  EXPECT_NE(run.err.find("error: --ca-file: cannot read '" + missing + "': No such file or directory"),
            std::string::npos)
      << run.err;
  EXPECT_EQ(run.err.find("session to"), std::string::npos) << run.err;
  EXPECT_TRUE(acs_->sessions().empty());
}

TEST_F(CpemuOverTls, CaFileAndClientCertificateFromTheProfile) {
  startAcs(serverCert_, ca_.caCertFile());
  // The CA and client files sit beside the profile and are named relative to it; the ACS URL is the
  // profile's too.
  const auto profile =
      dir_.write("tls-gateway.yaml", "extends: " + (profilesDir() / "gateway.yaml").string() +
                                         "\n"
                                         "acs:\n"
                                         "  url: " +
                                         acs_->url() +
                                         "\n"
                                         "  ca_file: ca.crt\n"
                                         "  client_cert: cpe.crt\n"
                                         "  client_key: cpe.key\n");

  const auto run = runDevice({}, profile);

  ASSERT_EQ(run.exitCode, 0) << run.err;
  const auto sessions = acs_->sessions();
  ASSERT_EQ(sessions.size(), 1u);
  EXPECT_TRUE(sessions[0].completed);
  EXPECT_TRUE(sessions[0].hasEvent("0 BOOTSTRAP"));
}

TEST_F(CpemuOverTls, CommandLineCaFileOverridesTheProfiles) {
  TestCertificateAuthority otherCa(dir_.path(), "some other CA", "other-ca");
  startAcs(serverCert_);
  const auto profile =
      dir_.write("tls-gateway.yaml", "extends: " + (profilesDir() / "gateway.yaml").string() +
                                         "\nacs:\n  ca_file: other-ca.crt\n");

  const auto trusted = runDevice(withAcs({"--ca-file", ca_.caCertFile().string()}), profile);
  ASSERT_EQ(trusted.exitCode, 0) << trusted.err;
  EXPECT_EQ(acs_->sessions().size(), 1u);

  // Without the override, the profile's CA (which did not sign the ACS) is used.
  const auto untrusted = runDevice(withAcs({}), profile);
  EXPECT_EQ(untrusted.exitCode, 1) << untrusted.err;
  EXPECT_NE(untrusted.err.find("certificate verify failed"), std::string::npos) << untrusted.err;
  EXPECT_EQ(acs_->sessions().size(), 1u);
}

}  // namespace
}  // namespace cpemu::test
