// The SOAP codec's encoding rules: envelope shape and header elements, soap-enc:arrayType counts, xsi:type on
// every value, XML escaping, SOAP Faults with Client/Server per TR-069 A6 §A.5, the fault-string table,
// versions and method names. Golden files, schema validation and decoding have their own test files.
#include "cwmp/soap_codec.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "codec_test_messages.h"
#include "cwmp/cwmp_version.h"
#include "cwmp/soap_envelope_writer.h"

namespace cpemu::cwmp {
namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::size_t occurrences(const std::string& text, const std::string& part) {
  std::size_t n = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + part.size())) ++n;
  return n;
}

std::string escaped(std::string_view text, bool attribute = false) {
  std::string out;
  appendXmlEscaped(out, text, attribute);
  return out;
}

const std::string kReplacement = "\xEF\xBF\xBD";

// ---- versions ----

TEST(CwmpVersion, NamespacesAndNames) {
  EXPECT_EQ(namespaceUri(CwmpVersion::V1_0), "urn:dslforum-org:cwmp-1-0");
  EXPECT_EQ(namespaceUri(CwmpVersion::V1_1), "urn:dslforum-org:cwmp-1-1");
  EXPECT_EQ(namespaceUri(CwmpVersion::V1_2), "urn:dslforum-org:cwmp-1-2");
  EXPECT_EQ(namespaceUri(CwmpVersion::V1_3), "urn:dslforum-org:cwmp-1-2");  // 1.3 and 1.4 extend cwmp-1-2
  EXPECT_EQ(namespaceUri(CwmpVersion::V1_4), "urn:dslforum-org:cwmp-1-2");
  EXPECT_EQ(versionFromNamespace("urn:dslforum-org:cwmp-1-2"), CwmpVersion::V1_2);
  EXPECT_EQ(versionFromNamespace("urn:dslforum-org:cwmp-1-3"), std::nullopt);  // no such namespace
  EXPECT_EQ(versionFromNamespace("URN:DSLFORUM-ORG:CWMP-1-0"), std::nullopt);  // URIs compare exactly
  for (CwmpVersion v :
       {CwmpVersion::V1_0, CwmpVersion::V1_1, CwmpVersion::V1_2, CwmpVersion::V1_3, CwmpVersion::V1_4})
    EXPECT_EQ(versionFromName(versionName(v)), v);
  EXPECT_EQ(versionName(CwmpVersion::V1_4), "1.4");
  EXPECT_EQ(versionFromName(" 1.3\n"), CwmpVersion::V1_3);
  EXPECT_EQ(versionFromName("1.5"), std::nullopt);
  EXPECT_EQ(versionFromName("1"), std::nullopt);
}

// ---- method names ----

TEST(MessageMethodName, EveryCpeMessageIsNamedAsTheEncoderWritesIt) {
  for (const auto& sample : test::sampleCpeRequests()) {
    const std::string name = methodName(sample.message);
    EXPECT_TRUE(contains(encodeCpeRequest(sample.message, CwmpVersion::V1_2, {}), "<cwmp:" + name + ">"))
        << name;
  }
  for (const auto& sample : test::sampleCpeResponses()) {
    const std::string name = methodName(sample.message);
    const std::string tag = name == "Fault" ? "<soap-env:Fault>" : "<cwmp:" + name + ">";
    EXPECT_TRUE(contains(encodeCpeResponse(sample.message, CwmpVersion::V1_2, {}), tag)) << name;
  }
}

TEST(MessageMethodName, AcsMessages) {
  EXPECT_EQ(methodName(AcsRequest{GetParameterValues{}}), "GetParameterValues");
  EXPECT_EQ(methodName(AcsRequest{GetAllQueuedTransfers{}}), "GetAllQueuedTransfers");
  EXPECT_EQ(methodName(AcsRequest{GetRPCMethods{}}), "GetRPCMethods");
  EXPECT_EQ(methodName(AcsResponse{InformResponse{}}), "InformResponse");
  EXPECT_EQ(methodName(AcsResponse{AutonomousTransferCompleteResponse{}}),
            "AutonomousTransferCompleteResponse");
  EXPECT_EQ(methodName(CpeResponse{CwmpFault{}}), "Fault");
  const decltype(IncomingMessage::body) body = AcsRequest{ScheduleDownload{}};
  EXPECT_EQ(methodName(body), "ScheduleDownload");
}

