#include "transport/digest_auth.h"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <stdexcept>

#include "transport/http_headers.h"

namespace cpemu::transport {
namespace {

// RFC 9110 §5.6.2 tchar.
bool isTokenChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) ||
         std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

std::string hex(const unsigned char* data, std::size_t size) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(size * 2);
  for (std::size_t i = 0; i < size; ++i) {
    out += kDigits[data[i] >> 4];
    out += kDigits[data[i] & 0x0f];
  }
  return out;
}

bool isSessAlgorithm(DigestAlgorithm a) {
  return a == DigestAlgorithm::Md5Sess || a == DigestAlgorithm::Sha256Sess;
}

}  // namespace

std::string AuthChallenge::param(std::string_view name) const {
  for (const auto& [n, v] : params)
    if (equalsIgnoreCase(n, name)) return v;
  return "";
}

bool AuthChallenge::hasParam(std::string_view name) const {
  return std::any_of(params.begin(), params.end(),
                     [&](const auto& p) { return equalsIgnoreCase(p.first, name); });
}

std::vector<AuthChallenge> parseAuthChallenges(std::string_view v) {
  std::vector<AuthChallenge> challenges;
  std::size_t i = 0;
  auto skipSpaces = [&] {
    while (i < v.size() && (v[i] == ' ' || v[i] == '\t')) ++i;
  };
  auto skipSeparators = [&] {
    while (i < v.size() && (v[i] == ' ' || v[i] == '\t' || v[i] == ',')) ++i;
  };
  auto readToken = [&] {
    const std::size_t start = i;
    while (i < v.size() && isTokenChar(v[i])) ++i;
    return v.substr(start, i - start);
  };

  while (true) {
    skipSeparators();
    if (i >= v.size()) break;
    const std::string_view scheme = readToken();
    if (scheme.empty()) {  // not a challenge: skip the character
      ++i;
      continue;
    }
    AuthChallenge challenge{std::string(scheme), {}};
    while (true) {
      skipSeparators();
      const std::size_t paramStart = i;
      const std::string_view name = readToken();
      skipSpaces();
      if (name.empty() || i >= v.size() || v[i] != '=') {
        i = paramStart;  // the next challenge's scheme (or the end)
        break;
      }
      ++i;
      skipSpaces();
      std::string value;
      if (i < v.size() && v[i] == '"') {
        for (++i; i < v.size() && v[i] != '"'; ++i) {
          if (v[i] == '\\' && i + 1 < v.size()) ++i;
          value += v[i];
        }
        if (i < v.size()) ++i;  // closing quote
      } else {
        while (i < v.size() && v[i] != ',' && v[i] != ' ' && v[i] != '\t') value += v[i++];
      }
      challenge.params.emplace_back(lower(name), std::move(value));
    }
    challenges.push_back(std::move(challenge));
  }
  return challenges;
}

std::optional<DigestChallenge> DigestChallenge::from(const AuthChallenge& challenge) {
  if (!equalsIgnoreCase(challenge.scheme, "Digest") || !challenge.hasParam("nonce")) return std::nullopt;
  DigestChallenge digest;
  digest.realm = challenge.param("realm");
  digest.nonce = challenge.param("nonce");
  if (challenge.hasParam("opaque")) digest.opaque = challenge.param("opaque");
  digest.stale = equalsIgnoreCase(challenge.param("stale"), "true");
  digest.algorithmName = challenge.param("algorithm");
  const std::string algorithm = lower(digest.algorithmName);
  if (algorithm.empty() || algorithm == "md5") {
    digest.algorithm = DigestAlgorithm::Md5;
  } else if (algorithm == "md5-sess") {
    digest.algorithm = DigestAlgorithm::Md5Sess;
  } else if (algorithm == "sha-256") {
    digest.algorithm = DigestAlgorithm::Sha256;
  } else if (algorithm == "sha-256-sess") {
    digest.algorithm = DigestAlgorithm::Sha256Sess;
  } else {
    return std::nullopt;  // SHA-512-256 and unknown algorithms
  }
  if (challenge.hasParam("qop")) {
    bool auth = false, authInt = false;
    const std::string qop = challenge.param("qop");
    std::string_view offered = qop;
    while (!offered.empty()) {
      const auto comma = offered.find(',');
      std::string_view option = offered.substr(0, comma);
      while (!option.empty() && option.front() == ' ') option.remove_prefix(1);
      while (!option.empty() && option.back() == ' ') option.remove_suffix(1);
      if (equalsIgnoreCase(option, "auth")) auth = true;
      if (equalsIgnoreCase(option, "auth-int")) authInt = true;
      offered = comma == std::string_view::npos ? std::string_view{} : offered.substr(comma + 1);
    }
    if (!auth && !authInt) return std::nullopt;
    digest.qop = auth ? DigestQop::Auth : DigestQop::AuthInt;
  }
  return digest;
}

