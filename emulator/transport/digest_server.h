// HTTP digest authentication, server side (RFC 7616 / RFC 2617, MD5, qop=auth): issues challenges with
// fresh random nonces and verifies Authorization headers, for the CPE's Connection Request server
// (TR-069 A6 §3.2.2 requires digest there; basic only when a profile allows it).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace cpemu::transport {

struct DigestCredentials {
  std::string username;
  std::string password;
};

struct DigestServerOptions {
  using Clock = std::chrono::steady_clock;
  std::string realm = "cpemu";
  std::chrono::seconds nonceLifetime{300};
  bool allowBasic = false;                   // also accept (and offer) "Authorization: Basic"
  std::size_t maxNonces = 1024;              // outstanding nonces kept; the oldest is forgotten beyond that
  std::function<Clock::time_point()> clock;  // empty: steady_clock::now (tests inject their own)
};

struct DigestVerdict {
  bool accepted = false;
  // When refused: the WWW-Authenticate values for the 401 (a fresh digest challenge, stale=true when
  // the request was correctly signed with an expired nonce, and a Basic challenge when allowed).
  std::vector<std::string> challenges;
  std::string reason;  // why it was refused, for logs; never holds a password
};

// Thread-safe: one instance serves concurrent requests for one protection space (one device).
class DigestServer {
 public:
  explicit DigestServer(DigestServerOptions options = {});

  // Checks `authorization` (the header value, "" when absent) for a request with `method` on `uri`
  // (the request target as sent) against `credentials`.
  DigestVerdict verify(std::string_view method, std::string_view uri, std::string_view authorization,
                       const DigestCredentials& credentials);

  // A fresh challenge: `Digest realm="..", qop="auth", nonce="..", opaque="..", algorithm=MD5`.
  std::string challenge(bool stale = false);

 private:
  DigestServerOptions::Clock::time_point now() const;
  DigestVerdict refuse(std::string reason, bool stale = false);
  DigestVerdict verifyDigest(std::string_view method, std::string_view uri, std::string_view params,
                             const DigestCredentials& credentials);
  DigestVerdict verifyBasic(std::string_view encoded, const DigestCredentials& credentials);

  struct NonceState {
    DigestServerOptions::Clock::time_point issued;
    std::uint32_t lastNonceCount = 0;  // nc must grow (RFC 7616 §3.4: replay protection)
  };
  DigestServerOptions options_;
  std::string opaque_;
  std::mutex mutex_;
  std::map<std::string, NonceState> nonces_;
};

}  // namespace cpemu::transport
