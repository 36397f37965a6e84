// Parsing the ACS URL and resolving redirect locations against it (RFC 3986).
#include <gtest/gtest.h>

#include "transport/url.h"

namespace cpemu::transport {
namespace {

Url parsed(std::string_view text) {
  auto result = parseUrl(text);
  if (auto* error = std::get_if<UrlError>(&result)) {
    ADD_FAILURE() << text << ": " << error->message;
    return {};
  }
  return std::get<Url>(result);
}

std::string errorOf(std::string_view text) {
  auto result = parseUrl(text);
  if (!std::holds_alternative<UrlError>(result)) {
    ADD_FAILURE() << text << " parsed";
    return {};
  }
  return std::get<UrlError>(result).message;
}

std::string resolved(std::string_view base, std::string_view reference) {
  auto result = resolveUrl(parsed(base), reference);
  if (auto* error = std::get_if<UrlError>(&result)) return "error: " + error->message;
  return std::get<Url>(result).toString();
}

TEST(Url, DefaultPortsFollowTheScheme) {
  EXPECT_EQ(parsed("http://acs.example.net/acs").port, 80);
  EXPECT_EQ(parsed("https://acs.example.net/acs").port, 443);
  EXPECT_EQ(parsed("HTTPS://ACS.Example.NET:7547/cwmp").port, 7547);
  EXPECT_EQ(parsed("HTTPS://ACS.Example.NET:7547/cwmp").host, "acs.example.net");
  EXPECT_EQ(parsed("HTTPS://ACS.Example.NET:7547/cwmp").scheme, "https");
}

TEST(Url, TargetKeepsPathAndQueryAndDropsTheFragment) {
  EXPECT_EQ(parsed("http://acs/cwmp/acs?id=1&x=%20#frag").target, "/cwmp/acs?id=1&x=%20");
  EXPECT_EQ(parsed("http://acs").target, "/");
  EXPECT_EQ(parsed("http://acs?x=1").target, "/?x=1");
  EXPECT_EQ(parsed("  http://acs/a  ").target, "/a");
}

TEST(Url, Ipv6LiteralsAreBracketed) {
  const Url url = parsed("http://[2001:DB8::1]:7547/acs");
  EXPECT_EQ(url.host, "2001:db8::1");
  EXPECT_EQ(url.port, 7547);
  EXPECT_TRUE(url.hostIsIpLiteral());
  EXPECT_EQ(url.authority(), "[2001:db8::1]:7547");
  EXPECT_EQ(url.toString(), "http://[2001:db8::1]:7547/acs");
  EXPECT_EQ(parsed("https://[::1]/").port, 443);
  EXPECT_EQ(parsed("https://[::1]/").toString(), "https://[::1]/");
  EXPECT_TRUE(parsed("http://192.0.2.1/").hostIsIpLiteral());
  EXPECT_FALSE(parsed("http://acs.example.net/").hostIsIpLiteral());
}

TEST(Url, UserinfoIsRejectedWithoutEchoingIt) {
  const std::string error = errorOf("http://admin:topsecret@acs.example.net/");
  EXPECT_NE(error.find("user name or password"), std::string::npos) << error;
  EXPECT_EQ(error.find("topsecret"), std::string::npos) << error;
  EXPECT_FALSE(errorOf("https://user@acs/").empty());
}

TEST(Url, InvalidUrlsAreExplained) {
  EXPECT_NE(errorOf("acs.example.net/acs").find("not an absolute"), std::string::npos);
  EXPECT_NE(errorOf("ftp://acs/").find("unsupported URL scheme 'ftp'"), std::string::npos);
  EXPECT_NE(errorOf("http:///acs").find("has no host"), std::string::npos);
  EXPECT_NE(errorOf("http://acs:0/").find("invalid port"), std::string::npos);
  EXPECT_NE(errorOf("http://acs:65536/").find("invalid port"), std::string::npos);
  EXPECT_NE(errorOf("http://acs:80x/").find("invalid port"), std::string::npos);
  EXPECT_NE(errorOf("http://[::1/").find("IPv6"), std::string::npos);
  EXPECT_NE(errorOf("http://[not-v6]/").find("IPv6"), std::string::npos);
  EXPECT_NE(errorOf("http://acs/a b").find("space"), std::string::npos);
}

TEST(Url, SameOriginComparesSchemeHostAndPort) {
  EXPECT_TRUE(parsed("http://acs/a").sameOrigin(parsed("http://ACS:80/b")));
  EXPECT_FALSE(parsed("http://acs/a").sameOrigin(parsed("https://acs:80/a")));
  EXPECT_FALSE(parsed("http://acs/a").sameOrigin(parsed("http://acs:8080/a")));
}

TEST(Url, RedirectLocationsResolveAgainstTheRequestUrl) {
  const std::string base = "http://acs.example.net:7547/cwmp/acs?old=1";
  EXPECT_EQ(resolved(base, "https://other.example/x"), "https://other.example/x");
  EXPECT_EQ(resolved(base, "//other.example:8080/x"), "http://other.example:8080/x");
  EXPECT_EQ(resolved(base, "/root?q=2"), "http://acs.example.net:7547/root?q=2");
  EXPECT_EQ(resolved(base, "node2"), "http://acs.example.net:7547/cwmp/node2");
  EXPECT_EQ(resolved(base, "../up/./x"), "http://acs.example.net:7547/up/x");
  EXPECT_EQ(resolved(base, "../../../x"), "http://acs.example.net:7547/x");
  EXPECT_EQ(resolved(base, "?new=2"), "http://acs.example.net:7547/cwmp/acs?new=2");
  EXPECT_EQ(resolved(base, "sub/"), "http://acs.example.net:7547/cwmp/sub/");
  EXPECT_EQ(resolved(base, "#frag"), base);
  EXPECT_NE(resolved(base, "ftp://x/").find("error: unsupported URL scheme"), std::string::npos);
}

}  // namespace
}  // namespace cpemu::transport
