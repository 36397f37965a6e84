#include "acs/http_authenticator.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <cctype>
#include <cstdio>
#include <map>

namespace cpemu::acs {
namespace {

constexpr std::size_t kMaxTrackedNonces = 100000;

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool constantTimeEquals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string randomHex(std::mt19937_64& random, int words) {
  std::string out;
  char buf[17];
  for (int i = 0; i < words; ++i) {
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(random()));
    out += buf;
  }
  return out;
}

std::optional<std::string> base64Decode(std::string_view in) {
  auto value = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  std::size_t i = 0;
  for (; i < in.size() && in[i] != '='; ++i) {
    const int v = value(in[i]);
    if (v < 0) return std::nullopt;
    buffer = (buffer << 6) | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  for (; i < in.size(); ++i)
    if (in[i] != '=') return std::nullopt;
  return out;
}

// Parses the comma-separated auth-params of an Authorization header (RFC 2617 §1.2): name=token or
// name="quoted string" with backslash escapes.
std::map<std::string, std::string> parseAuthParams(std::string_view s) {
  std::map<std::string, std::string> out;
  std::size_t i = 0;
  auto skipSpace = [&] {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == ',')) ++i;
  };
  while (true) {
    skipSpace();
    if (i >= s.size()) break;
    const std::size_t nameStart = i;
    while (i < s.size() && s[i] != '=' && s[i] != ',' && s[i] != ' ') ++i;
    const std::string name = lower(s.substr(nameStart, i - nameStart));
    while (i < s.size() && s[i] == ' ') ++i;
    if (i >= s.size() || s[i] != '=') {
      out[name] = "";
      continue;
    }
    ++i;
    while (i < s.size() && s[i] == ' ') ++i;
    std::string value;
    if (i < s.size() && s[i] == '"') {
      ++i;
      while (i < s.size() && s[i] != '"') {
        if (s[i] == '\\' && i + 1 < s.size()) ++i;
        value += s[i++];
      }
      ++i;  // closing quote
    } else {
      while (i < s.size() && s[i] != ',' && s[i] != ' ') value += s[i++];
    }
    out[name] = value;
  }
  return out;
}

// The part of a request-URI that identifies the resource: "/acs?x" from "http://host:1/acs?x".
std::string resourceOf(std::string_view uri) {
  const auto scheme = uri.find("://");
  if (scheme == std::string_view::npos) return std::string(uri);
  const auto slash = uri.find('/', scheme + 3);
  return slash == std::string_view::npos ? "/" : std::string(uri.substr(slash));
}

}  // namespace

std::optional<AuthScheme> authSchemeFromName(std::string_view name) {
  const std::string n = lower(name);
  if (n == "none") return AuthScheme::None;
  if (n == "basic") return AuthScheme::Basic;
  if (n == "digest") return AuthScheme::Digest;
  return std::nullopt;
}

std::string_view authSchemeName(AuthScheme scheme) {
  switch (scheme) {
    case AuthScheme::None:
      return "none";
    case AuthScheme::Basic:
      return "basic";
    case AuthScheme::Digest:
      return "digest";
  }
  return "none";
}

HttpAuthenticator::HttpAuthenticator(AuthOptions options)
    : options_(std::move(options)), random_(std::random_device{}()) {
  opaque_ = randomHex(random_, 2);
}

std::string HttpAuthenticator::md5Hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(data.data(), data.size(), digest, &length, EVP_md5(), nullptr);
  std::string out;
  char buf[3];
  for (unsigned i = 0; i < length; ++i) {
    std::snprintf(buf, sizeof buf, "%02x", digest[i]);
    out += buf;
  }
  return out;
}

std::string HttpAuthenticator::digestResponse(std::string_view username, std::string_view realm,
                                              std::string_view password, std::string_view method,
                                              std::string_view uri, std::string_view nonce,
                                              std::string_view nc, std::string_view cnonce) {
  const std::string ha1 =
      md5Hex(std::string(username) + ":" + std::string(realm) + ":" + std::string(password));
  const std::string ha2 = md5Hex(std::string(method) + ":" + std::string(uri));
  return md5Hex(ha1 + ":" + std::string(nonce) + ":" + std::string(nc) + ":" + std::string(cnonce) +
                ":auth:" + ha2);
}

std::string HttpAuthenticator::issueNonce() {
  std::lock_guard lock(mutex_);
  forgetExpiredNonces();
  std::string nonce = randomHex(random_, 2);
  nonces_[nonce] = {options_.clock(), 0};
  return nonce;
}

