// Digest computations against the published examples (RFC 2617 §3.5, RFC 7616 §3.9.1), the RFC 2069 form
// and the -sess variants, and WWW-Authenticate parsing.
#include <gtest/gtest.h>

#include <openssl/evp.h>

#include <regex>

#include "transport/client_authenticator.h"
#include "transport/digest_auth.h"

namespace cpemu::transport {
namespace {

// The response="..." value of an Authorization header.
std::string responseOf(const std::string& header) {
  std::smatch m;
  return std::regex_search(header, m, std::regex(R"(response="([0-9a-f]+)\")")) ? m[1].str() : "";
}

std::string md5Hex(const std::string& data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(data.data(), data.size(), out, &size, EVP_md5(), nullptr);
  std::string hex;
  char byte[3];
  for (unsigned int i = 0; i < size; ++i) {
    std::snprintf(byte, sizeof byte, "%02x", out[i]);
    hex += byte;
  }
  return hex;
}

DigestChallenge challengeFrom(const std::string& header) {
  auto challenges = parseAuthChallenges(header);
  EXPECT_EQ(challenges.size(), 1u);
  auto digest = DigestChallenge::from(challenges.at(0));
  EXPECT_TRUE(digest);
  return *digest;
}

TEST(DigestAuth, Rfc2617Example) {
  DigestAuth auth(
      challengeFrom(
          R"(Digest realm="testrealm@host.com", qop="auth,auth-int", )"
          R"(nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque="5ccc069c403ebaf9f0171e9517f40e41")"),
      "Mufasa", "Circle Of Life");

  const std::string header = auth.authorize("GET", "/dir/index.html", "", "0a4f113b");

  EXPECT_EQ(responseOf(header), "6629fae49393a05397450978507c4ef1");
  EXPECT_EQ(header,
            "Digest username=\"Mufasa\", realm=\"testrealm@host.com\", "
            "nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", "
            "uri=\"/dir/index.html\", response=\"6629fae49393a05397450978507c4ef1\", "
            "opaque=\"5ccc069c403ebaf9f0171e9517f40e41\", qop=auth, nc=00000001, cnonce=\"0a4f113b\"");
}

TEST(DigestAuth, Rfc7616Examples_Sha256AndMd5) {
  const std::string params =
      R"(realm="http-auth@example.org", qop="auth, auth-int", nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", )"
      R"(opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS")";
  const std::string cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
  DigestAuth sha256(challengeFrom("Digest " + params + ", algorithm=SHA-256"), "Mufasa", "Circle of Life");
  DigestAuth md5(challengeFrom("Digest " + params + ", algorithm=MD5"), "Mufasa", "Circle of Life");

