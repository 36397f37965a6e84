#include "transport/digest_server.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <algorithm>
#include <cctype>

#include "transport/digest_auth.h"
#include "transport/http_headers.h"

namespace cpemu::transport {
namespace {

// Compares secrets without a timing side channel.
bool sameSecret(std::string_view a, std::string_view b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

bool isHex(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isxdigit(c); });
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

DigestServer::DigestServer(DigestServerOptions options)
    : options_(std::move(options)), opaque_(randomCnonce()) {}

DigestServerOptions::Clock::time_point DigestServer::now() const {
  return options_.clock ? options_.clock() : DigestServerOptions::Clock::now();
}

std::string DigestServer::challenge(bool stale) {
  const std::string nonce = randomCnonce();  // 16 bytes from RAND_bytes
  const auto t = now();
  {
    std::lock_guard lock(mutex_);
    // Forget nonces that can only be answered stale anyway, then the oldest beyond the cap.
    for (auto it = nonces_.begin(); it != nonces_.end();)
      it = t - it->second.issued > 2 * options_.nonceLifetime ? nonces_.erase(it) : std::next(it);
    while (options_.maxNonces > 0 && nonces_.size() >= options_.maxNonces) {
      auto oldest = std::min_element(nonces_.begin(), nonces_.end(), [](const auto& a, const auto& b) {
        return a.second.issued < b.second.issued;
      });
      nonces_.erase(oldest);
    }
    nonces_[nonce] = NonceState{t, 0};
  }
  std::string header = "Digest realm=" + quotedString(options_.realm) + ", qop=\"auth\", nonce=" + quotedString(nonce) +
                       ", opaque=" + quotedString(opaque_) + ", algorithm=MD5";
  if (stale) header += ", stale=true";
  return header;
}

DigestVerdict DigestServer::refuse(std::string reason, bool stale) {
  DigestVerdict verdict;
  verdict.reason = std::move(reason);
  verdict.challenges.push_back(challenge(stale));
  if (options_.allowBasic) verdict.challenges.push_back("Basic realm=" + quotedString(options_.realm));
  return verdict;
}

DigestVerdict DigestServer::verify(std::string_view method, std::string_view uri,
                                   std::string_view authorization, const DigestCredentials& credentials) {
  authorization = trim(authorization);
  if (authorization.empty()) return refuse("no credentials");
  const auto space = authorization.find(' ');
  const std::string_view scheme = authorization.substr(0, space);
  const std::string_view rest =
      space == std::string_view::npos ? std::string_view{} : authorization.substr(space + 1);
  if (equalsIgnoreCase(scheme, "Digest")) return verifyDigest(method, uri, authorization, credentials);
  if (equalsIgnoreCase(scheme, "Basic")) {
    if (!options_.allowBasic) return refuse("basic authentication is not allowed");
    return verifyBasic(trim(rest), credentials);
  }
  return refuse("unsupported authentication scheme");
}

DigestVerdict DigestServer::verifyBasic(std::string_view encoded, const DigestCredentials& credentials) {
  std::string decoded(encoded.size() / 4 * 3 + 3, '\0');
  const int size = encoded.empty() || encoded.size() % 4 != 0
                       ? -1
                       : EVP_DecodeBlock(reinterpret_cast<unsigned char*>(decoded.data()),
                                         reinterpret_cast<const unsigned char*>(encoded.data()),
                                         static_cast<int>(encoded.size()));
  if (size < 0) return refuse("malformed basic credentials");
  decoded.resize(static_cast<std::size_t>(size));
  // EVP_DecodeBlock counts padding as zero bytes.
  for (auto pad = encoded.rbegin(); pad != encoded.rend() && *pad == '='; ++pad) decoded.pop_back();
  const std::string expected = credentials.username + ":" + credentials.password;
  const bool ok = sameSecret(decoded, expected);
  std::fill(decoded.begin(), decoded.end(), '\0');
  if (!ok) return refuse("wrong basic credentials");
  return DigestVerdict{true, {}, {}};
}

DigestVerdict DigestServer::verifyDigest(std::string_view method, std::string_view uri,
                                         std::string_view header, const DigestCredentials& credentials) {
  // The Authorization header has the same auth-param syntax as a challenge (RFC 7235 §2.1).
  const auto parsed = parseAuthChallenges(header);
  if (parsed.empty()) return refuse("malformed digest credentials");
  const AuthChallenge& a = parsed.front();
  const std::string nonce = a.param("nonce");
  const std::string nc = a.param("nc");
  const std::string cnonce = a.param("cnonce");
  const std::string algorithm = a.param("algorithm");
  if (nonce.empty() || a.param("response").size() != 32 || !equalsIgnoreCase(a.param("qop"), "auth") ||
      nc.size() != 8 || !isHex(nc) || cnonce.empty() ||
      (!algorithm.empty() && !equalsIgnoreCase(algorithm, "MD5")))
    return refuse("malformed digest credentials (MD5 with qop=auth required)");
  if (a.param("realm") != options_.realm) return refuse("wrong realm");
  if (a.param("uri") != uri) return refuse("digest uri does not match the request");
  if (!sameSecret(a.param("username"), credentials.username)) return refuse("wrong credentials");

  const std::string ha1 = digestHash(
      DigestAlgorithm::Md5, credentials.username + ":" + options_.realm + ":" + credentials.password);
  const std::string ha2 = digestHash(DigestAlgorithm::Md5, std::string(method) + ":" + std::string(uri));
  const std::string expected =
      digestHash(DigestAlgorithm::Md5, ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2);
  std::string response = a.param("response");
  std::transform(response.begin(), response.end(), response.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (!sameSecret(response, expected)) return refuse("wrong credentials");

  // Correctly signed: now the nonce decides.
  const auto count = static_cast<std::uint32_t>(std::stoul(nc, nullptr, 16));
  enum class NonceCheck { Fresh, Stale, Replayed } check = NonceCheck::Fresh;
  {
    std::lock_guard lock(mutex_);
    auto it = nonces_.find(nonce);
    if (it == nonces_.end() || now() - it->second.issued > options_.nonceLifetime) {
      if (it != nonces_.end()) nonces_.erase(it);
      check = NonceCheck::Stale;
    } else if (count <= it->second.lastNonceCount) {
      check = NonceCheck::Replayed;
    } else {
      it->second.lastNonceCount = count;
    }
  }
  // RFC 7616 §3.3: stale=true tells the client to retry with the new nonce without asking the user.
  if (check == NonceCheck::Stale) return refuse("expired nonce", /*stale=*/true);
  if (check == NonceCheck::Replayed) return refuse("replayed nonce count");
  return DigestVerdict{true, {}, {}};
}

}  // namespace cpemu::transport
