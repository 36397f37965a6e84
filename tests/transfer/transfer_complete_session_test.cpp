// How a session delivers TransferComplete (TR-069 A.3.3.2, §3.7.1.2, A.2.2.2 HoldRequests), against a
// scripted fake ACS that checks the order of the CPE's POSTs: after the InformResponse and before the
// empty POST; after the ACS's requests when it held them; kept when the ACS answers with a fault.
#include <gtest/gtest.h>

#include <sstream>

#include "cwmp/session.h"
#include "device/device.h"
#include "support/shipped_profiles.h"
#include "transport/recording_server.h"

namespace cpemu::cwmp {
namespace {

using transport::HttpRequest;
using transport::HttpResponse;

std::string envelope(const std::string& header, const std::string& body) {
  return R"(<soap-env:Envelope xmlns:soap-env="http://schemas.xmlsoap.org/soap/envelope/" )"
         R"(xmlns:soap-enc="http://schemas.xmlsoap.org/soap/encoding/" xmlns:xsd="http://www.w3.org/2001/XMLSchema" )"
         R"(xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:cwmp="urn:dslforum-org:cwmp-1-2">)"
         "<soap-env:Header>" +
         header + "</soap-env:Header><soap-env:Body>" + body + "</soap-env:Body></soap-env:Envelope>";
}
std::string id(const std::string& value) {
  return R"(<cwmp:ID soap-env:mustUnderstand="1">)" + value + "</cwmp:ID>";
}
HttpResponse informResponse(bool hold) {
  return transport::test::okResponse(envelope(
      id("1") + (hold ? R"(<cwmp:HoldRequests soap-env:mustUnderstand="1">true</cwmp:HoldRequests>)" : ""),
      "<cwmp:InformResponse><MaxEnvelopes>1</MaxEnvelopes></cwmp:InformResponse>"));
}
HttpResponse transferCompleteResponse() {
  return transport::test::okResponse(envelope(id("tc"), "<cwmp:TransferCompleteResponse/>"));
}
HttpResponse noContent() {
  HttpResponse r;
  r.status = 204;
  return r;
}

// What each POST carried: "Inform", "TransferComplete", "GetRPCMethodsResponse", or "" for the empty POST.
std::vector<std::string> methods(const std::vector<HttpRequest>& requests) {
  std::vector<std::string> out;
  for (const auto& r : requests) {
    std::string m;
    for (const char* name : {"GetRPCMethodsResponse", "TransferComplete", "Inform"})
      if (r.body.find(std::string("<cwmp:") + name) != std::string::npos && m.empty()) m = name;
    out.push_back(r.body.empty() ? "" : m);
  }
  return out;
}

class TransferCompleteSession : public ::testing::Test {
 protected:
  TransferCompleteSession() {
    device::Transfer t;
    t.commandKey = "dl-7";
    t.fileType = "4 Tone File";
    t.url = "http://files.example/tone";
    device_.transfers().add(t);
    device::CompletedTransfer done;
    done.faultCode = 9016;
    done.faultString = "the file server answered HTTP 404";
    device_.transfers().complete(0, done);
    device_.events().add(device::event::TransferComplete);
    device_.events().add(device::event::MDownload, "dl-7");
  }
  SessionOutcome runAgainst(transport::test::RecordingServer& acs) {
    auto http = transport::openHttpSession(acs.url(), {});
    return CwmpSession(device_, *http, logger_, {}).run(0);
  }

  device::Device device_{test::shippedProfile("gateway.yaml"), 1};
  std::ostringstream log_;
  log::Logger logger_{log_, log::Level::Info};
};

TEST_F(TransferCompleteSession, GoesAfterTheInformResponseAndBeforeTheEmptyPost) {
  transport::test::RecordingServer acs([](const HttpRequest&, std::size_t i) {
    return i == 0 ? informResponse(false) : i == 1 ? transferCompleteResponse() : noContent();
  });
  auto outcome = runAgainst(acs);
  ASSERT_TRUE(outcome.ok) << outcome.error;
  EXPECT_EQ(methods(acs.requests()), (std::vector<std::string>{"Inform", "TransferComplete", ""}));
  const std::string tc = acs.requests()[1].body;
  EXPECT_NE(tc.find("<CommandKey>dl-7</CommandKey>"), std::string::npos) << tc;
  EXPECT_NE(tc.find("<FaultCode>9016</FaultCode>"), std::string::npos) << tc;
  EXPECT_NE(tc.find("<FaultString>File transfer failure: unable to access file: the file server answered "
                    "HTTP 404</FaultString>"),
            std::string::npos)
      << tc;
  EXPECT_TRUE(device_.transfers().completed().empty());
  EXPECT_TRUE(device_.events().empty());  // 7 TRANSFER COMPLETE and M Download were delivered by the response
}

TEST_F(TransferCompleteSession, WithHoldRequestsWaitsUntilTheAcsStopsHolding) {
  transport::test::RecordingServer acs([](const HttpRequest&, std::size_t i) {
    switch (i) {
      case 0:
        return informResponse(true);
      case 1:
        return transport::test::okResponse(envelope(id("acs-1"), "<cwmp:GetRPCMethods/>"));
      case 2:
        return noContent();  // no more requests: the hold is over
      case 3:
        return transferCompleteResponse();
      default:
        return noContent();
    }
  });
  auto outcome = runAgainst(acs);
  ASSERT_TRUE(outcome.ok) << outcome.error;
  EXPECT_EQ(methods(acs.requests()),
            (std::vector<std::string>{"Inform", "", "GetRPCMethodsResponse", "TransferComplete", ""}));
  EXPECT_TRUE(device_.transfers().completed().empty());
}

TEST_F(TransferCompleteSession, AFaultFromTheAcsFailsTheSessionAndKeepsEverything) {
  transport::test::RecordingServer acs([](const HttpRequest&, std::size_t i) {
    if (i == 0) return informResponse(false);
    return transport::test::okResponse(envelope(
        id("tc"),
        "<soap-env:Fault><faultcode>Server</faultcode><faultstring>CWMP fault</faultstring><detail>"
        "<cwmp:Fault><FaultCode>8005</FaultCode><FaultString>Retry request</FaultString></cwmp:Fault>"
        "</detail></soap-env:Fault>"));
  });
  auto outcome = runAgainst(acs);
  EXPECT_FALSE(outcome.ok);
  EXPECT_NE(outcome.error.find("8005"), std::string::npos) << outcome.error;
  EXPECT_EQ(device_.transfers().completed().size(), 1u);
  EXPECT_TRUE(device_.events().contains(device::event::TransferComplete));
  EXPECT_TRUE(device_.events().contains(device::event::MDownload));
}

}  // namespace
}  // namespace cpemu::cwmp
