// The ACS side of HTTP authentication (TR-069 A6 §3.4.4): none, basic (RFC 2617 §2) or digest (RFC 2617
// §3: MD5, qop=auth). Digest nonces are issued, tracked and expired here: a request with a valid digest
// over an expired or unknown nonce is answered with a fresh challenge carrying stale=true (§3.2.1), and
// a nonce-count that does not increase is refused as a replay (§3.2.2).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <string_view>

#include "transport/http_server.h"

namespace cpemu::acs {

enum class AuthScheme { None, Basic, Digest };

std::optional<AuthScheme> authSchemeFromName(std::string_view name);  // "none", "basic", "digest"
std::string_view authSchemeName(AuthScheme scheme);

struct AuthOptions {
  AuthScheme scheme = AuthScheme::None;
  std::string username;
  std::string password;
  std::string realm = "cpemu-acs";
  std::chrono::seconds nonceLifetime{300};
  // Tests move time forward without sleeping.
  std::function<std::chrono::steady_clock::time_point()> clock = [] {
    return std::chrono::steady_clock::now();
  };
};

class HttpAuthenticator {
 public:
  explicit HttpAuthenticator(AuthOptions options);

  struct Result {
    bool allowed = false;
    std::string
        reason;  // why it was refused, for the log ("no credentials", "wrong password", "stale nonce")
    std::optional<transport::HttpResponse> challenge;  // the 401 to send when refused
  };

  // Thread-safe.
  Result check(const transport::HttpRequest& request);

  // The digest `response` value a client computes (RFC 2617 §3.2.2.1, qop=auth), for tests.
  static std::string digestResponse(std::string_view username, std::string_view realm,
                                    std::string_view password, std::string_view method, std::string_view uri,
                                    std::string_view nonce, std::string_view nc, std::string_view cnonce);
  static std::string md5Hex(std::string_view data);

  // Issues a nonce (as a challenge would) and returns it; for tests.
  std::string issueNonce();

 private:
  transport::HttpResponse challenge(bool stale);
  Result checkBasic(const transport::HttpRequest& request);
  Result checkDigest(const transport::HttpRequest& request);
  void forgetExpiredNonces();

  AuthOptions options_;
  std::mutex mutex_;
  std::mt19937_64 random_;
  std::string opaque_;
  struct NonceState {
    std::chrono::steady_clock::time_point issued;
    std::uint64_t lastNonceCount = 0;
  };
  std::map<std::string, NonceState> nonces_;
};

}  // namespace cpemu::acs