// ---- fault tables (TR-069 A6 §A.5.1, §A.5.2) ----

TEST(SoapFaultTable, StandardFaultStrings) {
  for (unsigned code = 9000; code <= 9032; ++code) EXPECT_FALSE(standardFaultString(code).empty()) << code;
  for (unsigned code = 8000; code <= 8006; ++code) EXPECT_FALSE(standardFaultString(code).empty()) << code;
  EXPECT_EQ(standardFaultString(9000), "Method not supported");
  EXPECT_EQ(standardFaultString(9001), "Request denied (no reason specified)");
  EXPECT_EQ(standardFaultString(9003), "Invalid arguments");
  EXPECT_EQ(standardFaultString(9004), "Resources exceeded");
  EXPECT_EQ(standardFaultString(9005), "Invalid parameter name");
  EXPECT_EQ(standardFaultString(9008), "Attempt to set a non-writable parameter");
  EXPECT_EQ(standardFaultString(9021),
            "Cancelation of file transfer not permitted in current transfer state");
  EXPECT_EQ(standardFaultString(8005), "Retry request");
  EXPECT_EQ(standardFaultString(0), "");
  EXPECT_EQ(standardFaultString(9033), "");
  EXPECT_EQ(standardFaultString(9850), "");
}

TEST(SoapFaultTable, ClientFaultsAreTheRequestsFaultServerFaultsTheCpes) {
  const std::set<unsigned> client = {9003, 9005, 9006, 9007, 9008, 9021, 9022, 9023,
                                     9024, 9025, 9026, 9028, 9029, 9030, 9031, 9032};
  for (unsigned code = 9000; code <= 9032; ++code)
    EXPECT_EQ(soapFaultCodeFor(code), client.count(code) ? "Client" : "Server") << code;
  EXPECT_EQ(soapFaultCodeFor(9800), "Server");  // vendor range
  EXPECT_EQ(soapFaultCodeFor(9500), "Server");  // unassigned
  EXPECT_EQ(soapFaultCodeFor(8003), "Client");
  EXPECT_EQ(soapFaultCodeFor(8005), "Server");
}

// ---- escaping ----

TEST(XmlEscaping, MarkupCharactersBecomeEntities) {
  EXPECT_EQ(escaped("a&b<c>d\"e'f"), "a&amp;b&lt;c&gt;d&quot;e&apos;f");
  EXPECT_EQ(escaped("]]>"), "]]&gt;");
  EXPECT_EQ(escaped("plain text 123"), "plain text 123");
  EXPECT_EQ(escaped(""), "");
}

TEST(XmlEscaping, LineEndsAndTabsSurviveParsing) {
  EXPECT_EQ(escaped("a\tb\nc\rd"), "a\tb\nc&#13;d");
  EXPECT_EQ(escaped("a\tb\nc\rd", true), "a&#9;b&#10;c&#13;d");
}

TEST(XmlEscaping, ControlCharactersAndBadUtf8BecomeReplacementCharacters) {
  EXPECT_EQ(escaped(std::string("a\0b", 3)), "a" + kReplacement + "b");
  EXPECT_EQ(escaped("\x01\x08\x0B\x0C\x1F"),
            kReplacement + kReplacement + kReplacement + kReplacement + kReplacement);
  EXPECT_EQ(escaped("x\xFFy"), "x" + kReplacement + "y");
  EXPECT_EQ(escaped("\xC0\xAF"), kReplacement + kReplacement);                     // overlong "/"
  EXPECT_EQ(escaped("\xED\xA0\x80"), kReplacement + kReplacement + kReplacement);  // UTF-16 surrogate
  EXPECT_EQ(escaped("\xE2\x82"), kReplacement + kReplacement);                     // truncated
  EXPECT_EQ(escaped("\xEF\xBF\xBE"), kReplacement);  // U+FFFE: well-formed, not an XML Char
  EXPECT_EQ(escaped("\xF4\x90\x80\x80"),
            kReplacement + kReplacement + kReplacement + kReplacement);  // > U+10FFFF
}

