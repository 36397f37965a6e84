// A small libFuzzer-style loop: mutated ACS messages must never crash the decoder (the sanitizer build turns
// memory errors into failures) and must always yield a message or a CWMP fault whose reply is well-formed
// XML; random bytes in every text field must never make the encoder write a document that is not well-formed.
// Deterministic seed; bounded by a ~2 s budget and an iteration cap. Nothing here asserts on timing.
#include <libxml/parser.h>

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "codec_test_messages.h"
#include "cwmp/soap_codec.h"

namespace cpemu::cwmp {
namespace {

constexpr auto kBudget = std::chrono::milliseconds(2000);
constexpr int kMinIterations = 300;  // even on a very slow (sanitizer) build
constexpr int kMaxIterations = 200000;

bool wellFormed(const std::string& xml) {
  xmlDocPtr doc = xmlReadMemory(xml.data(), static_cast<int>(xml.size()), nullptr, nullptr,
                                XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (!doc) return false;
  xmlFreeDoc(doc);
  return true;
}

std::string acsEnvelope(const std::string& body, const std::string& header) {
  return R"(<?xml version="1.0" encoding="UTF-8"?>)"
         R"(<soap-env:Envelope xmlns:soap-enc="http://schemas.xmlsoap.org/soap/encoding/" )"
         R"(xmlns:soap-env="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsd="http://www.w3.org/2001/XMLSchema" )"
         R"(xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:cwmp="urn:dslforum-org:cwmp-1-2">)"
         "<soap-env:Header>" +
         header + "</soap-env:Header><soap-env:Body>" + body + "</soap-env:Body></soap-env:Envelope>";
}

std::vector<std::string> seedCorpus() {
  const std::string id = R"(<cwmp:ID soap-env:mustUnderstand="1">fz-1</cwmp:ID>)";
  std::vector<std::string> seeds = {
      acsEnvelope("<cwmp:GetRPCMethods/>", id),
      acsEnvelope("<cwmp:GetParameterNames><ParameterPath>Device.</ParameterPath><NextLevel>1</NextLevel>"
                  "</cwmp:GetParameterNames>",
                  id + R"(<cwmp:HoldRequests soap-env:mustUnderstand="1">0</cwmp:HoldRequests>)"),
      acsEnvelope(
          R"(<cwmp:GetParameterValues><ParameterNames soap-enc:arrayType="xsd:string[2]"><string>A.</string>)"
          "<string>B.C</string></ParameterNames></cwmp:GetParameterValues>",
          id),
      acsEnvelope(
          R"(<cwmp:SetParameterValues><ParameterList soap-enc:arrayType="cwmp:ParameterValueStruct[1]">)"
          R"(<ParameterValueStruct><Name>A.B</Name><Value xsi:type="xsd:boolean">true</Value>)"
          "</ParameterValueStruct></ParameterList><ParameterKey>k</ParameterKey></cwmp:SetParameterValues>",
          id),
      acsEnvelope("<cwmp:SetParameterAttributes><ParameterList><SetParameterAttributesStruct><Name>A</Name>"
                  "<NotificationChange>1</NotificationChange><Notification>2</Notification>"
                  "<AccessListChange>1</AccessListChange><AccessList><string>Subscriber</string></AccessList>"
                  "</SetParameterAttributesStruct></ParameterList></cwmp:SetParameterAttributes>",
                  id),
      acsEnvelope("<cwmp:Download><CommandKey>c</CommandKey><FileType>1 Firmware Upgrade Image</FileType>"
                  "<URL>http://x/</URL><Username/><Password/><FileSize>10</FileSize><TargetFileName/>"
                  "<DelaySeconds>0</DelaySeconds><SuccessURL/><FailureURL/></cwmp:Download>",
                  id),
      acsEnvelope(
          "<cwmp:ScheduleDownload><CommandKey/><FileType>1 Firmware Upgrade Image</FileType><URL>u</URL>"
          "<Username/><Password/><FileSize>1</FileSize><TargetFileName/><TimeWindowList><TimeWindowStruct>"
          "<WindowStart>0</WindowStart><WindowEnd>1</WindowEnd><WindowMode>1 At Any Time</WindowMode>"
          "<UserMessage/><MaxRetries>0</MaxRetries></TimeWindowStruct></TimeWindowList></"
          "cwmp:ScheduleDownload>",
          id),
      acsEnvelope("<cwmp:InformResponse><MaxEnvelopes>1</MaxEnvelopes></cwmp:InformResponse>",
                  id + R"(<cwmp:UseCWMPVersion soap-env:mustUnderstand="1">1.4</cwmp:UseCWMPVersion>)"),
      acsEnvelope(
          "<soap-env:Fault><faultcode>Server</faultcode><faultstring>CWMP fault</faultstring><detail>"
          "<cwmp:Fault><FaultCode>8005</FaultCode><FaultString>Retry</FaultString><SetParameterValuesFault>"
          "<ParameterName>A</ParameterName><FaultCode>9007</FaultCode></SetParameterValuesFault></cwmp:Fault>"
          "</detail></soap-env:Fault>",
          id),
      R"(<!DOCTYPE a [<!ENTITY e "x">]>)" +
          acsEnvelope("<cwmp:Reboot><CommandKey>&e;</CommandKey></cwmp:Reboot>", id),
  };
  // What the CPE encodes is well-formed CWMP too; the decoder must cope with it (mostly 9000).
  for (const auto& sample : test::sampleCpeResponses())
    seeds.push_back(encodeCpeResponse(sample.message, CwmpVersion::V1_2, SoapHeader{"fz-2", {}, {}, {}, {}}));
  return seeds;
}

const std::vector<std::string> kTokens = {
    "<",
    ">",
    "&",
    "&amp;",
    "&#0;",
    "&#x10FFFF;",
    "&#xD800;",
    "]]>",
    "<![CDATA[x]]>",
    "<!--",
    "-->",
    "<?pi?>",
    R"(<!DOCTYPE a [<!ENTITY e "x">]>)",
    "&e;",
    R"(xmlns:cwmp="urn:dslforum-org:cwmp-1-0")",
    R"( xmlns="")",
    R"(soap-env:mustUnderstand="1")",
    R"(<x:H xmlns:x="urn:x" soap-env:mustUnderstand="1"/>)",
    "<cwmp:ID>",
    "</soap-env:Body>",
    "<soap-env:Body>",
    "\xFF",
    "\xC3",
    std::string("\0", 1),
    "\xEF\xBB\xBF",
    R"(soap-enc:arrayType="xsd:string[99999999999]")",
    "<string>",
    "</string>",
    "4294967296",
    "-1",
    "+",
    "<cwmp:ChangeDUState/>",
    "<soap-env:Fault>",
    "<detail>",
    "<Value xsi:type=\"\">",
    "\r\n",
    "\t",
    std::string(300, '<'),
    "<a><a><a><a><a><a><a><a>",
};

// One mutation in the spirit of libFuzzer's: flip, insert, erase, duplicate, splice, or insert a token.
void mutate(std::string& s, std::mt19937_64& rng, const std::vector<std::string>& seeds) {
  auto pick = [&](std::size_t n) {
    return n == 0 ? std::size_t(0) : std::uniform_int_distribution<std::size_t>(0, n - 1)(rng);
  };
  const std::size_t at = pick(s.size() + 1);
  switch (pick(7)) {
    case 0:
      if (!s.empty()) s[pick(s.size())] ^= static_cast<char>(1u << pick(8));
      break;
    case 1:
      s.insert(at, 1, static_cast<char>(pick(256)));
      break;
    case 2:
      if (!s.empty()) s.erase(pick(s.size()), 1 + pick(32));
      break;
    case 3:
      if (!s.empty()) {
        const std::size_t from = pick(s.size());
        s.insert(at, s.substr(from, 1 + pick(64)));
      }
      break;
    case 4: {
      const std::string& other = seeds[pick(seeds.size())];
      s = s.substr(0, at) + other.substr(pick(other.size() + 1));
      break;
    }
    case 5:
      s.insert(at, kTokens[pick(kTokens.size())]);
      break;
    default:
      if (!s.empty()) s.resize(pick(s.size()));  // truncation
      break;
  }
}

TEST(SoapCodecFuzz, DecoderNeverCrashesAndAlwaysAnswers) {
  const std::vector<std::string> seeds = seedCorpus();
  std::mt19937_64 rng(0xC0FFEE2025ull);
  DecodeLimits limits;
  limits.maxArrayItems = 50;  // makes the 9004 array path reachable
  const auto deadline = std::chrono::steady_clock::now() + kBudget;
  int iterations = 0, decodedCount = 0, refusedCount = 0;
  while (iterations < kMinIterations ||
         (iterations < kMaxIterations && std::chrono::steady_clock::now() < deadline)) {
    std::string input = seeds[iterations % seeds.size()];
    const int mutations = rng() % 4 == 0 ? 2 + static_cast<int>(rng() % 5) : 1;
    for (int i = 0; i < mutations; ++i) mutate(input, rng, seeds);
    ++iterations;

    const DecodeResult result = decodeAcsMessage(input, limits);
    if (const auto* message = std::get_if<IncomingMessage>(&result)) {
      ++decodedCount;
      ASSERT_EQ(methodName(message->body), message->method) << input;
      continue;
    }
    ++refusedCount;
    const DecodeError& error = std::get<DecodeError>(result);
    const unsigned code = error.fault.faultCode;
    ASSERT_TRUE(code == 9000 || code == 9003 || code == 9004) << code << "\n" << input;
    ASSERT_FALSE(error.fault.faultString.empty());
    // The reply to it, echoing whatever ID was recovered, is well-formed XML.
    const std::string reply =
        encodeCpeResponse(error.fault, error.version, SoapHeader{error.id, {}, {}, {}, {}});
    ASSERT_TRUE(wellFormed(reply)) << reply;
  }
  // Both outcomes were exercised (the seeds alone guarantee it); printed for whoever tunes the mutator.
  EXPECT_GT(decodedCount, 0);
  EXPECT_GT(refusedCount, 0);
  std::printf("[ fuzz     ] %d inputs: %d decoded, %d refused\n", iterations, decodedCount, refusedCount);
}

std::string randomBytes(std::mt19937_64& rng) {
  std::string s(rng() % 24, '\0');
  for (char& c : s) {
    // Mostly ASCII, with control characters and high bytes mixed in.
    const unsigned r = static_cast<unsigned>(rng() % 100);
    c = static_cast<char>(r < 60 ? 0x20 + rng() % 95 : r < 75 ? rng() % 32 : 0x80 + rng() % 128);
  }
  return s;
}

TEST(SoapCodecFuzz, EncoderAlwaysWritesWellFormedXml) {
  std::mt19937_64 rng(20250101);
  const auto deadline = std::chrono::steady_clock::now() + kBudget / 2;
  int iterations = 0;
  while (iterations < kMinIterations ||
         (iterations < kMaxIterations && std::chrono::steady_clock::now() < deadline)) {
    ++iterations;
    Inform inform;
    inform.deviceId = {randomBytes(rng), randomBytes(rng), randomBytes(rng), randomBytes(rng)};
    inform.events = {{randomBytes(rng), randomBytes(rng)}};
    inform.currentTime = randomBytes(rng);
    inform.parameterList = {{randomBytes(rng), randomBytes(rng), randomBytes(rng)}};
    SoapHeader header{randomBytes(rng), {}, {}, randomBytes(rng), randomBytes(rng)};
    const std::string request = encodeCpeRequest(inform, CwmpVersion::V1_4, header);
    ASSERT_TRUE(wellFormed(request)) << request;

    CwmpFault fault{9000 + static_cast<unsigned>(rng() % 40),
                    randomBytes(rng),
                    {{randomBytes(rng), 9007, randomBytes(rng)}},
                    ""};
    const std::string response = encodeCpeResponse(fault, CwmpVersion::V1_0, header);
    ASSERT_TRUE(wellFormed(response)) << response;
  }
}

}  // namespace
}  // namespace cpemu::cwmp
