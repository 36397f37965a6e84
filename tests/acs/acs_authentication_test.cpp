// ACS-side HTTP authentication (TR-069 A6 §3.4.4; RFC 2617 basic and digest MD5 qop=auth).
#include <gtest/gtest.h>

#include "acs/acs_server.h"
#include "acs/http_authenticator.h"
#include "fake_cpe.h"
#include "raw_http_connection.h"
#include "transport/digest_auth.h"

namespace cpemu::acs {
namespace {

using test::FakeCpe;
using test::SoapView;

AcsOptions digestOptions() {
  AcsOptions options;
  options.auth.scheme = AuthScheme::Digest;
  options.auth.username = "cpe-user";
  options.auth.password = "s3cret";
  return options;
}

transport::HttpClientOptions credentials(const std::string& user, const std::string& password) {
  transport::HttpClientOptions options;
  options.username = user;
  options.password = password;
  return options;
}

// The parameters of a WWW-Authenticate: Digest challenge, parsed by the transport's client-side parser.
transport::DigestChallenge digestChallengeOf(const std::string& header) {
  const auto challenges = transport::parseAuthChallenges(header);
  for (const auto& c : challenges)
    if (auto digest = transport::DigestChallenge::from(c)) return *digest;
  ADD_FAILURE() << "no digest challenge in: " << header;
  return {};
}

std::string digestHeader(const std::string& user, const std::string& password, const std::string& realm,
                         const std::string& nonce, const std::string& nc, const std::string& uri = "/acs") {
  const std::string cnonce = "0a4f113b";
  const std::string response =
      HttpAuthenticator::digestResponse(user, realm, password, "POST", uri, nonce, nc, cnonce);
  return "Digest username=\"" + user + "\", realm=\"" + realm + "\", nonce=\"" + nonce + "\", uri=\"" + uri +
         "\", qop=auth, nc=" + nc + ", cnonce=\"" + cnonce + "\", response=\"" + response + "\"";
}

TEST(AcsAuthenticationTest, Digest_UnauthenticatedRequestGets401WithAChallenge) {
  AcsServer acs(digestOptions());
  const auto port = acs.start("127.0.0.1", 0);
  test::RawHttpConnection raw(port);
  const auto response = raw.post("/acs", test::informXml({}));
  EXPECT_EQ(response.status, 401);
  const std::string challenge = response.header("WWW-Authenticate");
  const auto digest = digestChallengeOf(challenge);
  EXPECT_EQ(digest.realm, "cpemu-acs");
  EXPECT_FALSE(digest.nonce.empty());
  EXPECT_EQ(digest.qop, transport::DigestQop::Auth);
  EXPECT_EQ(digest.algorithm, transport::DigestAlgorithm::Md5);
  EXPECT_FALSE(digest.stale);
  EXPECT_TRUE(acs.sessions().empty());
}

TEST(AcsAuthenticationTest, Digest_CorrectCredentialsPassForTheWholeSession) {
  AcsServer acs(digestOptions());
  acs.setScript(parseAcsScript("sessions:\n  - rpcs: [Reboot]\n", "auth.yaml"));
  acs.start("127.0.0.1", 0);
  FakeCpe cpe(acs.url(), credentials("cpe-user", "s3cret"));
  ASSERT_EQ(cpe.inform().status, 200);
  const auto rpc = cpe.emptyPost();
  ASSERT_EQ(rpc.status, 200);
  EXPECT_EQ(cpe.post(test::responseXml("RebootResponse", SoapView(rpc.body).id())).status, 204);
  ASSERT_TRUE(acs.waitForSessions(1, std::chrono::seconds(10)));
  EXPECT_TRUE(acs.sessions().at(0).completed);
}

TEST(AcsAuthenticationTest, Digest_WrongPasswordFailsEveryTime) {
  AcsServer acs(digestOptions());
  acs.start("127.0.0.1", 0);
  for (int attempt = 0; attempt < 3; ++attempt) {
    FakeCpe cpe(acs.url(), credentials("cpe-user", "wrong"));
    EXPECT_EQ(cpe.inform().status, 401) << "attempt " << attempt;
  }
  FakeCpe stranger(acs.url(), credentials("someone-else", "s3cret"));
  EXPECT_EQ(stranger.inform().status, 401);
  EXPECT_TRUE(acs.sessions().empty());
}

TEST(AcsAuthenticationTest, Digest_HandMadeAnswerToTheChallengePasses_AndItsNonceCountMustRise) {
  AcsServer acs(digestOptions());
  acs.setScript(parseAcsScript("sessions:\n  - rpcs: [Reboot]\n", "auth.yaml"));
  const auto port = acs.start("127.0.0.1", 0);
  test::RawHttpConnection raw(port);
  const auto challenge = digestChallengeOf(raw.post("/acs", test::informXml({})).header("WWW-Authenticate"));

  const auto inform = raw.post(
      "/acs", test::informXml({}),
      {{"Authorization", digestHeader("cpe-user", "s3cret", challenge.realm, challenge.nonce, "00000001")}});
  ASSERT_EQ(inform.status, 200) << inform.body;
  // The same nonce count again is a replay.
  EXPECT_EQ(raw.post("/acs", "",
                     {{"Authorization",
                       digestHeader("cpe-user", "s3cret", challenge.realm, challenge.nonce, "00000001")}})
                .status,
            401);
  EXPECT_EQ(raw.post("/acs", "",
                     {{"Authorization",
                       digestHeader("cpe-user", "s3cret", challenge.realm, challenge.nonce, "00000002")}})
                .status,
            200);
}

TEST(AcsAuthenticationTest, Digest_UnknownNonceWithRightPasswordIsStale) {
  AcsServer acs(digestOptions());
  const auto port = acs.start("127.0.0.1", 0);
  test::RawHttpConnection raw(port);
  const auto response = raw.post("/acs", test::informXml({}),
                                 {{"Authorization", digestHeader("cpe-user", "s3cret", "cpemu-acs",
                                                                 "not-a-nonce-we-issued", "00000001")}});
  EXPECT_EQ(response.status, 401);
  EXPECT_TRUE(digestChallengeOf(response.header("WWW-Authenticate")).stale);

  const auto wrong = raw.post("/acs", test::informXml({}),
                              {{"Authorization", digestHeader("cpe-user", "nope", "cpemu-acs",
                                                              "not-a-nonce-we-issued", "00000001")}});
  EXPECT_EQ(wrong.status, 401);
  EXPECT_FALSE(digestChallengeOf(wrong.header("WWW-Authenticate")).stale)
      << "stale only when the digest is right";
}

transport::HttpRequest requestWith(const std::string& authorization) {
  transport::HttpRequest request;
  request.method = "POST";
  request.path = "/acs";
  request.remoteAddress = "127.0.0.1";
  if (!authorization.empty()) request.headers.push_back({"Authorization", authorization});
  return request;
}

std::string headerOf(const transport::HttpResponse& r, const std::string& name) {
  return r.header(name);
}

TEST(AcsAuthenticationTest, Digest_ExpiredNonceIsAnsweredWithStaleTrue) {
  auto now = std::chrono::steady_clock::time_point{} + std::chrono::hours(1);
  AuthOptions options;
  options.scheme = AuthScheme::Digest;
  options.username = "u";
  options.password = "p";
  options.nonceLifetime = std::chrono::seconds(60);
  options.clock = [&now] { return now; };
  HttpAuthenticator auth(options);

  const std::string nonce = auth.issueNonce();
  EXPECT_TRUE(auth.check(requestWith(digestHeader("u", "p", "cpemu-acs", nonce, "00000001"))).allowed);

  now += std::chrono::seconds(61);
  const auto expired = auth.check(requestWith(digestHeader("u", "p", "cpemu-acs", nonce, "00000002")));
  EXPECT_FALSE(expired.allowed);
  EXPECT_EQ(expired.reason, "stale nonce");
  ASSERT_TRUE(expired.challenge);
  EXPECT_EQ(expired.challenge->status, 401);
  const auto fresh = digestChallengeOf(headerOf(*expired.challenge, "WWW-Authenticate"));
  EXPECT_TRUE(fresh.stale);
  EXPECT_NE(fresh.nonce, nonce);

  EXPECT_TRUE(auth.check(requestWith(digestHeader("u", "p", "cpemu-acs", fresh.nonce, "00000001"))).allowed);
}

TEST(AcsAuthenticationTest, Digest_UriMustNameTheRequestedResource) {
  AuthOptions options;
  options.scheme = AuthScheme::Digest;
  options.username = "u";
  options.password = "p";
  HttpAuthenticator auth(options);
  const std::string nonce = auth.issueNonce();
  EXPECT_FALSE(
      auth.check(requestWith(digestHeader("u", "p", "cpemu-acs", nonce, "00000001", "/other"))).allowed);
  EXPECT_TRUE(
      auth.check(requestWith(digestHeader("u", "p", "cpemu-acs", nonce, "00000002", "/acs"))).allowed);
}

TEST(AcsAuthenticationTest, Basic_RightCredentialsPass_WrongOnesGet401) {
  AcsOptions options;
  options.auth.scheme = AuthScheme::Basic;
  options.auth.username = "cpe-user";
  options.auth.password = "s3cret";
  AcsServer acs(options);
  const auto port = acs.start("127.0.0.1", 0);

  test::RawHttpConnection raw(port);
  const auto challenge = raw.post("/acs", test::informXml({}));
  EXPECT_EQ(challenge.status, 401);
  EXPECT_EQ(challenge.header("WWW-Authenticate"), "Basic realm=\"cpemu-acs\"");
  // base64("cpe-user:wrong") and base64("cpe-user:s3cret")
  EXPECT_EQ(raw.post("/acs", test::informXml({}), {{"Authorization", "Basic Y3BlLXVzZXI6d3Jvbmc="}}).status,
            401);
  EXPECT_EQ(raw.post("/acs", test::informXml({}), {{"Authorization", "Basic Y3BlLXVzZXI6czNjcmV0"}}).status,
            200);

  FakeCpe cpe(acs.url(), credentials("cpe-user", "s3cret"));
  EXPECT_EQ(cpe.inform().status, 200);
  FakeCpe wrong(acs.url(), credentials("cpe-user", "bad"));
  EXPECT_EQ(wrong.inform().status, 401);
}

}  // namespace
}  // namespace cpemu::acs
