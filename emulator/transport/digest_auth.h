// HTTP digest authentication, client side (RFC 7616, and RFC 2617 which TR-069 A6 §3.4.4 cites): parsing
// WWW-Authenticate challenges and answering a digest challenge request after request.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cpemu::transport {

// One challenge of a WWW-Authenticate header (RFC 7235 §2.1): "Digest realm="x", nonce="y"".
struct AuthChallenge {
  std::string scheme;                                       // as sent ("Digest", "Basic")
  std::vector<std::pair<std::string, std::string>> params;  // names lower-cased, values unquoted

  std::string param(std::string_view name) const;  // "" when absent
  bool hasParam(std::string_view name) const;
};

// A header value can hold several challenges: "Basic realm="a", Digest realm="b", nonce="c"".
std::vector<AuthChallenge> parseAuthChallenges(std::string_view headerValue);

enum class DigestAlgorithm { Md5, Md5Sess, Sha256, Sha256Sess };
enum class DigestQop { None, Auth, AuthInt };  // None: the RFC 2069 form without qop, nc and cnonce

struct DigestChallenge {
  std::string realm;
  std::string nonce;
  std::optional<std::string> opaque;  // returned verbatim when the server sent one
  std::string algorithmName;          // as the server spelled it; "" when it named none (MD5 then)
  DigestAlgorithm algorithm = DigestAlgorithm::Md5;
  DigestQop qop = DigestQop::None;  // qop=auth is chosen when the server offers it
  bool stale = false;

  // nullopt when the challenge is not digest or uses an algorithm or qop we do not implement.
  static std::optional<DigestChallenge> from(const AuthChallenge& challenge);
};

// Answers one digest challenge for as many requests as the server accepts its nonce: each answer counts
// nc up (00000001, 00000002, ...), so later requests of a session authenticate pre-emptively (RFC 7616
// §3.4). Keeps H(username:realm:password), not the password.
class DigestAuth {
 public:
  DigestAuth(DigestChallenge challenge, std::string_view username, std::string_view password);

  // The Authorization header value for `method` on `uri` (the request target), with a fresh random
  // cnonce.
  std::string authorize(std::string_view method, std::string_view uri, std::string_view body);
  // The same with a given cnonce (tests compare against published examples).
  std::string authorize(std::string_view method, std::string_view uri, std::string_view body,
                        std::string_view cnonce);

  const DigestChallenge& challenge() const { return challenge_; }
  std::uint32_t nonceCount() const { return nonceCount_; }

 private:
  DigestChallenge challenge_;
  std::string username_;
  std::string credentialsHash_;  // H(username:realm:password)
  std::string sessionCnonce_;    // -sess algorithms: one cnonce per nonce, so A1 stays the same
  std::uint32_t nonceCount_ = 0;
};

// Lower-case hex digest of `data` with the algorithm's hash (MD5 or SHA-256).
std::string digestHash(DigestAlgorithm algorithm, std::string_view data);

// 16 bytes from the OpenSSL CSPRNG, hex encoded.
std::string randomCnonce();

}  // namespace cpemu::transport
