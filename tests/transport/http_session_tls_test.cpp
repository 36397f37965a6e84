// HttpSession over TLS against HttpServer, with a CA, server and client certificates made at test time:
// the peer is verified by default (CA file or system store, host name or IP), verification can be turned
// off, and mutual TLS works both ways.
#include <gtest/gtest.h>

#include "support/temp_dir.h"
#include "support/test_certificates.h"
#include "transport/http_server.h"
#include "transport/http_session.h"
#include "transport/recording_server.h"

namespace cpemu::transport {
namespace {

using cpemu::test::CertificateFiles;
using cpemu::test::TempDir;
using cpemu::test::TestCertificateAuthority;
using test::okResponse;
using test::RecordingServer;

const std::string kInform = "<soap-env:Envelope>Inform</soap-env:Envelope>";

class HttpSessionTls : public ::testing::Test {
 protected:
  HttpSessionTls()
      : ca_(dir_.path()),
        serverCert_(ca_.issueServerCertificate("server", {"127.0.0.1", "localhost", "::1"})),
        clientCert_(ca_.issueClientCertificate("client", "cpe-000001")) {}

  ServerTlsOptions serverTls(const CertificateFiles& cert, bool requireClientCert = false) const {
    return {cert.cert.string(), cert.key.string(), requireClientCert ? ca_.caCertFile().string() : ""};
  }
  HttpClientOptions trustingTestCa() const {
    HttpClientOptions options;
    options.tls.caFile = ca_.caCertFile().string();
    return options;
  }
  static std::function<HttpResponse(const HttpRequest&, std::size_t)> answerOk() {
    return [](const HttpRequest&, std::size_t) { return okResponse("<ok/>"); };
  }

