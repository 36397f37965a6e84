// HttpSession answering the ACS's authentication (TR-069 A6 §3.4.4) against a server that checks RFC 2617
// digest itself: the expected response is computed here with OpenSSL, not with the code under test.
#include <gtest/gtest.h>

#include <openssl/evp.h>

#include <map>
#include <mutex>
#include <regex>

#include "transport/http_session.h"
#include "transport/recording_server.h"

namespace cpemu::transport {
namespace {

using test::hasHeader;
using test::okResponse;
using test::RecordingServer;

const std::string kInform = "<soap-env:Envelope>Inform</soap-env:Envelope>";

std::string hexDigest(const EVP_MD* md, const std::string& data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(data.data(), data.size(), out, &size, md, nullptr);
  std::string hex;
  char byte[3];
  for (unsigned int i = 0; i < size; ++i) {
    std::snprintf(byte, sizeof byte, "%02x", out[i]);
    hex += byte;
  }
  return hex;
}

// The parameters of an Authorization: Digest header, unquoted.
std::map<std::string, std::string> digestParams(const std::string& header) {
  std::map<std::string, std::string> params;
  static const std::regex param(R"re(([A-Za-z-]+)=(?:"([^"]*)"|([^,\s]*)))re");
  for (std::sregex_iterator it(header.begin(), header.end(), param), end; it != end; ++it) {
    params[(*it)[1]] = (*it)[2].matched ? (*it)[2].str() : (*it)[3].str();
  }
  return params;
}

// An ACS protecting its URL with RFC 2617 digest (qop=auth): challenges requests without credentials,
// accepts a correct response over its current nonce, answers stale=true to a correct response over a
// nonce it has retired.
class DigestAcs {
 public:
  DigestAcs(std::string username, std::string password, std::vector<std::string> algorithms = {"MD5"})
      : username_(std::move(username)), password_(std::move(password)), algorithms_(std::move(algorithms)) {}

  HttpResponse handle(const HttpRequest& request) {
    std::lock_guard lock(mutex_);
    const std::string authorization = request.header("Authorization");
    seen_.push_back(authorization);
    if (authorization.rfind("Digest ", 0) != 0) return challenge(false);
    auto p = digestParams(authorization);
    const EVP_MD* md = p["algorithm"] == "SHA-256" ? EVP_sha256() : EVP_md5();
    const std::string uri = request.path + (request.query.empty() ? "" : "?" + request.query);
    const std::string ha1 = hexDigest(md, username_ + ":" + realm_ + ":" + password_);
    const std::string ha2 = hexDigest(md, request.method + ":" + uri);
    const std::string expected =
        hexDigest(md, ha1 + ":" + p["nonce"] + ":" + p["nc"] + ":" + p["cnonce"] + ":auth:" + ha2);
    const bool valid = p["username"] == username_ && p["realm"] == realm_ && p["uri"] == uri &&
                       p["qop"] == "auth" && p["opaque"] == opaque_ && p["response"] == expected;
    if (!valid) return challenge(false);
    if (p["nonce"] != nonce()) return challenge(true);  // right password, retired nonce
    return okResponse();
  }

  // Retires the current nonce: the next request over it gets stale=true.
  void rotateNonce() {
    std::lock_guard lock(mutex_);
    ++nonceGeneration_;
  }

  std::vector<std::map<std::string, std::string>> seenParams() const {
    std::lock_guard lock(mutex_);
    std::vector<std::map<std::string, std::string>> all;
    for (const auto& header : seen_) all.push_back(digestParams(header));
    return all;
  }
  std::vector<std::string> seenHeaders() const {
    std::lock_guard lock(mutex_);
    return seen_;
  }
  std::string nonce() const {
    return "nonce-" + std::to_string(nonceGeneration_) + "-dcd98b7102dd2f0e8b11d0f600bfb0c093";
  }

  std::string closeWithChallenge;  // set to "close" to send Connection: close with 401s

 private:
  HttpResponse challenge(bool stale) {
    HttpResponse response;
    response.status = 401;
    for (const auto& algorithm : algorithms_) {
      response.headers.push_back(
          {"WWW-Authenticate", "Digest realm=\"" + realm_ + "\", qop=\"auth,auth-int\", nonce=\"" + nonce() +
                                   "\", opaque=\"" + opaque_ + "\", algorithm=" + algorithm +
                                   (stale ? ", stale=true" : "")});
    }
    if (!closeWithChallenge.empty()) response.headers.push_back({"Connection", closeWithChallenge});
    return response;
  }

  std::string username_, password_;
  std::vector<std::string> algorithms_;
  const std::string realm_ = "cpemu-acs@example.net";
  const std::string opaque_ = "5ccc069c403ebaf9f0171e9517f40e41";
  int nonceGeneration_ = 1;
  mutable std::mutex mutex_;
  std::vector<std::string> seen_;
};

HttpClientOptions credentials(std::string username, std::string password) {
  HttpClientOptions options;
  options.username = std::move(username);
  options.password = std::move(password);
  return options;
}

int statusOf(const std::variant<HttpResponse, TransportError>& result) {
  if (auto* error = std::get_if<TransportError>(&result)) {
    ADD_FAILURE() << error->message;
    return 0;
  }
  return std::get<HttpResponse>(result).status;
}

TEST(HttpSessionAuth, Digest_ChallengeAnsweredThenLaterRequestsAuthenticatePreemptively) {
  DigestAcs digest("cpe-user", "cpe-secret");
  RecordingServer acs([&](const HttpRequest& r, std::size_t) { return digest.handle(r); });
  auto session = openHttpSession(acs.url(), credentials("cpe-user", "cpe-secret"));

  EXPECT_EQ(statusOf(session->post(kInform, "")), 200);
  EXPECT_EQ(statusOf(session->post("", "")), 200);

  const auto seen = digest.seenParams();
  ASSERT_EQ(seen.size(), 3u);  // one 401 only
  EXPECT_TRUE(seen[0].empty());
  EXPECT_EQ(seen[1].at("nc"), "00000001");
  EXPECT_EQ(seen[2].at("nc"), "00000002");
  EXPECT_EQ(seen[2].at("nonce"), seen[1].at("nonce"));
  EXPECT_EQ(seen[1].at("cnonce").size(), 32u);  // 16 random bytes, hex
  EXPECT_NE(seen[2].at("cnonce"), seen[1].at("cnonce"));
  const auto requests = acs.requests();
  EXPECT_EQ(requests[1].body, kInform);  // the retry re-sends the request
  EXPECT_EQ(requests[2].body, "");
  EXPECT_EQ(requests[2].remotePort, requests[0].remotePort);  // all on the session's connection
  for (const auto& header : digest.seenHeaders()) EXPECT_EQ(header.find("cpe-secret"), std::string::npos);
}

TEST(HttpSessionAuth, Digest_StaleNonceIsRetriedWithTheNewNonce) {
  DigestAcs digest("cpe-user", "cpe-secret");
  RecordingServer acs([&](const HttpRequest& r, std::size_t) { return digest.handle(r); });
  auto session = openHttpSession(acs.url(), credentials("cpe-user", "cpe-secret"));
  EXPECT_EQ(statusOf(session->post(kInform, "")), 200);
  const std::string firstNonce = digest.nonce();

  digest.rotateNonce();
  EXPECT_EQ(statusOf(session->post("", "")), 200);

  const auto seen = digest.seenParams();
  ASSERT_EQ(seen.size(), 4u);
  EXPECT_EQ(seen[2].at("nonce"), firstNonce);  // pre-emptive, answered with stale=true
  EXPECT_EQ(seen[3].at("nonce"), digest.nonce());
  EXPECT_EQ(seen[3].at("nc"), "00000001");
}

TEST(HttpSessionAuth, Digest_WrongPasswordReturnsThe401) {
  DigestAcs digest("cpe-user", "cpe-secret");
  RecordingServer acs([&](const HttpRequest& r, std::size_t) { return digest.handle(r); });
  auto session = openHttpSession(acs.url(), credentials("cpe-user", "wrong-secret"));

  auto result = session->post(kInform, "");

  ASSERT_TRUE(std::holds_alternative<HttpResponse>(result));
  EXPECT_EQ(std::get<HttpResponse>(result).status, 401);
  EXPECT_FALSE(std::get<HttpResponse>(result).header("WWW-Authenticate").empty());
  EXPECT_EQ(acs.requestCount(), 2u);  // asked once, answered once, no loop
}

TEST(HttpSessionAuth, Digest_Sha256IsChosenWhenOffered) {
  DigestAcs digest("cpe-user", "cpe-secret", {"MD5", "SHA-256"});
  RecordingServer acs([&](const HttpRequest& r, std::size_t) { return digest.handle(r); });
  auto session = openHttpSession(acs.url(), credentials("cpe-user", "cpe-secret"));

  EXPECT_EQ(statusOf(session->post(kInform, "")), 200);

  const auto seen = digest.seenParams();
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[1].at("algorithm"), "SHA-256");
  EXPECT_EQ(seen[1].at("response").size(), 64u);
}

TEST(HttpSessionAuth, Digest_ChallengeWithConnectionCloseIsAnsweredOnANewConnection) {
  DigestAcs digest("cpe-user", "cpe-secret");
  digest.closeWithChallenge = "close";
  RecordingServer acs([&](const HttpRequest& r, std::size_t) { return digest.handle(r); });
  auto session = openHttpSession(acs.url(), credentials("cpe-user", "cpe-secret"));

  EXPECT_EQ(statusOf(session->post(kInform, "")), 200);

  const auto requests = acs.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_NE(requests[1].remotePort, requests[0].remotePort);
}

TEST(HttpSessionAuth, Basic_ChallengeAnsweredAndReusedForTheSession) {
  RecordingServer acs([](const HttpRequest& request, std::size_t) {
    if (request.header("Authorization") == "Basic Y3BlLXVzZXI6Y3BlLXNlY3JldA==")
      return okResponse();  // cpe-user:cpe-secret
    HttpResponse challenge;
    challenge.status = 401;
    challenge.headers.push_back({"WWW-Authenticate", "Basic realm=\"cpemu-acs\""});
    return challenge;
  });
  auto session = openHttpSession(acs.url(), credentials("cpe-user", "cpe-secret"));

  EXPECT_EQ(statusOf(session->post(kInform, "")), 200);
  EXPECT_EQ(statusOf(session->post("", "")), 200);

  const auto requests = acs.requests();
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_FALSE(hasHeader(requests[0], "Authorization"));
  EXPECT_EQ(requests[2].header("Authorization"), requests[1].header("Authorization"));
}

TEST(HttpSessionAuth, NoCredentials_The401IsReturned) {
  DigestAcs digest("cpe-user", "cpe-secret");
  RecordingServer acs([&](const HttpRequest& r, std::size_t) { return digest.handle(r); });
  auto session = openHttpSession(acs.url(), {});

  EXPECT_EQ(statusOf(session->post(kInform, "")), 401);
  EXPECT_EQ(acs.requestCount(), 1u);
}

}  // namespace
}  // namespace cpemu::transport