std::string digestHash(DigestAlgorithm algorithm, std::string_view data) {
  const EVP_MD* md =
      algorithm == DigestAlgorithm::Md5 || algorithm == DigestAlgorithm::Md5Sess ? EVP_md5() : EVP_sha256();
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (EVP_Digest(data.data(), data.size(), out, &size, md, nullptr) != 1) {
    throw std::runtime_error("OpenSSL digest computation failed");
  }
  return hex(out, size);
}

std::string randomCnonce() {
  unsigned char bytes[16];
  if (RAND_bytes(bytes, sizeof bytes) != 1) throw std::runtime_error("OpenSSL RAND_bytes failed");
  return hex(bytes, sizeof bytes);
}

DigestAuth::DigestAuth(DigestChallenge challenge, std::string_view username, std::string_view password)
    : challenge_(std::move(challenge)), username_(username) {
  std::string a1;
  a1.append(username).append(":").append(challenge_.realm).append(":").append(password);
  credentialsHash_ = digestHash(challenge_.algorithm, a1);
  std::fill(a1.begin(), a1.end(), '\0');
}

std::string DigestAuth::authorize(std::string_view method, std::string_view uri, std::string_view body) {
  if (isSessAlgorithm(challenge_.algorithm)) {
    if (sessionCnonce_.empty()) sessionCnonce_ = randomCnonce();
    return authorize(method, uri, body, sessionCnonce_);
  }
  return authorize(method, uri, body, randomCnonce());
}

std::string DigestAuth::authorize(std::string_view method, std::string_view uri, std::string_view body,
                                  std::string_view cnonce) {
  const DigestAlgorithm alg = challenge_.algorithm;
  const bool withQop = challenge_.qop != DigestQop::None;
  // RFC 7616 §3.4.2: the -sess variants fold the nonces into A1.
  const std::string ha1 =
      isSessAlgorithm(alg)
          ? digestHash(alg, credentialsHash_ + ":" + challenge_.nonce + ":" + std::string(cnonce))
          : credentialsHash_;
  std::string a2 = std::string(method) + ":" + std::string(uri);
  if (challenge_.qop == DigestQop::AuthInt) a2 += ":" + digestHash(alg, body);
  const std::string ha2 = digestHash(alg, a2);

  char nc[9];
  std::snprintf(nc, sizeof nc, "%08x", ++nonceCount_);
  const char* qop = challenge_.qop == DigestQop::AuthInt ? "auth-int" : "auth";
  // RFC 7616 §3.4.1; without qop the RFC 2069 form H(HA1:nonce:HA2).
  const std::string response = withQop ? digestHash(alg, ha1 + ":" + challenge_.nonce + ":" + nc + ":" +
                                                             std::string(cnonce) + ":" + qop + ":" + ha2)
                                       : digestHash(alg, ha1 + ":" + challenge_.nonce + ":" + ha2);

  std::string header = "Digest username=" + quotedString(username_) + ", realm=" + quotedString(challenge_.realm) +
                       ", nonce=" + quotedString(challenge_.nonce) + ", uri=" + quotedString(uri);
  if (!challenge_.algorithmName.empty()) header += ", algorithm=" + challenge_.algorithmName;
  header += ", response=" + quotedString(response);
  if (challenge_.opaque) header += ", opaque=" + quotedString(*challenge_.opaque);
  if (withQop) header += std::string(", qop=") + qop + ", nc=" + nc + ", cnonce=" + quotedString(cnonce);
  return header;
}

}  // namespace cpemu::transport