TEST(XmlEscaping, ValidUtf8PassesUnchanged) {
  const std::string text = "Caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80 \xC2\x85 \xEF\xBF\xBD";
  EXPECT_EQ(escaped(text), text);
}

// ---- envelope ----

TEST(SoapEncode, EnvelopeUsesTheFivePrefixesAndTheVersionsNamespace) {
  const std::string xml = encodeCpeRequest(GetRPCMethods{}, CwmpVersion::V1_1, {});
  EXPECT_EQ(xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<soap-env:Envelope ", 0), 0u);
  for (const char* ns : {R"(xmlns:soap-env="http://schemas.xmlsoap.org/soap/envelope/")",
                         R"(xmlns:soap-enc="http://schemas.xmlsoap.org/soap/encoding/")",
                         R"(xmlns:xsd="http://www.w3.org/2001/XMLSchema")",
                         R"(xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance")",
                         R"(xmlns:cwmp="urn:dslforum-org:cwmp-1-1")"})
    EXPECT_TRUE(contains(xml, ns)) << ns;
  EXPECT_FALSE(contains(xml, "soap-env:Header"));  // no header field set
  EXPECT_TRUE(contains(xml, "<cwmp:GetRPCMethods></cwmp:GetRPCMethods>"));
  EXPECT_EQ(xml.substr(xml.size() - 21), "</soap-env:Envelope>\n");
}

TEST(SoapEncode, HeaderElementsInOrderWithMustUnderstandWhereTheSchemaWantsIt) {
  SoapHeader header;
  header.id = "id<1>";
  header.holdRequests = false;
  header.sessionTimeout = 60;
  header.supportedCWMPVersions = "1.0,1.1,1.2,1.3,1.4";
  header.useCWMPVersion = "1.4";
  const std::string xml = encodeCpeRequest(GetRPCMethods{}, CwmpVersion::V1_4, header);
  EXPECT_TRUE(contains(xml,
                       "  <soap-env:Header>\n"
                       "    <cwmp:ID soap-env:mustUnderstand=\"1\">id&lt;1&gt;</cwmp:ID>\n"
                       "    <cwmp:HoldRequests soap-env:mustUnderstand=\"1\">false</cwmp:HoldRequests>\n"
                       "    <cwmp:SessionTimeout>60</cwmp:SessionTimeout>\n"
                       "    <cwmp:SupportedCWMPVersions>1.0,1.1,1.2,1.3,1.4</cwmp:SupportedCWMPVersions>\n"
                       "    <cwmp:UseCWMPVersion soap-env:mustUnderstand=\"1\">1.4</cwmp:UseCWMPVersion>\n"
                       "  </soap-env:Header>\n"))
      << xml;
  EXPECT_TRUE(contains(xml, R"(xmlns:cwmp="urn:dslforum-org:cwmp-1-2")"));
}

