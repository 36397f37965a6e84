// Server-side digest verification: expected digests are computed here independently with OpenSSL MD5.
#include "transport/digest_server.h"

#include <gtest/gtest.h>
#include <openssl/evp.h>

#include <cstdio>

#include "transport/digest_auth.h"

namespace cpemu::transport {
namespace {

std::string md5Hex(const std::string& s) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(s.data(), s.size(), out, &size, EVP_md5(), nullptr);
  std::string hex;
  char buf[3];
  for (unsigned i = 0; i < size; ++i) {
    std::snprintf(buf, sizeof buf, "%02x", out[i]);
    hex += buf;
  }
  return hex;
}

std::string base64(const std::string& s) {
  std::string out(4 * ((s.size() + 2) / 3) + 1, '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(s.data()), static_cast<int>(s.size()));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

const DigestCredentials kCredentials{"cr-user", "cr-secret"};

struct FakeClock {
  std::chrono::steady_clock::time_point now{std::chrono::hours(1)};
};

class DigestServerTest : public ::testing::Test {
 protected:
  DigestServer make(bool allowBasic = false) {
    DigestServerOptions o;
    o.realm = "cpemu";
    o.nonceLifetime = std::chrono::seconds(300);
    o.allowBasic = allowBasic;
    o.clock = [this] { return clock_.now; };
    return DigestServer(o);
  }

  static AuthChallenge digestChallengeOf(const DigestVerdict& v) {
    for (const auto& header : v.challenges)
      for (const auto& c : parseAuthChallenges(header))
        if (c.scheme == "Digest") return c;
    ADD_FAILURE() << "no digest challenge";
    return {};
  }

  // An Authorization header computed from the RFC 7616 formulas, independently of DigestAuth.
  static std::string answer(const AuthChallenge& c, const std::string& user, const std::string& password,
                            const std::string& uri, const std::string& nc,
                            const std::string& cnonce = "0a4f113b") {
    const std::string ha1 = md5Hex(user + ":" + c.param("realm") + ":" + password);
    const std::string ha2 = md5Hex("GET:" + uri);
    const std::string response =
        md5Hex(ha1 + ":" + c.param("nonce") + ":" + nc + ":" + cnonce + ":auth:" + ha2);
    return "Digest username=\"" + user + "\", realm=\"" + c.param("realm") + "\", nonce=\"" +
           c.param("nonce") + "\", uri=\"" + uri + "\", algorithm=MD5, response=\"" + response +
           "\", opaque=\"" + c.param("opaque") + "\", qop=auth, nc=" + nc + ", cnonce=\"" + cnonce + "\"";
  }

  FakeClock clock_;
};

TEST_F(DigestServerTest, ChallengeOffersMd5WithQopAuthAndAFreshNonceEachTime) {
  auto server = make();
  auto first = server.verify("GET", "/cr", "", kCredentials);
  auto second = server.verify("GET", "/cr", "", kCredentials);
  EXPECT_FALSE(first.accepted);
  ASSERT_EQ(first.challenges.size(), 1u);  // no Basic unless allowed
  auto c = digestChallengeOf(first);
  EXPECT_EQ(c.param("realm"), "cpemu");
  EXPECT_EQ(c.param("qop"), "auth");
  EXPECT_EQ(c.param("algorithm"), "MD5");
  EXPECT_EQ(c.param("nonce").size(), 32u);
  EXPECT_FALSE(c.hasParam("stale"));
  EXPECT_NE(c.param("nonce"), digestChallengeOf(second).param("nonce"));
  // The client side of the tree understands it.
  EXPECT_TRUE(DigestChallenge::from(c).has_value());
}

TEST_F(DigestServerTest, CorrectResponseIsAccepted) {
  auto server = make();
  auto c = digestChallengeOf(server.verify("GET", "/cr/1", "", kCredentials));
  auto v =
      server.verify("GET", "/cr/1", answer(c, "cr-user", "cr-secret", "/cr/1", "00000001"), kCredentials);
  EXPECT_TRUE(v.accepted) << v.reason;
  // The nonce stays valid for later requests with a higher nonce count.
  EXPECT_TRUE(
      server.verify("GET", "/cr/1", answer(c, "cr-user", "cr-secret", "/cr/1", "00000002"), kCredentials)
          .accepted);
}

TEST_F(DigestServerTest, ResponseFromTheClientSideDigestAuthIsAccepted) {
  auto server = make();
  auto c = digestChallengeOf(server.verify("GET", "/cr", "", kCredentials));
  DigestAuth client(*DigestChallenge::from(c), "cr-user", "cr-secret");
  EXPECT_TRUE(server.verify("GET", "/cr", client.authorize("GET", "/cr", ""), kCredentials).accepted);
}

TEST_F(DigestServerTest, WrongPasswordIsRefusedWithAFreshChallenge) {
  auto server = make();
  auto c = digestChallengeOf(server.verify("GET", "/cr", "", kCredentials));
  auto v = server.verify("GET", "/cr", answer(c, "cr-user", "wrong", "/cr", "00000001"), kCredentials);
  EXPECT_FALSE(v.accepted);
  auto again = digestChallengeOf(v);
  EXPECT_NE(again.param("nonce"), c.param("nonce"));
  EXPECT_FALSE(again.hasParam("stale"));
  EXPECT_EQ(v.reason.find("wrong\""), std::string::npos);
  // Also: wrong user, and a response computed for another URI.
  EXPECT_FALSE(
      server.verify("GET", "/cr", answer(c, "other", "cr-secret", "/cr", "00000002"), kCredentials).accepted);
  EXPECT_FALSE(server.verify("GET", "/cr", answer(c, "cr-user", "cr-secret", "/x", "00000003"), kCredentials)
                   .accepted);
}

TEST_F(DigestServerTest, CredentialsChangedAtRequestTimeApply) {
  auto server = make();
  auto c = digestChallengeOf(server.verify("GET", "/cr", "", kCredentials));
  DigestCredentials changed{"cr-user", "new-secret"};
  EXPECT_FALSE(
      server.verify("GET", "/cr", answer(c, "cr-user", "cr-secret", "/cr", "00000001"), changed).accepted);
  EXPECT_TRUE(
      server.verify("GET", "/cr", answer(c, "cr-user", "new-secret", "/cr", "00000002"), changed).accepted);
}

TEST_F(DigestServerTest, ExpiredNonceCorrectlySignedIsAnsweredStale) {
  auto server = make();
  auto c = digestChallengeOf(server.verify("GET", "/cr", "", kCredentials));
  clock_.now += std::chrono::seconds(301);
  auto v = server.verify("GET", "/cr", answer(c, "cr-user", "cr-secret", "/cr", "00000001"), kCredentials);
  EXPECT_FALSE(v.accepted);
  auto fresh = digestChallengeOf(v);
  EXPECT_EQ(fresh.param("stale"), "true");
  EXPECT_NE(fresh.param("nonce"), c.param("nonce"));
  EXPECT_TRUE(
      server.verify("GET", "/cr", answer(fresh, "cr-user", "cr-secret", "/cr", "00000001"), kCredentials)
          .accepted);
}

TEST_F(DigestServerTest, ExpiredNonceWithWrongPasswordIsNotStale) {
  auto server = make();
  auto c = digestChallengeOf(server.verify("GET", "/cr", "", kCredentials));
  clock_.now += std::chrono::seconds(301);
  auto v = server.verify("GET", "/cr", answer(c, "cr-user", "wrong", "/cr", "00000001"), kCredentials);
  EXPECT_FALSE(v.accepted);
  EXPECT_FALSE(digestChallengeOf(v).hasParam("stale"));
}

TEST_F(DigestServerTest, ReplayedNonceCountIsRefused) {
  auto server = make();
  auto c = digestChallengeOf(server.verify("GET", "/cr", "", kCredentials));
  const std::string header = answer(c, "cr-user", "cr-secret", "/cr", "00000001");
  EXPECT_TRUE(server.verify("GET", "/cr", header, kCredentials).accepted);
  auto replay = server.verify("GET", "/cr", header, kCredentials);
  EXPECT_FALSE(replay.accepted);
  EXPECT_FALSE(replay.challenges.empty());
  // A lower count than one already seen is a replay too.
  EXPECT_TRUE(server.verify("GET", "/cr", answer(c, "cr-user", "cr-secret", "/cr", "00000005"), kCredentials)
                  .accepted);
  EXPECT_FALSE(server.verify("GET", "/cr", answer(c, "cr-user", "cr-secret", "/cr", "00000003"), kCredentials)
                   .accepted);
}

TEST_F(DigestServerTest, UnknownNonceIsRefused) {
  auto server = make();
  AuthChallenge forged{"Digest",
                       {{"realm", "cpemu"}, {"nonce", "00112233445566778899aabbccddeeff"}, {"opaque", ""}}};
  EXPECT_FALSE(
      server.verify("GET", "/cr", answer(forged, "cr-user", "cr-secret", "/cr", "00000001"), kCredentials)
          .accepted);
}

TEST_F(DigestServerTest, BasicOnlyWhenAllowed) {
  const std::string basic = "Basic " + base64("cr-user:cr-secret");
  auto strict = make(false);
  EXPECT_FALSE(strict.verify("GET", "/cr", basic, kCredentials).accepted);

  auto lenient = make(true);
  auto challenge = lenient.verify("GET", "/cr", "", kCredentials);
  ASSERT_EQ(challenge.challenges.size(), 2u);
  EXPECT_EQ(challenge.challenges[1], "Basic realm=\"cpemu\"");
  EXPECT_TRUE(lenient.verify("GET", "/cr", basic, kCredentials).accepted);
  EXPECT_FALSE(lenient.verify("GET", "/cr", "Basic " + base64("cr-user:nope"), kCredentials).accepted);
  EXPECT_FALSE(lenient.verify("GET", "/cr", "Basic !!!", kCredentials).accepted);
  // Digest still works when basic is allowed.
  auto c = digestChallengeOf(challenge);
  EXPECT_TRUE(lenient.verify("GET", "/cr", answer(c, "cr-user", "cr-secret", "/cr", "00000001"), kCredentials)
                  .accepted);
}

}  // namespace
}  // namespace cpemu::transport
