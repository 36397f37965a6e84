// Several CPEs talking to one ACS at once: each session keeps its own cookie, script entry and record.
#include <gtest/gtest.h>

#include <thread>

#include "acs/acs_server.h"
#include "fake_cpe.h"

namespace cpemu::acs {
namespace {

using test::FakeCpe;
using test::InformSpec;
using test::SoapView;

InformSpec cpeWithSerial(const std::string& serial) {
  InformSpec spec;
  spec.serial = serial;
  spec.id = "inform-" + serial;
  return spec;
}

const SessionRecord* sessionOf(const std::vector<SessionRecord>& sessions, const std::string& serial) {
  for (const auto& s : sessions)
    if (s.deviceId.serialNumber == serial) return &s;
  return nullptr;
}

TEST(AcsParallelCpesTest, TwoInterleavedCpes_GetTheirOwnSessionsAndScriptEntries) {
  AcsServer acs;
  acs.setScript(parseAcsScript(R"(
sessions:
  - match: {serial: CPE-A}
    rpcs:
      - GetParameterValues: [Device.DeviceInfo.SoftwareVersion]
      - Reboot: {CommandKey: a}
  - match: {serial: CPE-B}
    rpcs:
      - GetParameterNames: {ParameterPath: Device., NextLevel: true}
)",
                               "parallel.yaml"));
  acs.start("127.0.0.1", 0);

  FakeCpe a(acs.url());
  FakeCpe b(acs.url());
  ASSERT_EQ(a.inform(cpeWithSerial("CPE-A")).status, 200);
  ASSERT_EQ(b.inform(cpeWithSerial("CPE-B")).status, 200);

  const SoapView aFirst(a.emptyPost().body);
  const SoapView bFirst(b.emptyPost().body);
  EXPECT_EQ(aFirst.method(), "GetParameterValues");
  EXPECT_EQ(bFirst.method(), "GetParameterNames");
  EXPECT_EQ(bFirst.text("//NextLevel"), "true");

  // B finishes while A is mid-session.
  EXPECT_EQ(b.post(test::responseXml("GetParameterNamesResponse", bFirst.id(),
                                     "<ParameterList SOAP-ENC:arrayType=\"cwmp:ParameterInfoStruct[0]\"/>"))
                .status,
            204);
  const SoapView aSecond(
      a.post(test::getParameterValuesResponseXml(aFirst.id(), {{"Device.DeviceInfo.SoftwareVersion", "A"}}))
          .body);
  EXPECT_EQ(aSecond.method(), "Reboot");
  EXPECT_EQ(aSecond.text("//CommandKey"), "a");
  EXPECT_EQ(a.post(test::responseXml("RebootResponse", aSecond.id())).status, 204);

  ASSERT_TRUE(acs.waitForSessions(2, std::chrono::seconds(10)));
  const auto sessions = acs.sessions();
  ASSERT_EQ(sessions.size(), 2u);
  const SessionRecord* sa = sessionOf(sessions, "CPE-A");
  const SessionRecord* sb = sessionOf(sessions, "CPE-B");
  ASSERT_TRUE(sa && sb);
  EXPECT_EQ(sa->scriptEntry, 0);
  EXPECT_EQ(sb->scriptEntry, 1);
  ASSERT_EQ(sa->exchanges.size(), 2u);
  EXPECT_EQ(sa->exchanges[0].responseParameters.at(0).value, "A");
  EXPECT_EQ(sa->exchanges[1].responseMethod, "RebootResponse");
  ASSERT_EQ(sb->exchanges.size(), 1u);
  EXPECT_EQ(sb->exchanges[0].responseMethod, "GetParameterNamesResponse");
  EXPECT_TRUE(sa->completed && sb->completed);
}

TEST(AcsParallelCpesTest, ManyCpesOnThreads_EachCompleteTheirScript) {
  constexpr int kCpes = 8;
  AcsServer acs;
  acs.setScript(parseAcsScript("default:\n  rpcs: [GetRPCMethods, Reboot]\n", "threads.yaml"));
  acs.start("127.0.0.1", 0);

  std::vector<std::string> failures(kCpes);
  std::vector<std::thread> threads;
  for (int i = 0; i < kCpes; ++i) {
    threads.emplace_back([&, i] {
      try {
        FakeCpe cpe(acs.url());
        const std::string serial = "THREAD-" + std::to_string(i);
        if (cpe.inform(cpeWithSerial(serial)).status != 200) throw std::runtime_error("inform");
        auto response = cpe.emptyPost();
        int rpcs = 0;
        while (response.status == 200) {
          const SoapView view(response.body);
          response = cpe.post(test::responseXml(view.method() + "Response", view.id()));
          ++rpcs;
        }
        if (response.status != 204 || rpcs != 2)
          throw std::runtime_error("ended with " + std::to_string(response.status) + " after " +
                                   std::to_string(rpcs) + " RPCs");
      } catch (const std::exception& e) {
        failures[static_cast<std::size_t>(i)] = e.what();
      }
    });
  }
  for (auto& t : threads) t.join();
  for (int i = 0; i < kCpes; ++i) EXPECT_EQ(failures[static_cast<std::size_t>(i)], "") << "CPE " << i;

  ASSERT_TRUE(acs.waitForSessions(kCpes, std::chrono::seconds(10)));
  const auto sessions = acs.sessions();
  ASSERT_EQ(sessions.size(), static_cast<std::size_t>(kCpes));
  for (const auto& s : sessions) {
    EXPECT_TRUE(s.completed) << s.deviceId.serialNumber;
    ASSERT_EQ(s.exchanges.size(), 2u) << s.deviceId.serialNumber;
    EXPECT_EQ(s.exchanges[0].responseMethod, "GetRPCMethodsResponse");
    EXPECT_EQ(s.exchanges[1].responseMethod, "RebootResponse");
  }
}

}  // namespace
}  // namespace cpemu::acs
