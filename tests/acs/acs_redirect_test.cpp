// The redirect option: each CPE's first Inform is answered with 302/307 and a Location, to test the
// CPE's redirect handling (TR-069 A6 §3.4.5).
#include <gtest/gtest.h>

#include "acs/acs_server.h"
#include "fake_cpe.h"
#include "raw_http_connection.h"

namespace cpemu::acs {
namespace {

using test::FakeCpe;
using test::SoapView;

class AcsRedirectTest : public ::testing::TestWithParam<int> {};

TEST_P(AcsRedirectTest, FirstInformIsRedirected_AndTheSessionContinuesAtTheLocation) {
  AcsServer target;
  target.setScript(parseAcsScript("sessions:\n  - rpcs: [Reboot]\n", "target.yaml"));
  target.start("127.0.0.1", 0);

  AcsOptions options;
  options.redirect = RedirectOptions{GetParam(), target.url() + "/moved"};
  AcsServer origin(options);
  const auto originPort = origin.start("127.0.0.1", 0);

  // What the origin answers, on the wire.
  {
    test::RawHttpConnection raw(originPort);
    const auto response = raw.post("/acs", test::informXml({}));
    EXPECT_EQ(response.status, GetParam());
    EXPECT_EQ(response.header("Location"), target.url() + "/moved");
  }

  // A real HTTP session follows it for the rest of the session (a CPE with another serial: the first
  // Inform of each CPE is redirected).
  FakeCpe cpe(origin.url());
  test::InformSpec spec;
  spec.serial = "GW-REDIRECTED";
  ASSERT_EQ(cpe.inform(spec).status, 200);
  EXPECT_EQ(cpe.currentUrl(), target.url() + "/moved");
  const auto rpc = cpe.emptyPost();
  ASSERT_EQ(rpc.status, 200);
  EXPECT_EQ(cpe.post(test::responseXml("RebootResponse", SoapView(rpc.body).id())).status, 204);

  ASSERT_TRUE(target.waitForSessions(1, std::chrono::seconds(10)));
  const auto sessions = target.sessions();
  ASSERT_EQ(sessions.size(), 1u);
  EXPECT_EQ(sessions[0].deviceId.serialNumber, "GW-REDIRECTED");
  EXPECT_EQ(sessions[0].path, "/acs/moved");
  EXPECT_TRUE(origin.sessions().empty());

  // The CPE's next session comes back to the origin, which now serves it.
  FakeCpe again(origin.url());
  ASSERT_EQ(again.inform(spec).status, 200);
  EXPECT_EQ(again.currentUrl(), origin.url());
  EXPECT_EQ(again.emptyPost().status, 204);
  EXPECT_EQ(origin.sessions().size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Statuses, AcsRedirectTest, ::testing::Values(302, 307),
                         [](const ::testing::TestParamInfo<int>& param) {
                           return "Status" + std::to_string(param.param);
                         });

}  // namespace
}  // namespace cpemu::acs
