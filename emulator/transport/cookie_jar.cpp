#include "transport/cookie_jar.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <ctime>

#include "transport/http_headers.h"

namespace cpemu::transport {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string_view requestPath(const Url& url) {
  return std::string_view(url.target).substr(0, url.target.find('?'));
}

// RFC 6265 §5.1.4: the directory of the request path.
std::string defaultPath(const Url& url) {
  const std::string_view path = requestPath(url);
  if (path.empty() || path.front() != '/') return "/";
  const auto lastSlash = path.rfind('/');
  return lastSlash == 0 ? "/" : std::string(path.substr(0, lastSlash));
}

// RFC 6265 §5.1.4 path-match.
bool pathMatches(std::string_view requestPath, std::string_view cookiePath) {
  if (requestPath == cookiePath) return true;
  if (requestPath.substr(0, cookiePath.size()) != cookiePath) return false;
  return cookiePath.back() == '/' || requestPath[cookiePath.size()] == '/';
}

bool isCookieDateDelimiter(unsigned char c) {
  return c == 0x09 || (c >= 0x20 && c <= 0x2f) || (c >= 0x3b && c <= 0x40) || (c >= 0x5b && c <= 0x60) ||
         (c >= 0x7b && c <= 0x7e);
}

// Leading digits of `token` (between minDigits and maxDigits of them) as a number; -1 otherwise.
int leadingNumber(std::string_view token, std::size_t minDigits, std::size_t maxDigits,
                  std::string_view* rest = nullptr) {
  std::size_t n = 0;
  int value = 0;
  while (n < token.size() && std::isdigit(static_cast<unsigned char>(token[n]))) {
    if (n == maxDigits) return -1;
    value = value * 10 + (token[n] - '0');
    ++n;
  }
  if (n < minDigits) return -1;
  if (rest) *rest = token.substr(n);
  return value;
}

bool parseTime(std::string_view token, int* hour, int* minute, int* second) {
  std::string_view rest;
  int h = leadingNumber(token, 1, 2, &rest);
  if (h < 0 || rest.empty() || rest.front() != ':') return false;
  int m = leadingNumber(rest.substr(1), 1, 2, &rest);
  if (m < 0 || rest.empty() || rest.front() != ':') return false;
  int s = leadingNumber(rest.substr(1), 1, 2, &rest);
  if (s < 0 || (!rest.empty() && std::isdigit(static_cast<unsigned char>(rest.front())))) return false;
  *hour = h;
  *minute = m;
  *second = s;
  return true;
}

int monthIndex(std::string_view token) {
  static constexpr std::array<std::string_view, 12> kMonths = {"jan", "feb", "mar", "apr", "may", "jun",
                                                               "jul", "aug", "sep", "oct", "nov", "dec"};
  if (token.size() < 3) return -1;
  for (std::size_t i = 0; i < kMonths.size(); ++i)
    if (equalsIgnoreCase(token.substr(0, 3), kMonths[i])) return static_cast<int>(i);
  return -1;
}

// Longer lifetimes make no difference to a session and would overflow the clock.
constexpr long long kMaxAgeCap = 1LL << 31;

}  // namespace

std::optional<CookieJar::Clock::time_point> parseCookieDate(std::string_view text) {
  bool foundTime = false, foundDay = false, foundMonth = false, foundYear = false;
  int hour = 0, minute = 0, second = 0, day = 0, month = 0, year = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && isCookieDateDelimiter(static_cast<unsigned char>(text[i]))) ++i;
    std::size_t end = i;
    while (end < text.size() && !isCookieDateDelimiter(static_cast<unsigned char>(text[end]))) ++end;
    const std::string_view token = text.substr(i, end - i);
    i = end;
    if (token.empty()) continue;
    int value = 0;
    if (!foundTime && parseTime(token, &hour, &minute, &second)) {
      foundTime = true;
    } else if (!foundDay && (value = leadingNumber(token, 1, 2)) >= 0) {
      foundDay = true;
      day = value;
    } else if (!foundMonth && (value = monthIndex(token)) >= 0) {
      foundMonth = true;
      month = value;
    } else if (!foundYear && (value = leadingNumber(token, 2, 4)) >= 0) {
      foundYear = true;
      year = value;
    }
  }
  if (!foundTime || !foundDay || !foundMonth || !foundYear) return std::nullopt;
  if (year >= 70 && year <= 99) year += 1900;
  if (year >= 0 && year <= 69) year += 2000;
  if (day < 1 || day > 31 || year < 1601 || hour > 23 || minute > 59 || second > 59) return std::nullopt;
  std::tm tm{};
  tm.tm_year = year - 1900;
  tm.tm_mon = month;
  tm.tm_mday = day;
  tm.tm_hour = hour;
  tm.tm_min = minute;
  tm.tm_sec = second;
  return CookieJar::Clock::from_time_t(timegm(&tm));
}

