#include "transport/client_authenticator.h"

#include <openssl/evp.h>

#include "transport/http_headers.h"

namespace cpemu::transport {
namespace {

std::string base64(std::string_view data) {
  std::string out(4 * ((data.size() + 2) / 3), '\0');
  const int written =
      EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                      reinterpret_cast<const unsigned char*>(data.data()), static_cast<int>(data.size()));
  out.resize(static_cast<std::size_t>(written));
  return out;
}

int strength(const DigestChallenge& c) {
  const bool sha256 = c.algorithm == DigestAlgorithm::Sha256 || c.algorithm == DigestAlgorithm::Sha256Sess;
  return (sha256 ? 4 : 0) + (c.qop != DigestQop::None ? 2 : 0) + (c.qop == DigestQop::Auth ? 1 : 0);
}

}  // namespace

ClientAuthenticator::ClientAuthenticator(std::string username, std::string password)
    : username_(std::move(username)), password_(std::move(password)) {}

std::string ClientAuthenticator::authorization(std::string_view method, std::string_view uri,
                                               std::string_view body) {
  if (digest_) return digest_->authorize(method, uri, body);
  // TR-069 A6 §3.4.4 leaves the choice of basic or digest to the ACS (basic is meant to run over TLS). The
  // credentials only ever go into this header: nothing here logs them.
  if (basic_) return "Basic " + base64(username_ + ":" + password_);
  return "";
}

ClientAuthenticator::Adopted ClientAuthenticator::adopt(const std::vector<std::string>& wwwAuthenticate) {
  if (!hasCredentials()) return Adopted::None;
  std::optional<DigestChallenge> best;
  bool basicOffered = false;
  for (const auto& value : wwwAuthenticate) {
    for (const auto& challenge : parseAuthChallenges(value)) {
      if (equalsIgnoreCase(challenge.scheme, "Basic")) basicOffered = true;
      auto digest = DigestChallenge::from(challenge);
      if (digest && (!best || strength(*digest) > strength(*best))) best = std::move(digest);
    }
  }
  if (best) {
    const bool stale = best->stale;
    digest_.emplace(std::move(*best), username_, password_);
    basic_ = false;
    return stale ? Adopted::Stale : Adopted::Fresh;
  }
  if (basicOffered) {
    digest_.reset();
    basic_ = true;
    return Adopted::Fresh;
  }
  return Adopted::None;
}

void ClientAuthenticator::reset() {
  digest_.reset();
  basic_ = false;
}

}  // namespace cpemu::transport