void HttpAuthenticator::forgetExpiredNonces() {
  const auto now = options_.clock();
  for (auto it = nonces_.begin(); it != nonces_.end();) {
    it = now - it->second.issued > options_.nonceLifetime ? nonces_.erase(it) : std::next(it);
  }
  // Bounded memory even when clients never come back with their nonce.
  while (nonces_.size() >= kMaxTrackedNonces) {
    auto oldest = nonces_.begin();
    for (auto it = nonces_.begin(); it != nonces_.end(); ++it)
      if (it->second.issued < oldest->second.issued) oldest = it;
    nonces_.erase(oldest);
  }
}

transport::HttpResponse HttpAuthenticator::challenge(bool stale) {
  transport::HttpResponse response;
  response.status = 401;
  if (options_.scheme == AuthScheme::Basic) {
    response.headers.push_back({"WWW-Authenticate", "Basic realm=\"" + options_.realm + "\""});
  } else {
    std::string nonce = randomHex(random_, 2);
    forgetExpiredNonces();
    nonces_[nonce] = {options_.clock(), 0};
    std::string value = "Digest realm=\"" + options_.realm + "\", qop=\"auth\", nonce=\"" + nonce +
                        "\", opaque=\"" + opaque_ + "\", algorithm=MD5";
    if (stale) value += ", stale=true";
    response.headers.push_back({"WWW-Authenticate", value});
  }
  response.headers.push_back({"Content-Type", "text/plain"});
  response.body = "authentication required\n";
  return response;
}

HttpAuthenticator::Result HttpAuthenticator::check(const transport::HttpRequest& request) {
  if (options_.scheme == AuthScheme::None) return {true, "", std::nullopt};
  std::lock_guard lock(mutex_);
  return options_.scheme == AuthScheme::Basic ? checkBasic(request) : checkDigest(request);
}

HttpAuthenticator::Result HttpAuthenticator::checkBasic(const transport::HttpRequest& request) {
  const std::string header = request.header("Authorization");
  if (lower(header.substr(0, 6)) != "basic ") return {false, "no basic credentials", challenge(false)};
  const auto decoded = base64Decode(header.substr(6));
  if (!decoded) return {false, "malformed basic credentials", challenge(false)};
  const std::string expected = options_.username + ":" + options_.password;
  if (!constantTimeEquals(*decoded, expected)) return {false, "wrong username or password", challenge(false)};
  return {true, "", std::nullopt};
}

HttpAuthenticator::Result HttpAuthenticator::checkDigest(const transport::HttpRequest& request) {
  const std::string header = request.header("Authorization");
  if (lower(header.substr(0, 7)) != "digest ") return {false, "no digest credentials", challenge(false)};
  auto params = parseAuthParams(std::string_view(header).substr(7));
  for (const char* required : {"username", "realm", "nonce", "uri", "response", "qop", "nc", "cnonce"})
    if (!params.count(required)) return {false, std::string("digest without ") + required, challenge(false)};

  if (params["username"] != options_.username) return {false, "unknown user", challenge(false)};
  if (params["realm"] != options_.realm) return {false, "wrong realm", challenge(false)};
  if (lower(params["qop"]) != "auth") return {false, "qop other than auth", challenge(false)};
  if (params.count("algorithm") && lower(params["algorithm"]) != "md5")
    return {false, "algorithm other than MD5", challenge(false)};

  // RFC 2617 §3.2.2.5: the digest-uri must name the requested resource.
  const std::string target = request.path + (request.query.empty() ? "" : "?" + request.query);
  if (resourceOf(params["uri"]) != target && resourceOf(params["uri"]) != request.path)
    return {false, "digest uri does not match the request", challenge(false)};

  const std::string expected =
      digestResponse(params["username"], options_.realm, options_.password, request.method, params["uri"],
                     params["nonce"], params["nc"], params["cnonce"]);
  if (!constantTimeEquals(lower(params["response"]), expected))
    return {false, "wrong username or password", challenge(false)};

  // The credentials are right; now the nonce must be one we issued, still fresh, with a rising count.
  auto it = nonces_.find(params["nonce"]);
  if (it == nonces_.end() || options_.clock() - it->second.issued > options_.nonceLifetime) {
    if (it != nonces_.end()) nonces_.erase(it);
    return {false, "stale nonce", challenge(true)};
  }
  std::uint64_t nc = 0;
  try {
    nc = std::stoull(params["nc"], nullptr, 16);
  } catch (const std::exception&) {
    return {false, "malformed nonce count", challenge(false)};
  }
  if (nc <= it->second.lastNonceCount) return {false, "replayed nonce count", challenge(false)};
  it->second.lastNonceCount = nc;
  return {true, "", std::nullopt};
}

}  // namespace cpemu::acs
