// connection_request.rate_limit: how many Connection Requests a device honours (TR-069 §3.2.2 lets a
// CPE restrict it); beyond the bucket the server answers 503 without a session.
#include <gtest/gtest.h>

#include "profile/profile_workspace.h"

namespace cpemu::profile {
namespace {

using test::deviceModelSection;
using test::ProfileWorkspace;

TEST(ProfileConnectionRequest, RateLimitDefaultsAndOverrides) {
  ProfileWorkspace ws;
  ws.write("default.yaml", deviceModelSection() + "connection_request:\n  port: 7547\n");
  const Profile d = ws.load("default.yaml");
  // An ACS queuing tasks back to back asks once per session; the default must never refuse that.
  EXPECT_EQ(d.connectionRequest.rateBurst, 100u);
  EXPECT_EQ(d.connectionRequest.ratePeriodSeconds, 10u);
  ws.write("strict.yaml",
           deviceModelSection() + "connection_request:\n  rate_limit: {burst: 1, period: 60}\n");
  const Profile s = ws.load("strict.yaml");
  EXPECT_EQ(s.connectionRequest.rateBurst, 1u);
  EXPECT_EQ(s.connectionRequest.ratePeriodSeconds, 60u);
}

TEST(ProfileConnectionRequest, RateLimitMistakesAreNamed) {
  ProfileWorkspace ws;
  ws.write("zero.yaml", deviceModelSection() + "connection_request:\n  rate_limit: {burst: 0}\n");
  auto zero = ws.buildError("zero.yaml");
  ASSERT_TRUE(zero);
  EXPECT_NE(std::string(zero->what()).find("connection_request.rate_limit.burst"), std::string::npos) << zero->what();
  ws.write("unknown.yaml", deviceModelSection() + "connection_request:\n  rate_limit: {per_hour: 5}\n");
  auto unknown = ws.buildError("unknown.yaml");
  ASSERT_TRUE(unknown);
  EXPECT_NE(std::string(unknown->what()).find("unknown key (known: burst period)"), std::string::npos);
}

}  // namespace
}  // namespace cpemu::profile