void CookieJar::store(std::string_view setCookie, const Url& requestUrl, Clock::time_point now) {
  const auto firstSemicolon = setCookie.find(';');
  const std::string_view pair = setCookie.substr(0, firstSemicolon);
  const auto equals = pair.find('=');
  if (equals == std::string_view::npos) return;  // RFC 6265 §5.2: ignore the whole header
  Cookie cookie;
  cookie.name = std::string(trim(pair.substr(0, equals)));
  cookie.value = std::string(trim(pair.substr(equals + 1)));
  if (cookie.name.empty()) return;
  cookie.path = defaultPath(requestUrl);

  std::optional<Clock::time_point> expires;
  std::optional<Clock::time_point> maxAgeExpiry;  // Max-Age wins over Expires (§5.3 step 3)
  std::string_view attributes =
      firstSemicolon == std::string_view::npos ? std::string_view{} : setCookie.substr(firstSemicolon + 1);
  while (!attributes.empty()) {
    const auto semicolon = attributes.find(';');
    const std::string_view attribute = attributes.substr(0, semicolon);
    attributes = semicolon == std::string_view::npos ? std::string_view{} : attributes.substr(semicolon + 1);
    const auto eq = attribute.find('=');
    const std::string_view name = trim(attribute.substr(0, eq));
    const std::string_view value =
        eq == std::string_view::npos ? std::string_view{} : trim(attribute.substr(eq + 1));
    if (equalsIgnoreCase(name, "path")) {
      cookie.path = !value.empty() && value.front() == '/' ? std::string(value) : defaultPath(requestUrl);
    } else if (equalsIgnoreCase(name, "secure")) {
      cookie.secure = true;
    } else if (equalsIgnoreCase(name, "expires")) {
      if (auto date = parseCookieDate(value)) expires = date;
    } else if (equalsIgnoreCase(name, "max-age")) {
      std::string_view digits = value;
      const bool negative = !digits.empty() && digits.front() == '-';
      if (negative) digits.remove_prefix(1);
      if (digits.empty() ||
          !std::all_of(digits.begin(), digits.end(), [](unsigned char c) { return std::isdigit(c); }))
        continue;
      long long seconds = 0;
      for (char c : digits) seconds = std::min<long long>(seconds * 10 + (c - '0'), kMaxAgeCap);
      maxAgeExpiry =
          negative || seconds == 0 ? Clock::time_point::min() : now + std::chrono::seconds(seconds);
    }
  }
  cookie.expires = maxAgeExpiry ? maxAgeExpiry : expires;

  auto existing = std::find_if(cookies_.begin(), cookies_.end(), [&](const Cookie& c) {
    return c.name == cookie.name && c.path == cookie.path;
  });
  const bool deletes = cookie.expires && *cookie.expires <= now;
  if (existing != cookies_.end()) {
    if (deletes) {
      cookies_.erase(existing);
    } else {
      cookie.created = existing->created;  // §5.3 step 11.3: a replaced cookie keeps its creation time
      *existing = std::move(cookie);
    }
    return;
  }
  if (deletes) return;
  cookie.created = nextCreated_++;
  cookies_.push_back(std::move(cookie));
}

std::string CookieJar::cookieHeader(const Url& url, Clock::time_point now) const {
  std::vector<const Cookie*> matching;
  for (const auto& c : cookies_) {
    if (c.expires && *c.expires <= now) continue;
    if (c.secure && !url.https()) continue;
    if (!pathMatches(requestPath(url), c.path)) continue;
    matching.push_back(&c);
  }
  std::sort(matching.begin(), matching.end(), [](const Cookie* a, const Cookie* b) {
    if (a->path.size() != b->path.size()) return a->path.size() > b->path.size();
    return a->created < b->created;
  });
  std::string header;
  for (const Cookie* c : matching) {
    if (!header.empty()) header += "; ";
    header += c->name + "=" + c->value;
  }
  return header;
}

}  // namespace cpemu::transport