  const std::string sha256Header = sha256.authorize("GET", "/dir/index.html", "", cnonce);
  EXPECT_EQ(responseOf(sha256Header), "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
  EXPECT_NE(sha256Header.find(", algorithm=SHA-256,"), std::string::npos) << sha256Header;
  EXPECT_EQ(responseOf(md5.authorize("GET", "/dir/index.html", "", cnonce)),
            "8ca523f5e9506fed4657c9700eebdbec");
}

TEST(DigestAuth, NonceCountGoesUpWithEachRequest) {
  DigestAuth auth(challengeFrom(R"(Digest realm="r", nonce="n", qop="auth")"), "u", "p");
  EXPECT_NE(auth.authorize("POST", "/acs", "").find("nc=00000001"), std::string::npos);
  EXPECT_NE(auth.authorize("POST", "/acs", "").find("nc=00000002"), std::string::npos);
  const std::string third = auth.authorize("POST", "/acs", "", "c");
  EXPECT_NE(third.find("nc=00000003"), std::string::npos);
  const std::string ha1 = md5Hex("u:r:p"), ha2 = md5Hex("POST:/acs");
  EXPECT_EQ(responseOf(third), md5Hex(ha1 + ":n:00000003:c:auth:" + ha2));
}

TEST(DigestAuth, WithoutQopTheRfc2069FormIsUsed) {
  DigestAuth auth(challengeFrom(R"(Digest realm="r", nonce="n")"), "u", "p");
  const std::string header = auth.authorize("POST", "/acs", "");
  EXPECT_EQ(responseOf(header), md5Hex(md5Hex("u:r:p") + ":n:" + md5Hex("POST:/acs")));
  EXPECT_EQ(header.find("qop="), std::string::npos);
  EXPECT_EQ(header.find("cnonce="), std::string::npos);
  EXPECT_EQ(header.find("nc="), std::string::npos);
}

TEST(DigestAuth, Md5SessFoldsNonceAndCnonceIntoHa1) {
  DigestAuth auth(challengeFrom(R"(Digest realm="r", nonce="n", qop=auth, algorithm=MD5-sess)"), "u", "p");
  const std::string header = auth.authorize("POST", "/acs", "", "c");
  const std::string ha1 = md5Hex(md5Hex("u:r:p") + ":n:c");
  EXPECT_EQ(responseOf(header), md5Hex(ha1 + ":n:00000001:c:auth:" + md5Hex("POST:/acs")));
  EXPECT_NE(header.find("algorithm=MD5-sess"), std::string::npos);
}

TEST(DigestAuth, AuthIntHashesTheBody) {
  DigestAuth auth(challengeFrom(R"(Digest realm="r", nonce="n", qop="auth-int")"), "u", "p");
  const std::string header = auth.authorize("POST", "/acs", "<body/>", "c");
  const std::string ha2 = md5Hex("POST:/acs:" + md5Hex("<body/>"));
  EXPECT_EQ(responseOf(header), md5Hex(md5Hex("u:r:p") + ":n:00000001:c:auth-int:" + ha2));
}

TEST(DigestAuth, QuotesInTheUserNameAreEscaped) {
  DigestAuth auth(challengeFrom(R"(Digest realm="r", nonce="n", qop="auth")"), "a\"b", "p");
  EXPECT_NE(auth.authorize("POST", "/", "").find(R"(username="a\"b")"), std::string::npos);
}

TEST(DigestAuth, UnsupportedChallengesAreNotAnswered) {
  EXPECT_FALSE(
      DigestChallenge::from(parseAuthChallenges(R"(Digest realm="r", nonce="n", algorithm=SHA-512-256)")[0]));
  EXPECT_FALSE(
      DigestChallenge::from(parseAuthChallenges(R"(Digest realm="r", nonce="n", qop="auth-conf")")[0]));
  EXPECT_FALSE(DigestChallenge::from(parseAuthChallenges(R"(Digest realm="r")")[0]));
  EXPECT_FALSE(DigestChallenge::from(parseAuthChallenges(R"(Basic realm="r")")[0]));
}

TEST(AuthChallenges, SeveralChallengesInOneHeader) {
  const auto challenges = parseAuthChallenges(
      R"(Basic realm="simple", Digest realm="a, b", nonce="x\"y", qop="auth,auth-int" , stale=TRUE, Newauth realm=apps)");

  ASSERT_EQ(challenges.size(), 3u);
  EXPECT_EQ(challenges[0].scheme, "Basic");
  EXPECT_EQ(challenges[0].param("realm"), "simple");
  EXPECT_EQ(challenges[1].scheme, "Digest");
  EXPECT_EQ(challenges[1].param("realm"), "a, b");
  EXPECT_EQ(challenges[1].param("nonce"), "x\"y");
  EXPECT_EQ(challenges[1].param("QOP"), "auth,auth-int");
  EXPECT_TRUE(DigestChallenge::from(challenges[1])->stale);
  EXPECT_EQ(DigestChallenge::from(challenges[1])->qop, DigestQop::Auth);
  EXPECT_EQ(challenges[2].scheme, "Newauth");
  EXPECT_EQ(challenges[2].param("realm"), "apps");
}

TEST(ClientAuthenticator, PrefersSha256DigestThenMd5DigestThenBasic) {
  ClientAuthenticator auth("u", "p");
  EXPECT_EQ(auth.authorization("POST", "/", ""), "");

  EXPECT_EQ(auth.adopt({R"(Basic realm="r")", R"(Digest realm="r", nonce="n", qop=auth, algorithm=MD5)",
                        R"(Digest realm="r", nonce="n", qop=auth, algorithm=SHA-256)"}),
            ClientAuthenticator::Adopted::Fresh);
  EXPECT_NE(auth.authorization("POST", "/", "").find("algorithm=SHA-256"), std::string::npos);

  EXPECT_EQ(auth.adopt({R"(Basic realm="r")"}), ClientAuthenticator::Adopted::Fresh);
  EXPECT_EQ(auth.authorization("POST", "/", ""), "Basic dTpw");

  EXPECT_EQ(auth.adopt({R"(Digest realm="r", nonce="m", stale=true)"}), ClientAuthenticator::Adopted::Stale);
  EXPECT_EQ(auth.adopt({R"(Negotiate)"}), ClientAuthenticator::Adopted::None);

  ClientAuthenticator anonymous("", "");
  EXPECT_EQ(anonymous.adopt({R"(Basic realm="r")"}), ClientAuthenticator::Adopted::None);
}

TEST(DigestAuth, RandomCnoncesDiffer) {
  const std::string a = randomCnonce(), b = randomCnonce();
  EXPECT_EQ(a.size(), 32u);
  EXPECT_NE(a, b);
}

}  // namespace
}  // namespace cpemu::transport