TEST(SoapEncode, ArrayTypesCarryTheItemCount) {
  Inform m = test::sampleBootstrapInform();
  m.events = {{"0 BOOTSTRAP", ""}, {"1 BOOT", ""}, {"2 PERIODIC", ""}};
  const std::string xml = encodeCpeRequest(m, CwmpVersion::V1_2, {});
  EXPECT_TRUE(contains(xml, R"(<Event soap-enc:arrayType="cwmp:EventStruct[3]">)"));
  EXPECT_EQ(occurrences(xml, "<EventStruct>"), 3u);
  EXPECT_TRUE(contains(xml, "<ParameterList soap-enc:arrayType=\"cwmp:ParameterValueStruct[" +
                                std::to_string(m.parameterList.size()) + "]\">"));
  EXPECT_EQ(occurrences(xml, "<ParameterValueStruct>"), m.parameterList.size());

  m.events.clear();
  m.parameterList.clear();
  const std::string empty = encodeCpeRequest(m, CwmpVersion::V1_2, {});
  EXPECT_TRUE(contains(empty, R"(<Event soap-enc:arrayType="cwmp:EventStruct[0]"></Event>)"));
  EXPECT_TRUE(contains(
      empty, R"(<ParameterList soap-enc:arrayType="cwmp:ParameterValueStruct[0]"></ParameterList>)"));

  const std::string methods = encodeCpeResponse(GetRPCMethodsResponse{{"A", "B"}}, CwmpVersion::V1_0, {});
  EXPECT_TRUE(contains(methods, R"(<MethodList soap-enc:arrayType="xsd:string[2]">)"));
  const std::string queued =
      encodeCpeResponse(GetAllQueuedTransfersResponse{{{}, {}, {}}}, CwmpVersion::V1_2, {});
  EXPECT_TRUE(contains(queued, R"(<TransferList soap-enc:arrayType="cwmp:AllQueuedTransferStruct[3]">)"));
  const std::string args =
      encodeCpeRequest(RequestDownload{"1 Firmware Upgrade Image", {{"a", "1"}}}, CwmpVersion::V1_2, {});
  EXPECT_TRUE(contains(args, R"(<FileTypeArg soap-enc:arrayType="cwmp:ArgStruct[1]">)"));
}

TEST(SoapEncode, EveryValueCarriesAnXsiTypeDefaultingToString) {
  GetParameterValuesResponse m{{{"A.B", "1", "xsd:unsignedInt"},
                                {"A.C", "x", ""},
                                {"A.D", "y", "  "},
                                {"A.E", "true", "\txsd:boolean\n"}}};
  const std::string xml = encodeCpeResponse(m, CwmpVersion::V1_2, {});
  EXPECT_TRUE(contains(xml, R"(<Value xsi:type="xsd:unsignedInt">1</Value>)"));
  EXPECT_TRUE(contains(xml, R"(<Value xsi:type="xsd:string">x</Value>)"));
  EXPECT_TRUE(contains(xml, R"(<Value xsi:type="xsd:string">y</Value>)"));
  EXPECT_TRUE(contains(xml, R"(<Value xsi:type="xsd:boolean">true</Value>)"));
  EXPECT_EQ(occurrences(xml, "<Value xsi:type="), 4u);
}

TEST(SoapEncode, NumbersAndBooleans) {
  const std::string added = encodeCpeResponse(AddObjectResponse{4294967295u, 1}, CwmpVersion::V1_2, {});
  EXPECT_TRUE(contains(added, "<InstanceNumber>4294967295</InstanceNumber>"));
  EXPECT_TRUE(contains(added, "<Status>1</Status>"));
  const std::string attrs =
      encodeCpeResponse(GetParameterAttributesResponse{{{"A.", -1, {}}}}, CwmpVersion::V1_2, {});
  EXPECT_TRUE(contains(attrs, "<Notification>-1</Notification>"));
  const std::string names =
      encodeCpeResponse(GetParameterNamesResponse{{{"A.", true}, {"A.B", false}}}, CwmpVersion::V1_2, {});
  EXPECT_TRUE(contains(names, "<Writable>true</Writable>"));
  EXPECT_TRUE(contains(names, "<Writable>false</Writable>"));
  AutonomousTransferComplete atc;
  atc.fileSize = 8589934592u;
  atc.isDownload = false;
  const std::string big = encodeCpeRequest(atc, CwmpVersion::V1_2, {});
  EXPECT_TRUE(contains(big, "<FileSize>8589934592</FileSize>"));
  EXPECT_TRUE(contains(big, "<IsDownload>false</IsDownload>"));
}

