// The ACS over https (AcsOptions::tls): certificates from a CA made at test time, client certificates
// required when a client CA is given (mutual TLS), and clear errors for files it cannot read.
#include <gtest/gtest.h>

#include "acs/acs_server.h"
#include "fake_cpe.h"
#include "support/temp_dir.h"
#include "support/test_certificates.h"

namespace cpemu::acs {
namespace {

using cpemu::test::CertificateFiles;
using cpemu::test::TempDir;
using cpemu::test::TestCertificateAuthority;
using test::FakeCpe;

class AcsTlsTest : public ::testing::Test {
 protected:
  AcsTlsTest()
      : ca_(dir_.path()),
        serverCert_(ca_.issueServerCertificate("acs", {"127.0.0.1"})),
        clientCert_(ca_.issueClientCertificate("cpe", "GW00000001")) {}

  void startAcs(bool requireClientCertificates) {
    AcsOptions options;
    options.tls = transport::ServerTlsOptions{serverCert_.cert.string(), serverCert_.key.string(),
                                              requireClientCertificates ? ca_.caCertFile().string() : ""};
    acs_ = std::make_unique<AcsServer>(options);
    acs_->start("127.0.0.1", 0);
  }
  transport::HttpClientOptions trustingTheCa(bool withClientCertificate = false) const {
    transport::HttpClientOptions options;
    options.tls.caFile = ca_.caCertFile().string();
    if (withClientCertificate) {
      options.tls.clientCertFile = clientCert_.cert.string();
      options.tls.clientKeyFile = clientCert_.key.string();
    }
    return options;
  }

  TempDir dir_;
  TestCertificateAuthority ca_;
  CertificateFiles serverCert_;
  CertificateFiles clientCert_;
  std::unique_ptr<AcsServer> acs_;
};

TEST_F(AcsTlsTest, ServesHttps_AVerifyingCpeCompletesASession) {
  startAcs(false);
  ASSERT_EQ(acs_->url().rfind("https://127.0.0.1:", 0), 0u) << acs_->url();

  FakeCpe cpe(acs_->url(), trustingTheCa());
  EXPECT_EQ(cpe.inform().status, 200);
  EXPECT_EQ(cpe.emptyPost().status, 204);

  const auto sessions = acs_->sessions();
  ASSERT_EQ(sessions.size(), 1u);
  EXPECT_TRUE(sessions[0].completed);
}

TEST_F(AcsTlsTest, WithAClientCa_OnlyCpesWithACertificateFromItGetIn) {
  startAcs(true);

  FakeCpe withCertificate(acs_->url(), trustingTheCa(true));
  EXPECT_EQ(withCertificate.inform().status, 200);
  EXPECT_EQ(withCertificate.emptyPost().status, 204);

  FakeCpe without(acs_->url(), trustingTheCa(false));
  EXPECT_THROW(without.inform(), std::runtime_error);

  EXPECT_EQ(acs_->sessions().size(), 1u);
}

TEST_F(AcsTlsTest, UnreadableFilesAreNamedWhenStarting) {
  const std::string missing = (dir_.path() / "absent.key").string();
  AcsOptions options;
  options.tls = transport::ServerTlsOptions{serverCert_.cert.string(), missing, ""};
  AcsServer acs(options);
  try {
    acs.start("127.0.0.1", 0);
    FAIL() << "started without its key";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("cannot read the TLS key file '" + missing + "'"), std::string::npos)
        << e.what();
    EXPECT_NE(std::string(e.what()).find("No such file"), std::string::npos) << e.what();
  }

  // A readable file that is not a certificate is refused by the TLS layer, naming the files.
  const auto notPem = dir_.write("not-a-cert.pem", "hello\n");
  AcsOptions garbage;
  garbage.tls = transport::ServerTlsOptions{notPem.string(), serverCert_.key.string(), ""};
  AcsServer second(garbage);
  try {
    second.start("127.0.0.1", 0);
    FAIL() << "started with a file that is no certificate";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(notPem.string()), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace cpemu::acs
