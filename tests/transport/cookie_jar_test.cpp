// The session's cookie jar (TR-069 A6 §3.4.2, RFC 6265 subset), with the clock passed in.
#include <gtest/gtest.h>

#include "transport/cookie_jar.h"

namespace cpemu::transport {
namespace {

using Clock = CookieJar::Clock;
using std::chrono::seconds;

Url url(std::string_view text) {
  return std::get<Url>(parseUrl(text));
}

const Clock::time_point kNow = Clock::from_time_t(1767225600);  // 2026-01-01T00:00:00Z

TEST(CookieJar, AllCookiesOfTheSessionGoBackInCreationOrder) {
  CookieJar jar;
  jar.store("JSESSIONID=abc; Path=/; HttpOnly", url("http://acs/acs"), kNow);
  jar.store("lb=node7", url("http://acs/acs"), kNow);
  jar.store("quoted=\"a b\"", url("http://acs/acs"), kNow);

  EXPECT_EQ(jar.cookieHeader(url("http://acs/acs"), kNow), "JSESSIONID=abc; lb=node7; quoted=\"a b\"");
  EXPECT_EQ(jar.size(), 3u);
}

TEST(CookieJar, SameNameAndPathReplacesTheValue) {
  CookieJar jar;
  jar.store("a=1", url("http://acs/acs"), kNow);
  jar.store("b=2", url("http://acs/acs"), kNow);
  jar.store("a=3", url("http://acs/acs"), kNow);

  EXPECT_EQ(jar.cookieHeader(url("http://acs/acs"), kNow), "a=3; b=2");
}

TEST(CookieJar, MaxAgeZeroOrAPastExpiresDeletes) {
  CookieJar jar;
  jar.store("a=1", url("http://acs/acs"), kNow);
  jar.store("b=2", url("http://acs/acs"), kNow);
  jar.store("c=3", url("http://acs/acs"), kNow);
  jar.store("a=; Max-Age=0", url("http://acs/acs"), kNow);
  jar.store("b=gone; Expires=Thu, 01 Jan 1970 00:00:00 GMT", url("http://acs/acs"), kNow);

  EXPECT_EQ(jar.cookieHeader(url("http://acs/acs"), kNow), "c=3");
  EXPECT_EQ(jar.size(), 1u);
}

TEST(CookieJar, MaxAgeAndExpiresLimitTheLifetime) {
  CookieJar jar;
  jar.store("short=1; Max-Age=60", url("http://acs/"), kNow);
  jar.store("dated=1; Expires=Thu, 01 Jan 2026 00:02:00 GMT", url("http://acs/"), kNow);
  // Max-Age wins over Expires, whatever their order.
  jar.store("both=1; Max-Age=600; Expires=Thu, 01 Jan 1970 00:00:00 GMT", url("http://acs/"), kNow);

  EXPECT_EQ(jar.cookieHeader(url("http://acs/"), kNow + seconds(30)), "short=1; dated=1; both=1");
  EXPECT_EQ(jar.cookieHeader(url("http://acs/"), kNow + seconds(90)), "dated=1; both=1");
  EXPECT_EQ(jar.cookieHeader(url("http://acs/"), kNow + seconds(300)), "both=1");
}

TEST(CookieJar, PathLimitsWhereACookieGoes) {
  CookieJar jar;
  jar.store("root=1; Path=/", url("http://acs/cwmp/acs"), kNow);
  jar.store("cwmp=1; Path=/cwmp", url("http://acs/cwmp/acs"), kNow);
  jar.store("implicit=1", url("http://acs/cwmp/acs"), kNow);  // default path: /cwmp
  jar.store("other=1; Path=/other", url("http://acs/cwmp/acs"), kNow);

  EXPECT_EQ(jar.cookieHeader(url("http://acs/cwmp/acs?x=1"), kNow), "cwmp=1; implicit=1; root=1");
  EXPECT_EQ(jar.cookieHeader(url("http://acs/cwmpx"), kNow), "root=1");
  EXPECT_EQ(jar.cookieHeader(url("http://acs/other/a"), kNow), "other=1; root=1");
}

TEST(CookieJar, SecureCookiesGoOverHttpsOnly) {
  CookieJar jar;
  jar.store("s=1; Secure", url("https://acs/"), kNow);
  jar.store("p=1", url("https://acs/"), kNow);

  EXPECT_EQ(jar.cookieHeader(url("https://acs/"), kNow), "s=1; p=1");
  EXPECT_EQ(jar.cookieHeader(url("http://acs/"), kNow), "p=1");
}

TEST(CookieJar, MalformedSetCookieIsIgnored) {
  CookieJar jar;
  jar.store("no-equals-sign", url("http://acs/"), kNow);
  jar.store("=value-without-name", url("http://acs/"), kNow);
  jar.store("ok=1; Max-Age=soon; Expires=not a date", url("http://acs/"), kNow);

  EXPECT_EQ(jar.cookieHeader(url("http://acs/"), kNow), "ok=1");
}

TEST(CookieJar, CookieDatesInTheUsualForms) {
  const auto expected = Clock::from_time_t(1445412480);  // 2015-10-21T07:28:00Z
  EXPECT_EQ(parseCookieDate("Wed, 21 Oct 2015 07:28:00 GMT"), expected);
  EXPECT_EQ(parseCookieDate("Wednesday, 21-Oct-15 07:28:00 GMT"), expected);
  EXPECT_EQ(parseCookieDate("Wed Oct 21 07:28:00 2015"), expected);
  EXPECT_FALSE(parseCookieDate("21 Oct 2015"));
  EXPECT_FALSE(parseCookieDate("Wed, 32 Oct 2015 07:28:00 GMT"));
}

}  // namespace
}  // namespace cpemu::transport