  TempDir dir_;
  TestCertificateAuthority ca_;
  CertificateFiles serverCert_;
  CertificateFiles clientCert_;
};

std::string errorOf(const std::variant<HttpResponse, TransportError>& result) {
  if (auto* response = std::get_if<HttpResponse>(&result)) {
    ADD_FAILURE() << "expected a transport error, got HTTP " << response->status;
    return {};
  }
  return std::get<TransportError>(result).message;
}

int statusOf(const std::variant<HttpResponse, TransportError>& result) {
  if (auto* error = std::get_if<TransportError>(&result)) {
    ADD_FAILURE() << error->message;
    return 0;
  }
  return std::get<HttpResponse>(result).status;
}

TEST_F(HttpSessionTls, VerifiedWithTheCaFile_ByIpAndByName) {
  RecordingServer acs(answerOk(), serverTls(serverCert_));

  auto byIp = openHttpSession(acs.url(), trustingTestCa());
  EXPECT_EQ(statusOf(byIp->post(kInform, "")), 200);
  EXPECT_EQ(statusOf(byIp->post("", "")), 200);
  auto byName = openHttpSession(acs.url("/acs", "localhost"), trustingTestCa());
  EXPECT_EQ(statusOf(byName->post(kInform, "")), 200);

  const auto requests = acs.requests();
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_EQ(requests[0].body, kInform);
  EXPECT_EQ(requests[1].remotePort, requests[0].remotePort);  // the TLS connection is kept too
}

TEST_F(HttpSessionTls, SystemStoreDoesNotTrustTheTestCa) {
  RecordingServer acs(answerOk(), serverTls(serverCert_));
  auto session = openHttpSession(acs.url(), {});

  const std::string error = errorOf(session->post(kInform, ""));

  EXPECT_NE(error.find("TLS handshake with 127.0.0.1:" + std::to_string(acs.port()) +
                       " failed: certificate verify failed"),
            std::string::npos)
      << error;
  EXPECT_EQ(acs.requestCount(), 0u);
}

TEST_F(HttpSessionTls, VerificationOffConnectsToAnyCertificate) {
  RecordingServer acs(answerOk(), serverTls(serverCert_));
  HttpClientOptions options;
  options.tls.verifyPeer = false;
  auto session = openHttpSession(acs.url(), options);

  EXPECT_EQ(statusOf(session->post(kInform, "")), 200);
}

TEST_F(HttpSessionTls, CertificateForAnotherHostIsRefused) {
  const CertificateFiles otherHost = ca_.issueServerCertificate("other", {"other.example"});
  RecordingServer acs(answerOk(), serverTls(otherHost));

  auto byIp = openHttpSession(acs.url(), trustingTestCa());
  const std::string ipError = errorOf(byIp->post(kInform, ""));
  auto byName = openHttpSession(acs.url("/acs", "localhost"), trustingTestCa());
  const std::string nameError = errorOf(byName->post(kInform, ""));

  EXPECT_NE(ipError.find("certificate verify failed (IP address mismatch)"), std::string::npos) << ipError;
  EXPECT_NE(nameError.find("certificate verify failed (hostname mismatch)"), std::string::npos) << nameError;
  EXPECT_EQ(acs.requestCount(), 0u);
}

TEST_F(HttpSessionTls, MutualTls_ClientCertificateAccepted) {
  RecordingServer acs(answerOk(), serverTls(serverCert_, /*requireClientCert=*/true));
  HttpClientOptions options = trustingTestCa();
  options.tls.clientCertFile = clientCert_.cert.string();
  options.tls.clientKeyFile = clientCert_.key.string();
  auto session = openHttpSession(acs.url(), options);

  EXPECT_EQ(statusOf(session->post(kInform, "")), 200);
  EXPECT_EQ(acs.requestCount(), 1u);
}

TEST_F(HttpSessionTls, MutualTls_ClientWithoutCertificateRefused) {
  RecordingServer acs(answerOk(), serverTls(serverCert_, /*requireClientCert=*/true));
  auto session = openHttpSession(acs.url(), trustingTestCa());

  const std::string error = errorOf(session->post(kInform, ""));

  EXPECT_NE(error.find("127.0.0.1:" + std::to_string(acs.port())), std::string::npos) << error;
  // The server's alert when the answer is read, or the likely cause when the write failed first.
  const bool alert = error.find("certificate required") != std::string::npos;
  const bool named =
      error.find("requires a client certificate does (none is configured)") != std::string::npos;
  EXPECT_TRUE(alert || named) << error;
  EXPECT_EQ(acs.requestCount(), 0u);
}

TEST_F(HttpSessionTls, MutualTls_CertificateFromAnotherCaRefused) {
  TestCertificateAuthority otherCa(dir_.path(), "another CA", "other-ca");
  const CertificateFiles foreign = otherCa.issueClientCertificate("foreign", "cpe-foreign");
  RecordingServer acs(answerOk(), serverTls(serverCert_, /*requireClientCert=*/true));
  HttpClientOptions options = trustingTestCa();
  options.tls.clientCertFile = foreign.cert.string();
  options.tls.clientKeyFile = foreign.key.string();
  auto session = openHttpSession(acs.url(), options);

  errorOf(session->post(kInform, ""));
  EXPECT_EQ(acs.requestCount(), 0u);
}

TEST_F(HttpSessionTls, BadTlsFilesAreClearErrors) {
  RecordingServer acs(answerOk(), serverTls(serverCert_));

  HttpClientOptions missingCa;
  missingCa.tls.caFile = (dir_.path() / "absent.pem").string();
  const std::string caError = errorOf(openHttpSession(acs.url(), missingCa)->post(kInform, ""));
  EXPECT_NE(caError.find("cannot load CA certificates from '" + missingCa.tls.caFile + "'"),
            std::string::npos)
      << caError;

  HttpClientOptions certWithoutKey = trustingTestCa();
  certWithoutKey.tls.clientCertFile = clientCert_.cert.string();
  const std::string pairError = errorOf(openHttpSession(acs.url(), certWithoutKey)->post(kInform, ""));
  EXPECT_NE(pairError.find("clientCertFile and clientKeyFile"), std::string::npos) << pairError;

  HttpClientOptions mismatchedKey = trustingTestCa();
  mismatchedKey.tls.clientCertFile = clientCert_.cert.string();
  mismatchedKey.tls.clientKeyFile = serverCert_.key.string();
  const std::string keyError = errorOf(openHttpSession(acs.url(), mismatchedKey)->post(kInform, ""));
  EXPECT_NE(keyError.find("cannot load the client certificate"), std::string::npos) << keyError;
}

TEST_F(HttpSessionTls, ServerRefusesToStartWithoutItsKey) {
  HttpServer server;
  ServerTlsOptions tls{serverCert_.cert.string(), (dir_.path() / "absent.key").string(), ""};
  EXPECT_THROW(server.start(
                   "127.0.0.1", 0, [](const HttpRequest&) { return okResponse(); }, tls),
               std::runtime_error);
  EXPECT_FALSE(server.running());
}

}  // namespace
}  // namespace cpemu::transport
