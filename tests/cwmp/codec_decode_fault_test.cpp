// Decoding ACS responses (InformResponse and the others), SOAP Faults the ACS sends, and every way a message
// is refused: which CWMP fault the CPE answers with, and that the cwmp:ID and version are still recovered.
#include <gtest/gtest.h>

#include <string>

#include "cwmp/soap_codec.h"

namespace cpemu::cwmp {
namespace {

constexpr const char* kNamespaces =
    R"(xmlns:soap-enc="http://schemas.xmlsoap.org/soap/encoding/" )"
    R"(xmlns:soap-env="http://schemas.xmlsoap.org/soap/envelope/" )"
    R"(xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" )";

std::string envelope(const std::string& body, const std::string& id = "acs-1",
                     const std::string& cwmpNs = "urn:dslforum-org:cwmp-1-2",
                     const std::string& extraHeader = "") {
  std::string header;
  if (!id.empty() || !extraHeader.empty()) {
    header = "<soap-env:Header>";
    if (!id.empty()) header += R"(<cwmp:ID soap-env:mustUnderstand="1">)" + id + "</cwmp:ID>";
    header += extraHeader + "</soap-env:Header>";
  }
  return std::string("<soap-env:Envelope ") + kNamespaces + "xmlns:cwmp=\"" + cwmpNs + "\">" + header +
         "<soap-env:Body>" + body + "</soap-env:Body></soap-env:Envelope>";
}

IncomingMessage decoded(const std::string& xml) {
  DecodeResult result = decodeAcsMessage(xml);
  if (auto* error = std::get_if<DecodeError>(&result)) {
    ADD_FAILURE() << "refused with " << error->fault.faultCode << " " << error->fault.faultString;
    return {};
  }
  return std::get<IncomingMessage>(std::move(result));
}

DecodeError refused(const std::string& xml, const DecodeLimits& limits = {}) {
  DecodeResult result = decodeAcsMessage(xml, limits);
  if (!std::holds_alternative<DecodeError>(result)) {
    ADD_FAILURE() << "decoded although it should be refused:\n" << xml.substr(0, 2000);
    return {};
  }
  return std::get<DecodeError>(std::move(result));
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// ---- ACS responses ----

TEST(SoapDecodeResponse, InformResponseWithMaxEnvelopes) {
  const IncomingMessage m =
      decoded(envelope("<cwmp:InformResponse><MaxEnvelopes>1</MaxEnvelopes></cwmp:InformResponse>"));
  EXPECT_EQ(m.method, "InformResponse");
  EXPECT_EQ(m.header.id, "acs-1");
  EXPECT_EQ(std::get<InformResponse>(std::get<AcsResponse>(m.body)).maxEnvelopes, 1u);
}

TEST(SoapDecodeResponse, InformResponseNegotiatingCwmp14) {
  const IncomingMessage m =
      decoded(envelope("<cwmp:InformResponse><MaxEnvelopes>\n  1\n</MaxEnvelopes></cwmp:InformResponse>",
                       "acs-2", "urn:dslforum-org:cwmp-1-2",
                       R"(<cwmp:UseCWMPVersion soap-env:mustUnderstand="1">1.4</cwmp:UseCWMPVersion>)"));
  EXPECT_EQ(m.version, CwmpVersion::V1_4);
  EXPECT_EQ(m.header.useCWMPVersion, "1.4");
  EXPECT_EQ(std::get<InformResponse>(std::get<AcsResponse>(m.body)).maxEnvelopes, 1u);
}

TEST(SoapDecodeResponse, InformResponseWithLargerMaxEnvelopes) {
  const IncomingMessage m =
      decoded(envelope("<cwmp:InformResponse><MaxEnvelopes>5</MaxEnvelopes></cwmp:InformResponse>"));
  EXPECT_EQ(std::get<InformResponse>(std::get<AcsResponse>(m.body)).maxEnvelopes, 5u);
}

TEST(SoapDecodeResponse, EmptyResponses) {
  auto response = [](const std::string& method) { return decoded(envelope("<cwmp:" + method + "/>")).body; };
  EXPECT_TRUE(std::holds_alternative<TransferCompleteResponse>(
      std::get<AcsResponse>(response("TransferCompleteResponse"))));
  EXPECT_TRUE(std::holds_alternative<AutonomousTransferCompleteResponse>(
      std::get<AcsResponse>(response("AutonomousTransferCompleteResponse"))));
  EXPECT_TRUE(std::holds_alternative<RequestDownloadResponse>(
      std::get<AcsResponse>(response("RequestDownloadResponse"))));
}

TEST(SoapDecodeResponse, GetRPCMethodsResponseFromTheAcs) {
  const IncomingMessage m = decoded(envelope(
      R"(<cwmp:GetRPCMethodsResponse><MethodList soap-enc:arrayType="xsd:string[3]"><string>Inform</string>)"
      R"(<string>GetRPCMethods</string><string>TransferComplete</string></MethodList></cwmp:GetRPCMethodsResponse>)"));
  EXPECT_EQ(std::get<GetRPCMethodsResponse>(std::get<AcsResponse>(m.body)).methodList,
            (std::vector<std::string>{"Inform", "GetRPCMethods", "TransferComplete"}));
}

// ---- SOAP Faults from the ACS (TR-069 A6 §A.5) ----

TEST(SoapDecodeAcsFault, RetryRequestFaultAfterInform) {
  const IncomingMessage m = decoded(
      envelope("<soap-env:Fault><faultcode>Server</faultcode><faultstring>CWMP fault</faultstring><detail>"
               "<cwmp:Fault><FaultCode>8005</FaultCode><FaultString>Retry request</FaultString></cwmp:Fault>"
               "</detail></soap-env:Fault>",
               "inform-1", "urn:dslforum-org:cwmp-1-0"));
  EXPECT_EQ(m.method, "Fault");
  EXPECT_EQ(m.version, CwmpVersion::V1_0);
  EXPECT_EQ(m.header.id, "inform-1");
  const auto& fault = std::get<CwmpFault>(m.body);
  EXPECT_EQ(fault.faultCode, 8005u);
  EXPECT_EQ(fault.faultString, "Retry request");
  EXPECT_EQ(fault.soapFaultCode, "Server");
  EXPECT_TRUE(fault.setParameterValuesFaults.empty());
  EXPECT_EQ(methodName(m.body), "Fault");
}

TEST(SoapDecodeAcsFault, FaultWithSetParameterValuesFaultEntries) {
  const IncomingMessage m = decoded(envelope(
      "<soap-env:Fault>\n <faultcode>Client</faultcode>\n <faultstring>CWMP fault</faultstring>\n <detail>\n"
      "  <cwmp:Fault>\n   <FaultCode>9003</FaultCode>\n   <FaultString>Invalid arguments</FaultString>\n"
      "   <SetParameterValuesFault><ParameterName>A.B</ParameterName><FaultCode>9007</FaultCode>"
      "<FaultString>bad</FaultString></SetParameterValuesFault>\n"
      "   <SetParameterValuesFault><ParameterName> A.C </ParameterName><FaultCode>9008</FaultCode>"
      "</SetParameterValuesFault>\n  </cwmp:Fault>\n </detail>\n</soap-env:Fault>"));
  const auto& fault = std::get<CwmpFault>(m.body);
  EXPECT_EQ(fault.faultCode, 9003u);
  ASSERT_EQ(fault.setParameterValuesFaults.size(), 2u);
  EXPECT_EQ(fault.setParameterValuesFaults[0].parameterName, "A.B");
  EXPECT_EQ(fault.setParameterValuesFaults[0].faultCode, 9007u);
  EXPECT_EQ(fault.setParameterValuesFaults[0].faultString, "bad");
  EXPECT_EQ(fault.setParameterValuesFaults[1].parameterName, "A.C");
  EXPECT_EQ(fault.setParameterValuesFaults[1].faultString, "");
}

TEST(SoapDecodeAcsFault, VersionComesFromTheDetailWhenTheHeaderHasNone) {
  const std::string xml =
      R"(<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault><faultcode>s:Server</faultcode>)"
      R"(<faultstring>CWMP fault</faultstring><detail><c:Fault xmlns:c="urn:dslforum-org:cwmp-1-1"><FaultCode>8002</FaultCode>)"
      R"(<FaultString>Internal error</FaultString></c:Fault></detail></s:Fault></s:Body></s:Envelope>)";
  const IncomingMessage m = decoded(xml);
  EXPECT_EQ(m.version, CwmpVersion::V1_1);
  EXPECT_EQ(std::get<CwmpFault>(m.body).faultCode, 8002u);
  EXPECT_EQ(std::get<CwmpFault>(m.body).soapFaultCode, "s:Server");
}

TEST(SoapDecodeAcsFault, PlainSoapFaultWithoutCwmpDetailHasCodeZero) {
  const IncomingMessage m =
      decoded(envelope("<soap-env:Fault><faultcode>Server</faultcode><faultstring>NullPointerException</"
                       "faultstring></soap-env:Fault>"));
  const auto& fault = std::get<CwmpFault>(m.body);
  EXPECT_EQ(fault.faultCode, 0u);
  EXPECT_EQ(fault.faultString, "NullPointerException");
  EXPECT_EQ(m.version, CwmpVersion::V1_2);  // from the cwmp:ID header
}

TEST(SoapDecodeAcsFault, GarbageFaultCodeIsRefused) {
  const DecodeError e = refused(
      envelope("<soap-env:Fault><faultcode>Server</faultcode><faultstring>CWMP fault</faultstring><detail>"
               "<cwmp:Fault><FaultCode>eighty</FaultCode></cwmp:Fault></detail></soap-env:Fault>"));
  EXPECT_EQ(e.fault.faultCode, 9003u);
  EXPECT_EQ(e.id, "acs-1");
}

// ---- 9000 Method not supported ----

TEST(SoapDecodeRefusal, UnknownMethodIs9000WithItsNameIdAndVersion) {
  const DecodeError e = refused(envelope(
      R"(<cwmp:ChangeDUState><Operations><InstallOpStruct><URL>http://x</URL></InstallOpStruct></Operations>)"
      R"(<CommandKey>du</CommandKey></cwmp:ChangeDUState>)",
      "du-1", "urn:dslforum-org:cwmp-1-2",
      R"(<cwmp:UseCWMPVersion soap-env:mustUnderstand="1">1.3</cwmp:UseCWMPVersion>)"));
  EXPECT_EQ(e.fault.faultCode, 9000u);
  EXPECT_TRUE(e.fault.soapFaultCode.empty());
  EXPECT_TRUE(contains(e.fault.faultString, "Method not supported")) << e.fault.faultString;
  EXPECT_TRUE(contains(e.fault.faultString, "ChangeDUState")) << e.fault.faultString;
  EXPECT_EQ(e.method, "ChangeDUState");
  EXPECT_EQ(e.id, "du-1");
  EXPECT_EQ(e.version, CwmpVersion::V1_3);
}

TEST(SoapDecodeRefusal, VendorMethodAndCpeOnlyMethodsAre9000) {
  for (const std::string method : std::initializer_list<const char*>{"X_0A1B2C_Diagnose", "Inform", "Kicked",
                                                                     "SetVouchers", "GetOptions"}) {
    const DecodeError e = refused(envelope("<cwmp:" + method + "/>", "v-1", "urn:dslforum-org:cwmp-1-0"));
    EXPECT_EQ(e.fault.faultCode, 9000u) << method;
    EXPECT_EQ(e.method, method);
    EXPECT_EQ(e.id, "v-1");
    EXPECT_EQ(e.version, CwmpVersion::V1_0);
  }
}

// ---- 9003 Invalid arguments ----

TEST(SoapDecodeRefusal, MissingMandatoryArgumentsAre9003) {
  struct Case {
    std::string body;
    std::string missing;
  };
  const Case cases[] = {
      {"<cwmp:GetParameterNames><ParameterPath>Device.</ParameterPath></cwmp:GetParameterNames>",
       "NextLevel"},
      {"<cwmp:GetParameterNames><NextLevel>1</NextLevel></cwmp:GetParameterNames>", "ParameterPath"},
      {"<cwmp:GetParameterValues/>", "ParameterNames"},
      {"<cwmp:SetParameterValues><ParameterList/></cwmp:SetParameterValues>", "ParameterKey"},
      {"<cwmp:SetParameterValues><ParameterList><ParameterValueStruct><Name>A</Name></ParameterValueStruct>"
       "</ParameterList><ParameterKey/></cwmp:SetParameterValues>",
       "Value"},
      {"<cwmp:AddObject><ParameterKey/></cwmp:AddObject>", "ObjectName"},
      {"<cwmp:Reboot/>", "CommandKey"},
      {"<cwmp:ScheduleInform><CommandKey/></cwmp:ScheduleInform>", "DelaySeconds"},
      {"<cwmp:Download><CommandKey/><FileType>1 Firmware Upgrade Image</FileType><Username/><Password/>"
       "<FileSize>0</FileSize><TargetFileName/><DelaySeconds>0</DelaySeconds><SuccessURL/><FailureURL/></"
       "cwmp:Download>",
       "URL"},
      {"<cwmp:InformResponse/>", "MaxEnvelopes"},
      {"<cwmp:SetParameterAttributes><ParameterList><SetParameterAttributesStruct><Name>A</Name>"
       "<NotificationChange>1</NotificationChange><Notification>2</Notification><AccessListChange>0</"
       "AccessListChange>"
       "</SetParameterAttributesStruct></ParameterList></cwmp:SetParameterAttributes>",
       "AccessList"},
  };
  for (const Case& c : cases) {
    const DecodeError e = refused(envelope(c.body, "m-1"));
    EXPECT_EQ(e.fault.faultCode, 9003u) << c.body;
    EXPECT_TRUE(contains(e.fault.faultString, "missing argument " + c.missing)) << e.fault.faultString;
    EXPECT_EQ(e.id, "m-1");
    EXPECT_EQ(e.version, CwmpVersion::V1_2);
    EXPECT_FALSE(e.method.empty());
  }
}

TEST(SoapDecodeRefusal, BadNextLevelIs9003) {
  for (const char* bad : {"yes", "TRUE", "2", "", "1 1", "<b>1</b>"}) {
    const DecodeError e =
        refused(envelope(std::string("<cwmp:GetParameterNames><ParameterPath>Device.</ParameterPath>"
                                     "<NextLevel>") +
                         bad + "</NextLevel></cwmp:GetParameterNames>"));
    EXPECT_EQ(e.fault.faultCode, 9003u) << bad;
    EXPECT_EQ(e.method, "GetParameterNames");
    EXPECT_TRUE(contains(e.fault.faultString, "NextLevel")) << e.fault.faultString;
  }
}

TEST(SoapDecodeRefusal, GarbageNumbersAre9003) {
  for (const char* bad : {"10s", "-1", "4294967296", "", " ", "0x10", "1e3", "+", "++1", "1.0", "\xD9\xA1"}) {
    const DecodeError e = refused(envelope(std::string("<cwmp:ScheduleInform><DelaySeconds>") + bad +
                                           "</DelaySeconds><CommandKey/></cwmp:ScheduleInform>"));
    EXPECT_EQ(e.fault.faultCode, 9003u) << bad;
  }
  for (const char* bad : {"2147483648", "-2147483649", "two", "--1", "+-1"}) {
    const DecodeError e = refused(envelope(
        std::string("<cwmp:SetParameterAttributes><ParameterList><SetParameterAttributesStruct><Name>A</Name>"
                    "<NotificationChange>1</NotificationChange><Notification>") +
        bad +
        "</Notification><AccessListChange>0</AccessListChange><AccessList/></SetParameterAttributesStruct>"
        "</ParameterList></cwmp:SetParameterAttributes>"));
    EXPECT_EQ(e.fault.faultCode, 9003u) << bad;
  }
  const DecodeError big = refused(envelope(
      "<cwmp:Download><CommandKey/><FileType>1 Firmware Upgrade "
      "Image</FileType><URL>http://x/</URL><Username/>"
      "<Password/><FileSize>18446744073709551616</FileSize><TargetFileName/><DelaySeconds>0</DelaySeconds>"
      "<SuccessURL/><FailureURL/></cwmp:Download>"));
  EXPECT_EQ(big.fault.faultCode, 9003u);
}

TEST(SoapDecodeRefusal, ExtremeNumbersAtTheLimitsAreTaken) {
  const IncomingMessage m = decoded(envelope(
      "<cwmp:ScheduleInform><DelaySeconds>4294967295</DelaySeconds><CommandKey/></cwmp:ScheduleInform>"));
  EXPECT_EQ(std::get<ScheduleInform>(std::get<AcsRequest>(m.body)).delaySeconds, 4294967295u);
  const IncomingMessage n = decoded(
      envelope("<cwmp:SetParameterAttributes><ParameterList><SetParameterAttributesStruct><Name>A</Name>"
               "<NotificationChange>1</NotificationChange><Notification>-2147483648</Notification>"
               "<AccessListChange>0</AccessListChange><AccessList/></SetParameterAttributesStruct>"
               "</ParameterList></cwmp:SetParameterAttributes>"));
  EXPECT_EQ(std::get<SetParameterAttributes>(std::get<AcsRequest>(n.body)).parameterList.at(0).notification,
            -2147483647 - 1);
}

TEST(SoapDecodeRefusal, NotWellFormedIs9003AndStillEchoesTheId) {
  const std::string broken = envelope(
      "<cwmp:GetParameterValues><ParameterNames><string>A.</strin>"
      "</ParameterNames></cwmp:GetParameterValues>",
      "broken-7", "urn:dslforum-org:cwmp-1-1");
  const DecodeError e = refused(broken);
  EXPECT_EQ(e.fault.faultCode, 9003u);
  EXPECT_TRUE(contains(e.fault.faultString, "not well-formed")) << e.fault.faultString;
  EXPECT_EQ(e.id, "broken-7");
  EXPECT_EQ(e.version, CwmpVersion::V1_1);
  EXPECT_EQ(e.method, "GetParameterValues");
}

TEST(SoapDecodeRefusal, TruncatedMessageStillEchoesTheId) {
  const std::string whole = envelope("<cwmp:Reboot><CommandKey>r</CommandKey></cwmp:Reboot>", "cut-1");
  const DecodeError e = refused(whole.substr(0, whole.find("<CommandKey>") + 5));
  EXPECT_EQ(e.fault.faultCode, 9003u);
  EXPECT_EQ(e.id, "cut-1");
  EXPECT_EQ(e.version, CwmpVersion::V1_2);
}

TEST(SoapDecodeRefusal, EmptyAndNonXmlInputAre9003) {
  for (const std::string& input : {std::string(), std::string("   "), std::string("HTTP/1.1 200 OK"),
                                   std::string("\0\0\0", 3), std::string("<")}) {
    const DecodeError e = refused(input);
    EXPECT_EQ(e.fault.faultCode, 9003u);
    EXPECT_FALSE(e.id.has_value());
    EXPECT_EQ(e.version, CwmpVersion::V1_0);
  }
}

TEST(SoapDecodeRefusal, UndeclaredEntityIsNotWellFormed) {
  const DecodeError e = refused(envelope("<cwmp:Reboot><CommandKey>&boom;</CommandKey></cwmp:Reboot>"));
  EXPECT_EQ(e.fault.faultCode, 9003u);
}

TEST(SoapDecodeRefusal, NotASoapEnvelopeIs9003) {
  const DecodeError e =
      refused(R"(<cwmp:Reboot xmlns:cwmp="urn:dslforum-org:cwmp-1-0"><CommandKey/></cwmp:Reboot>)");
  EXPECT_EQ(e.fault.faultCode, 9003u);
  EXPECT_TRUE(e.fault.soapFaultCode.empty());
  EXPECT_EQ(e.version, CwmpVersion::V1_0);  // declared on the root
}

TEST(SoapDecodeRefusal, Soap12EnvelopeIsAVersionMismatch) {
  const std::string xml =
      R"(<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope" xmlns:cwmp="urn:dslforum-org:cwmp-1-2">)"
      R"(<env:Header><cwmp:ID env:mustUnderstand="true">s12</cwmp:ID></env:Header>)"
      R"(<env:Body><cwmp:GetRPCMethods/></env:Body></env:Envelope>)";
  const DecodeError e = refused(xml);
  EXPECT_EQ(e.fault.faultCode, 9003u);
  EXPECT_EQ(e.fault.soapFaultCode, "VersionMismatch");
  EXPECT_EQ(e.id, "s12");
  EXPECT_EQ(e.version, CwmpVersion::V1_2);
}

TEST(SoapDecodeRefusal, UnknownMustUnderstandHeaderIsAMustUnderstandFault) {
  const DecodeError e = refused(
      envelope("<cwmp:GetRPCMethods/>", "mu-1", "urn:dslforum-org:cwmp-1-2",
               R"(<x:Billing xmlns:x="urn:example:billing" soap-env:mustUnderstand="1">42</x:Billing>)"));
  EXPECT_EQ(e.fault.faultCode, 9003u);
  EXPECT_EQ(e.fault.soapFaultCode, "MustUnderstand");
  EXPECT_TRUE(contains(e.fault.faultString, "Billing")) << e.fault.faultString;
  EXPECT_EQ(e.id, "mu-1");
  EXPECT_EQ(e.method, "GetRPCMethods");
  // The same for an unknown element in the cwmp namespace.
  const DecodeError f = refused(envelope("<cwmp:GetRPCMethods/>", "mu-2", "urn:dslforum-org:cwmp-1-2",
                                         R"(<cwmp:X_Future soap-env:mustUnderstand="1">1</cwmp:X_Future>)"));
  EXPECT_EQ(f.fault.soapFaultCode, "MustUnderstand");
}

TEST(SoapDecodeRefusal, BadHeaderValuesAre9003WithTheIdRecovered) {
  const DecodeError hold =
      refused(envelope("<cwmp:GetRPCMethods/>", "h-1", "urn:dslforum-org:cwmp-1-2",
                       R"(<cwmp:HoldRequests soap-env:mustUnderstand="1">maybe</cwmp:HoldRequests>)"));
  EXPECT_EQ(hold.fault.faultCode, 9003u);
  EXPECT_EQ(hold.id, "h-1");
  const DecodeError timeout = refused(envelope("<cwmp:GetRPCMethods/>", "h-2", "urn:dslforum-org:cwmp-1-2",
                                               "<cwmp:SessionTimeout>-5</cwmp:SessionTimeout>"));
  EXPECT_EQ(timeout.fault.faultCode, 9003u);
  EXPECT_EQ(timeout.id, "h-2");
}

TEST(SoapDecodeRefusal, BodyMustHoldExactlyOneElement) {
  EXPECT_EQ(refused(envelope("")).fault.faultCode, 9003u);
  EXPECT_EQ(refused(envelope("  \n  ")).fault.faultCode, 9003u);
  const DecodeError two = refused(envelope("<cwmp:GetRPCMethods/><cwmp:FactoryReset/>", "two-1"));
  EXPECT_EQ(two.fault.faultCode, 9003u);
  EXPECT_EQ(two.id, "two-1");
  const std::string noBody = std::string("<soap-env:Envelope ") + kNamespaces + "></soap-env:Envelope>";
  EXPECT_EQ(refused(noBody).fault.faultCode, 9003u);
}

TEST(SoapDecodeRefusal, MethodOutsideACwmpNamespaceIs9003) {
  const DecodeError none = refused(envelope("<GetRPCMethods/>", "ns-1"));
  EXPECT_EQ(none.fault.faultCode, 9003u);
  EXPECT_EQ(none.method, "GetRPCMethods");
  EXPECT_EQ(none.id, "ns-1");
  const DecodeError other =
      refused(envelope(R"(<c:GetRPCMethods xmlns:c="urn:dslforum-org:cwmp-1-5"/>)", "ns-2"));
  EXPECT_EQ(other.fault.faultCode, 9003u);
}

TEST(SoapDecodeRefusal, ElementWhereTextIsExpectedIs9003) {
  const DecodeError e = refused(envelope(
      "<cwmp:SetParameterValues><ParameterList><ParameterValueStruct><Name>A.B</Name><Value><x>1</x></Value>"
      "</ParameterValueStruct></ParameterList><ParameterKey/></cwmp:SetParameterValues>"));
  EXPECT_EQ(e.fault.faultCode, 9003u);
  EXPECT_TRUE(contains(e.fault.faultString, "ParameterList[0].Value")) << e.fault.faultString;
}

// ---- 9004 Resources exceeded ----

TEST(SoapDecodeRefusal, TooLargeIs9004BeforeParsingAndStillEchoesTheId) {
  DecodeLimits limits;
  limits.maxBytes = 4096;
  std::string names;
  for (int i = 0; i < 200; ++i) names += "<string>Device.DeviceInfo.X_" + std::to_string(i) + "</string>";
  const std::string xml = envelope(
      "<cwmp:GetParameterValues><ParameterNames>" + names + "</ParameterNames></cwmp:GetParameterValues>",
      "big-1", "urn:dslforum-org:cwmp-1-1");
  ASSERT_GT(xml.size(), limits.maxBytes);
  const DecodeError e = refused(xml, limits);
  EXPECT_EQ(e.fault.faultCode, 9004u);
  EXPECT_TRUE(contains(e.fault.faultString, "Resources exceeded")) << e.fault.faultString;
  EXPECT_EQ(e.id, "big-1");
  EXPECT_EQ(e.version, CwmpVersion::V1_1);
  // Exactly at the limit is fine.
  limits.maxBytes = xml.size();
  EXPECT_TRUE(std::holds_alternative<IncomingMessage>(decodeAcsMessage(xml, limits)));
}

TEST(SoapDecodeRefusal, DefaultLimitRefusesMoreThan4MiB) {
  std::string padding(5u << 20, ' ');
  const DecodeError e = refused(envelope("<cwmp:GetRPCMethods/>" + padding, "pad-1"));
  EXPECT_EQ(e.fault.faultCode, 9004u);
  EXPECT_EQ(e.id, "pad-1");
}

TEST(SoapDecodeRefusal, TooManyArrayItemsIs9004) {
  DecodeLimits limits;
  limits.maxArrayItems = 3;
  std::string names;
  for (int i = 0; i < 4; ++i) names += "<string>A" + std::to_string(i) + "</string>";
  const DecodeError e = refused(envelope("<cwmp:GetParameterValues><ParameterNames>" + names +
                                             "</ParameterNames></cwmp:GetParameterValues>",
                                         "many-1"),
                                limits);
  EXPECT_EQ(e.fault.faultCode, 9004u);
  EXPECT_EQ(e.id, "many-1");
  EXPECT_EQ(e.method, "GetParameterValues");
  names.resize(names.rfind("<string>"));
  EXPECT_TRUE(std::holds_alternative<IncomingMessage>(
      decodeAcsMessage(envelope("<cwmp:GetParameterValues><ParameterNames>" + names +
                                "</ParameterNames></cwmp:GetParameterValues>"),
                       limits)));
}

// ---- DOCTYPE and entities: refused, never expanded ----

TEST(SoapDecodeRefusal, BillionLaughsIsRefusedWithoutExpansion) {
  std::string dtd = R"(<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">)";
  for (int i = 1; i <= 9; ++i) {
    dtd += "<!ENTITY lol" + std::to_string(i) + " \"";
    for (int j = 0; j < 10; ++j) dtd += "&lol" + (i == 1 ? std::string() : std::to_string(i - 1)) + ";";
    dtd += "\">";
  }
  dtd += "]>";
  const std::string xml =
      dtd + envelope("<cwmp:Reboot><CommandKey>&lol9;</CommandKey></cwmp:Reboot>", "lol-1");
  const DecodeError e = refused(xml);
  EXPECT_EQ(e.fault.faultCode, 9003u);
  EXPECT_TRUE(contains(e.fault.faultString, "DOCTYPE")) << e.fault.faultString;
  EXPECT_LT(e.fault.faultString.size(), 300u);
  EXPECT_FALSE(contains(e.fault.faultString, "lollol"));
}