TEST(SoapEncode, TransferCompleteFaultStringDefaultsToTheStandardText) {
  const std::string xml =
      encodeCpeRequest(TransferComplete{"k", {9016, ""}, "2025-01-01T00:00:00Z", "2025-01-01T00:00:01Z"},
                       CwmpVersion::V1_2, {});
  EXPECT_TRUE(contains(xml, "<FaultCode>9016</FaultCode>"));
  EXPECT_TRUE(contains(xml, "<FaultString>File transfer failure: unable to access file</FaultString>"));
  const std::string ok = encodeCpeRequest(TransferComplete{}, CwmpVersion::V1_2, {});
  EXPECT_TRUE(contains(ok, "<FaultCode>0</FaultCode>\n        <FaultString></FaultString>"));
}

TEST(SoapEncode, FaultCodeFollowsTheTableAndCanBeOverridden) {
  auto faultcode = [](const CwmpFault& f) {
    const std::string xml = encodeCpeResponse(f, CwmpVersion::V1_2, {});
    const auto start = xml.find("<faultcode>") + 11;
    return xml.substr(start, xml.find("</faultcode>") - start);
  };
  EXPECT_EQ(faultcode(CwmpFault{9005, "", {}, ""}), "Client");
  EXPECT_EQ(faultcode(CwmpFault{9002, "", {}, ""}), "Server");
  EXPECT_EQ(faultcode(CwmpFault{9000, "", {}, ""}), "Server");
  EXPECT_EQ(faultcode(CwmpFault{9003, "", {}, "MustUnderstand"}), "MustUnderstand");
  const std::string xml =
      encodeCpeResponse(CwmpFault{9007, "", {{"A.B", 9007, ""}}, ""}, CwmpVersion::V1_2, {});
  EXPECT_TRUE(contains(xml, "<faultstring>CWMP fault</faultstring>"));
  EXPECT_EQ(occurrences(xml, "<FaultString>Invalid parameter value</FaultString>"), 2u);
}

// ---- the decoder reads what the encoder writes (where the message goes both ways) ----

TEST(SoapRoundTrip, GetRPCMethodsResponseWithAwkwardText) {
  const GetRPCMethodsResponse sent{{"GetRPCMethods", "X_A&B<C>", "tab\there", "cr\rinside", "Caf\xC3\xA9"}};
  const DecodeResult result =
      decodeAcsMessage(encodeCpeResponse(sent, CwmpVersion::V1_2, SoapHeader{"rt", {}, {}, {}, {}}));
  ASSERT_TRUE(std::holds_alternative<IncomingMessage>(result));
  const auto& message = std::get<IncomingMessage>(result);
  EXPECT_EQ(message.header.id, "rt");
  EXPECT_EQ(std::get<GetRPCMethodsResponse>(std::get<AcsResponse>(message.body)).methodList, sent.methodList);
}

TEST(SoapRoundTrip, FaultWithSetParameterValuesFaults) {
  const CwmpFault sent{
      9003, "Invalid arguments", {{"A.B", 9007, "too long"}, {"A.C", 9008, "read-only"}}, ""};
  const DecodeResult result = decodeAcsMessage(encodeCpeResponse(sent, CwmpVersion::V1_0, {}));
  ASSERT_TRUE(std::holds_alternative<IncomingMessage>(result));
  const auto& message = std::get<IncomingMessage>(result);
  EXPECT_EQ(message.version, CwmpVersion::V1_0);
  const auto& fault = std::get<CwmpFault>(message.body);
  EXPECT_EQ(fault.faultCode, sent.faultCode);
  EXPECT_EQ(fault.faultString, sent.faultString);
  EXPECT_EQ(fault.soapFaultCode, "Client");
  ASSERT_EQ(fault.setParameterValuesFaults.size(), 2u);
  EXPECT_EQ(fault.setParameterValuesFaults[1].parameterName, "A.C");
  EXPECT_EQ(fault.setParameterValuesFaults[1].faultCode, 9008u);
  EXPECT_EQ(fault.setParameterValuesFaults[1].faultString, "read-only");
}

}  // namespace
}  // namespace cpemu::cwmp
