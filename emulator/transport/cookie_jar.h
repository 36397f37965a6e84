// The cookies an ACS sets during one CWMP session (TR-069 A6 §3.4.2: the CPE returns them on every later
// request of the session). A subset of RFC 6265: name=value, Path, Expires and Max-Age (a past date or
// Max-Age<=0 deletes), Secure (sent over https only). Domain is not checked: a jar lives for one session,
// whose cookies all go back to the ACS, also after a redirect (§3.4.5).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "transport/url.h"

namespace cpemu::transport {

class CookieJar {
 public:
  using Clock = std::chrono::system_clock;

  // Applies one Set-Cookie header value from the response to a request for `requestUrl`.
  void store(std::string_view setCookie, const Url& requestUrl, Clock::time_point now = Clock::now());

  // The Cookie header value for a request to `url`, "" when no cookie applies (RFC 6265 §5.4: longer
  // paths first, then older cookies first).
  std::string cookieHeader(const Url& url, Clock::time_point now = Clock::now()) const;

  std::size_t size() const { return cookies_.size(); }

 private:
  struct Cookie {
    std::string name;
    std::string value;
    std::string path;
    std::optional<Clock::time_point> expires;  // none: lives as long as the session
    bool secure = false;
    std::uint64_t created = 0;  // order of creation
  };

  std::vector<Cookie> cookies_;
  std::uint64_t nextCreated_ = 0;
};

// RFC 6265 §5.1.1 cookie-date parsing ("Wed, 21 Oct 2015 07:28:00 GMT" and the older forms).
std::optional<CookieJar::Clock::time_point> parseCookieDate(std::string_view text);

}  // namespace cpemu::transport