TEST(SoapDecodeRefusal, ExternalEntityIsRefusedWithoutReadingIt) {
  const std::string xml = R"(<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>)" +
                          envelope("<cwmp:Reboot><CommandKey>&xxe;</CommandKey></cwmp:Reboot>");
  const DecodeError e = refused(xml);
  EXPECT_EQ(e.fault.faultCode, 9003u);
  EXPECT_TRUE(contains(e.fault.faultString, "DOCTYPE"));
  EXPECT_FALSE(contains(e.fault.faultString, "root:"));
}

TEST(SoapDecodeRefusal, DoctypeWithoutEntitiesIsRefusedToo) {
  const std::string xml = "<!DOCTYPE soap-env:Envelope>" + envelope("<cwmp:GetRPCMethods/>");
  EXPECT_EQ(refused(xml).fault.faultCode, 9003u);
  const std::string external =
      R"(<!DOCTYPE x SYSTEM "http://192.0.2.1/evil.dtd">)" + envelope("<cwmp:GetRPCMethods/>");
  EXPECT_EQ(refused(external).fault.faultCode, 9003u);
}

TEST(SoapDecodeRefusal, RefusalsEncodeAsFaultsWithTheRightSoapFaultCode) {
  const DecodeError e = refused(envelope("<cwmp:ChangeDUState/>", "enc-1"));
  const std::string reply = encodeCpeResponse(e.fault, e.version, SoapHeader{e.id, {}, {}, {}, {}});
  EXPECT_TRUE(contains(reply, "<faultcode>Server</faultcode>")) << reply;  // 9000 is a Server fault
  EXPECT_TRUE(contains(reply, "<FaultCode>9000</FaultCode>"));
  EXPECT_TRUE(contains(reply, R"(<cwmp:ID soap-env:mustUnderstand="1">enc-1</cwmp:ID>)"));
  const DecodeError mu = refused(envelope("<cwmp:GetRPCMethods/>", "enc-2", "urn:dslforum-org:cwmp-1-2",
                                          R"(<x:Y xmlns:x="urn:y" soap-env:mustUnderstand="1"/>)"));
  const std::string muReply = encodeCpeResponse(mu.fault, mu.version, SoapHeader{mu.id, {}, {}, {}, {}});
  EXPECT_TRUE(contains(muReply, "<faultcode>MustUnderstand</faultcode>")) << muReply;
  EXPECT_TRUE(contains(muReply, "<FaultCode>9003</FaultCode>"));
}

}  // namespace
}  // namespace cpemu::cwmp
