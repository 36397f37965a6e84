// Decoding every ACS request type from envelopes shaped like those real ACSs send: GenieACS's single-line
// envelopes with the namespaces on the Envelope, pretty-printed ones, namespaces declared on the method
// element, upper-case prefixes, a default namespace, with and without soap-enc:arrayType and cwmp:ID.
#include <gtest/gtest.h>

#include <string>

#include "cwmp/soap_codec.h"

namespace cpemu::cwmp {
namespace {

constexpr const char* kNamespaces =
    R"(xmlns:soap-enc="http://schemas.xmlsoap.org/soap/encoding/" )"
    R"(xmlns:soap-env="http://schemas.xmlsoap.org/soap/envelope/" )"
    R"(xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" )";

// One line, namespaces on the Envelope, cwmp:ID with mustUnderstand, as GenieACS writes them (lib/soap.ts).
std::string genieAcs(const std::string& body, const std::string& id = "abc123",
                     const std::string& cwmpNs = "urn:dslforum-org:cwmp-1-0") {
  std::string header;
  if (!id.empty())
    header =
        R"(<soap-env:Header><cwmp:ID soap-env:mustUnderstand="1">)" + id + "</cwmp:ID></soap-env:Header>";
  return std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<soap-env:Envelope ") + kNamespaces +
         "xmlns:cwmp=\"" + cwmpNs + "\">" + header + "<soap-env:Body>" + body +
         "</soap-env:Body></soap-env:Envelope>";
}

IncomingMessage decoded(const std::string& xml) {
  DecodeResult result = decodeAcsMessage(xml);
  if (auto* error = std::get_if<DecodeError>(&result)) {
    ADD_FAILURE() << "refused with " << error->fault.faultCode << " " << error->fault.faultString << "\n"
                  << xml;
    return {};
  }
  return std::get<IncomingMessage>(std::move(result));
}

template <typename T>
T request(const std::string& xml) {
  IncomingMessage message = decoded(xml);
  const auto* acsRequest = std::get_if<AcsRequest>(&message.body);
  if (!acsRequest || !std::holds_alternative<T>(*acsRequest)) {
    ADD_FAILURE() << "not the expected request: " << message.method;
    return {};
  }
  return std::get<T>(*acsRequest);
}

TEST(SoapDecodeRequest, GetRPCMethodsGenieAcsStyle) {
  const IncomingMessage m = decoded(genieAcs("<cwmp:GetRPCMethods></cwmp:GetRPCMethods>"));
  EXPECT_EQ(m.method, "GetRPCMethods");
  EXPECT_EQ(m.version, CwmpVersion::V1_0);
  EXPECT_EQ(m.header.id, "abc123");
  EXPECT_FALSE(m.header.holdRequests.has_value());
  ASSERT_TRUE(std::holds_alternative<AcsRequest>(m.body));
  EXPECT_TRUE(std::holds_alternative<GetRPCMethods>(std::get<AcsRequest>(m.body)));
  EXPECT_EQ(methodName(m.body), "GetRPCMethods");
}

TEST(SoapDecodeRequest, EmptyMethodElementMayBeSelfClosing) {
  EXPECT_EQ(decoded(genieAcs("<cwmp:FactoryReset/>")).method, "FactoryReset");
  request<FactoryReset>(genieAcs("<cwmp:FactoryReset/>"));
  request<GetQueuedTransfers>(genieAcs("<cwmp:GetQueuedTransfers/>", "q", "urn:dslforum-org:cwmp-1-1"));
  request<GetAllQueuedTransfers>(genieAcs("<cwmp:GetAllQueuedTransfers></cwmp:GetAllQueuedTransfers>"));
}

TEST(SoapDecodeRequest, GetParameterNamesNextLevelAsDigitOrWord) {
  auto gpn = [](const std::string& nextLevel) {
    return request<GetParameterNames>(
        genieAcs("<cwmp:GetParameterNames><ParameterPath>Device.DeviceInfo.</ParameterPath>"
                 "<NextLevel>" +
                 nextLevel + "</NextLevel></cwmp:GetParameterNames>"));
  };
  EXPECT_TRUE(gpn("1").nextLevel);
  EXPECT_TRUE(gpn("true").nextLevel);
  EXPECT_TRUE(gpn(" true\n").nextLevel);
  EXPECT_FALSE(gpn("0").nextLevel);
  EXPECT_FALSE(gpn("false").nextLevel);
  EXPECT_EQ(gpn("0").parameterPath, "Device.DeviceInfo.");
}

TEST(SoapDecodeRequest, GetParameterNamesWithEmptyPathMeansTheWholeTree) {
  const auto m =
      request<GetParameterNames>(genieAcs("<cwmp:GetParameterNames><ParameterPath></"
                                          "ParameterPath><NextLevel>0</NextLevel></cwmp:GetParameterNames>"));
  EXPECT_EQ(m.parameterPath, "");
  EXPECT_FALSE(m.nextLevel);
}

TEST(SoapDecodeRequest, GetParameterValuesWithArrayType) {
  const auto m = request<GetParameterValues>(
      genieAcs(R"(<cwmp:GetParameterValues><ParameterNames soap-enc:arrayType="xsd:string[2]">)"
               "<string>Device.DeviceInfo.SoftwareVersion</string><string>Device.ManagementServer.</string>"
               "</ParameterNames></cwmp:GetParameterValues>"));
  EXPECT_EQ(m.parameterNames,
            (std::vector<std::string>{"Device.DeviceInfo.SoftwareVersion", "Device.ManagementServer."}));
}

TEST(SoapDecodeRequest, GetParameterValuesWithoutArrayType) {
  const auto m = request<GetParameterValues>(genieAcs(
      "<cwmp:GetParameterValues><ParameterNames><string>Device.DeviceInfo.UpTime</string></ParameterNames>"
      "</cwmp:GetParameterValues>"));
  EXPECT_EQ(m.parameterNames, std::vector<std::string>{"Device.DeviceInfo.UpTime"});
}

TEST(SoapDecodeRequest, GetParameterValuesWithMiscountedArrayTypeTakesTheItems) {
  for (const char* arrayType : {"xsd:string[5]", "xsd:string[0]", "xsd:string[99999999999999999999]",
                                "xsd:string[]", "garbage", "xsd:string[-1]"}) {
    const auto m = request<GetParameterValues>(
        genieAcs(std::string(R"(<cwmp:GetParameterValues><ParameterNames soap-enc:arrayType=")") + arrayType +
                 R"("><string>A.</string><string>B.</string></ParameterNames></cwmp:GetParameterValues>)"));
    EXPECT_EQ(m.parameterNames, (std::vector<std::string>{"A.", "B."})) << arrayType;
  }
}

TEST(SoapDecodeRequest, ArrayItemNamesAreNotSignificant) {
  // SOAP 1.1 §5.4.2; some ACSs write xsd:string or item elements.
  const auto m = request<GetParameterValues>(
      genieAcs(R"(<cwmp:GetParameterValues><ParameterNames soap-enc:arrayType="xsd:string[3]">)"
               R"(<xsd:string>A.</xsd:string><item>B.</item><string xsi:type="xsd:string">C.</string>)"
               "</ParameterNames></cwmp:GetParameterValues>"));
  EXPECT_EQ(m.parameterNames, (std::vector<std::string>{"A.", "B.", "C."}));
}

TEST(SoapDecodeRequest, EmptyParameterNamesArrayIsAnEmptyList) {
  const auto m = request<GetParameterValues>(genieAcs(
      R"(<cwmp:GetParameterValues><ParameterNames soap-enc:arrayType="xsd:string[0]"/></cwmp:GetParameterValues>)"));
  EXPECT_TRUE(m.parameterNames.empty());
}

TEST(SoapDecodeRequest, SetParameterValuesKeepsTypeTextAndValueAsSent) {
  const auto m = request<SetParameterValues>(genieAcs(
      R"(<cwmp:SetParameterValues><ParameterList soap-enc:arrayType="cwmp:ParameterValueStruct[4]">)"
      R"(<ParameterValueStruct><Name>Device.WiFi.SSID.1.SSID</Name><Value xsi:type="xsd:string"> Caf&#xE9; &lt;guest&gt; &amp; co </Value></ParameterValueStruct>)"
      R"(<ParameterValueStruct><Name>Device.WiFi.SSID.1.Enable</Name><Value xsi:type=" xsd:boolean ">1</Value></ParameterValueStruct>)"
      R"(<ParameterValueStruct><Name>Device.ManagementServer.PeriodicInformInterval</Name><Value xsi:type="xsd:unsignedInt">300</Value></ParameterValueStruct>)"
      R"(<ParameterValueStruct><Name>Device.DeviceInfo.ProvisioningCode</Name><Value></Value></ParameterValueStruct>)"
      R"(</ParameterList><ParameterKey>key-2025-01</ParameterKey></cwmp:SetParameterValues>)"));
  ASSERT_EQ(m.parameterList.size(), 4u);
  EXPECT_EQ(m.parameterList[0].name, "Device.WiFi.SSID.1.SSID");
  EXPECT_EQ(m.parameterList[0].value, " Caf\xC3\xA9 <guest> & co ");  // whitespace of a value is content
  EXPECT_EQ(m.parameterList[0].type, "xsd:string");
  EXPECT_EQ(m.parameterList[1].type, "xsd:boolean");  // whitespace around the type is stripped
  EXPECT_EQ(m.parameterList[1].value, "1");
  EXPECT_EQ(m.parameterList[2].type, "xsd:unsignedInt");
  EXPECT_EQ(m.parameterList[3].type, "");  // no xsi:type: left empty for the handler
  EXPECT_EQ(m.parameterList[3].value, "");
  EXPECT_EQ(m.parameterKey, "key-2025-01");
}

TEST(SoapDecodeRequest, SetParameterValuesTypeWithOtherXsiPrefixOrUndeclaredPrefix) {
  const auto m = request<SetParameterValues>(genieAcs(
      R"(<cwmp:SetParameterValues><ParameterList>)"
      R"(<ParameterValueStruct><Name>A.B</Name><Value xmlns:i="http://www.w3.org/2001/XMLSchema-instance" i:type="xsd:int">-5</Value></ParameterValueStruct>)"
      R"(</ParameterList><ParameterKey></ParameterKey></cwmp:SetParameterValues>)"));
  ASSERT_EQ(m.parameterList.size(), 1u);
  EXPECT_EQ(m.parameterList[0].type, "xsd:int");

  // An ACS that forgot xmlns:xsi: libxml2 keeps the attribute under its literal name.
  const std::string noXsi =
      R"(<soap-env:Envelope xmlns:soap-env="http://schemas.xmlsoap.org/soap/envelope/"><soap-env:Body>)"
      R"(<cwmp:SetParameterValues xmlns:cwmp="urn:dslforum-org:cwmp-1-2"><ParameterList><ParameterValueStruct>)"
      R"(<Name>A.B</Name><Value xsi:type="xsd:boolean">true</Value></ParameterValueStruct></ParameterList>)"
      R"(<ParameterKey>k</ParameterKey></cwmp:SetParameterValues></soap-env:Body></soap-env:Envelope>)";
  const auto n = request<SetParameterValues>(noXsi);
  ASSERT_EQ(n.parameterList.size(), 1u);
  EXPECT_EQ(n.parameterList[0].type, "xsd:boolean");
}

TEST(SoapDecodeRequest, SetParameterValuesValueInCdata) {
  const auto m = request<SetParameterValues>(genieAcs(
      R"(<cwmp:SetParameterValues><ParameterList><ParameterValueStruct><Name>A.B</Name>)"
      R"(<Value xsi:type="xsd:string"><![CDATA[<b>bold</b> & more]]></Value></ParameterValueStruct></ParameterList>)"
      R"(<ParameterKey/></cwmp:SetParameterValues>)"));
  ASSERT_EQ(m.parameterList.size(), 1u);
  EXPECT_EQ(m.parameterList[0].value, "<b>bold</b> & more");
}

TEST(SoapDecodeRequest, GetParameterAttributes) {
  const auto m = request<GetParameterAttributes>(genieAcs(
      R"(<cwmp:GetParameterAttributes><ParameterNames soap-enc:arrayType="xsd:string[1]"><string>Device.DeviceInfo.</string>)"
      R"(</ParameterNames></cwmp:GetParameterAttributes>)"));
  EXPECT_EQ(m.parameterNames, std::vector<std::string>{"Device.DeviceInfo."});
}

TEST(SoapDecodeRequest, SetParameterAttributesWithAccessList) {
  const auto m = request<SetParameterAttributes>(genieAcs(
      R"(<cwmp:SetParameterAttributes><ParameterList soap-enc:arrayType="cwmp:SetParameterAttributesStruct[2]">)"
      R"(<SetParameterAttributesStruct><Name>Device.DeviceInfo.SoftwareVersion</Name><NotificationChange>1</NotificationChange>)"
      R"(<Notification>2</Notification><AccessListChange>0</AccessListChange><AccessList soap-enc:arrayType="xsd:string[0]"></AccessList>)"
      R"(</SetParameterAttributesStruct>)"
      R"(<SetParameterAttributesStruct><Name>Device.WiFi.SSID.1.SSID</Name><NotificationChange>false</NotificationChange>)"
      R"(<Notification>0</Notification><AccessListChange>true</AccessListChange><AccessList soap-enc:arrayType="xsd:string[1]"><string>Subscriber</string></AccessList>)"
      R"(</SetParameterAttributesStruct></ParameterList></cwmp:SetParameterAttributes>)"));
  ASSERT_EQ(m.parameterList.size(), 2u);
  EXPECT_EQ(m.parameterList[0].name, "Device.DeviceInfo.SoftwareVersion");
  EXPECT_TRUE(m.parameterList[0].notificationChange);
  EXPECT_EQ(m.parameterList[0].notification, 2);
  EXPECT_FALSE(m.parameterList[0].accessListChange);
  EXPECT_TRUE(m.parameterList[0].accessList.empty());
  EXPECT_FALSE(m.parameterList[1].notificationChange);
  EXPECT_TRUE(m.parameterList[1].accessListChange);
  EXPECT_EQ(m.parameterList[1].accessList, std::vector<std::string>{"Subscriber"});
}

TEST(SoapDecodeRequest, AddAndDeleteObject) {
  const auto add =
      request<AddObject>(genieAcs("<cwmp:AddObject><ObjectName>Device.NAT.PortMapping.</"
                                  "ObjectName><ParameterKey>pk-1</ParameterKey></cwmp:AddObject>"));
  EXPECT_EQ(add.objectName, "Device.NAT.PortMapping.");
  EXPECT_EQ(add.parameterKey, "pk-1");
  const auto del =
      request<DeleteObject>(genieAcs("<cwmp:DeleteObject><ObjectName>Device.NAT.PortMapping.3.</"
                                     "ObjectName><ParameterKey></ParameterKey></cwmp:DeleteObject>"));
  EXPECT_EQ(del.objectName, "Device.NAT.PortMapping.3.");
  EXPECT_EQ(del.parameterKey, "");
}

TEST(SoapDecodeRequest, RebootAndScheduleInformAndCancelTransfer) {
  EXPECT_EQ(
      request<Reboot>(genieAcs("<cwmp:Reboot><CommandKey>reboot-42</CommandKey></cwmp:Reboot>")).commandKey,
      "reboot-42");
  const auto si =
      request<ScheduleInform>(genieAcs("<cwmp:ScheduleInform><DelaySeconds>30</"
                                       "DelaySeconds><CommandKey>si-1</CommandKey></cwmp:ScheduleInform>"));
  EXPECT_EQ(si.delaySeconds, 30u);
  EXPECT_EQ(si.commandKey, "si-1");
  EXPECT_EQ(request<CancelTransfer>(
                genieAcs("<cwmp:CancelTransfer><CommandKey>fw-17</CommandKey></cwmp:CancelTransfer>", "c",
                         "urn:dslforum-org:cwmp-1-2"))
                .commandKey,
            "fw-17");
}

TEST(SoapDecodeRequest, DownloadAsGenieAcsSendsIt) {
  const auto m = request<Download>(genieAcs(
      "<cwmp:Download><CommandKey>fw-17</CommandKey><FileType>1 Firmware Upgrade Image</FileType>"
      "<URL>http://files.example.net/fw/emu-1.0.1.bin?token=a&amp;b</URL><Username>user</Username>"
      "<Password>p&lt;ss</Password><FileSize>7340032</FileSize><TargetFileName>emu.bin</TargetFileName>"
      "<DelaySeconds>0</DelaySeconds><SuccessURL></SuccessURL><FailureURL></FailureURL></cwmp:Download>"));
  EXPECT_EQ(m.commandKey, "fw-17");
  EXPECT_EQ(m.fileType, "1 Firmware Upgrade Image");
  EXPECT_EQ(m.url, "http://files.example.net/fw/emu-1.0.1.bin?token=a&b");
  EXPECT_EQ(m.username, "user");
  EXPECT_EQ(m.password, "p<ss");
  EXPECT_EQ(m.fileSize, 7340032u);
  EXPECT_EQ(m.targetFileName, "emu.bin");
  EXPECT_EQ(m.delaySeconds, 0u);
  EXPECT_EQ(m.successURL, "");
  EXPECT_EQ(m.failureURL, "");
}

TEST(SoapDecodeRequest, DownloadFileSizeAbove4GiBIsTaken) {
  const auto m = request<Download>(genieAcs(
      "<cwmp:Download><CommandKey/><FileType>1 Firmware Upgrade "
      "Image</FileType><URL>http://x/y</URL><Username/>"
      "<Password/><FileSize>8589934592</FileSize><TargetFileName/><DelaySeconds>5</DelaySeconds><SuccessURL/>"
      "<FailureURL/></cwmp:Download>"));
  EXPECT_EQ(m.fileSize, 8589934592u);
  EXPECT_EQ(m.delaySeconds, 5u);
}

TEST(SoapDecodeRequest, Upload) {
  const auto m = request<Upload>(
      genieAcs("<cwmp:Upload><CommandKey>log-1</CommandKey><FileType>2 Vendor Log File</FileType>"
               "<URL>https://files.example.net/upload/</URL><Username>u</Username><Password>p</Password>"
               "<DelaySeconds>10</DelaySeconds></cwmp:Upload>"));
  EXPECT_EQ(m.commandKey, "log-1");
  EXPECT_EQ(m.fileType, "2 Vendor Log File");
  EXPECT_EQ(m.url, "https://files.example.net/upload/");
  EXPECT_EQ(m.delaySeconds, 10u);
}

TEST(SoapDecodeRequest, ScheduleDownloadWithTwoTimeWindows) {
  const auto m = request<ScheduleDownload>(genieAcs(
      "<cwmp:ScheduleDownload><CommandKey>sd-1</CommandKey><FileType>1 Firmware Upgrade Image</FileType>"
      "<URL>http://files.example.net/fw.bin</URL><Username></Username><Password></Password>"
      "<FileSize>1024</FileSize><TargetFileName>fw.bin</TargetFileName>"
      R"(<TimeWindowList soap-enc:arrayType="cwmp:TimeWindowStruct[2]">)"
      "<TimeWindowStruct><WindowStart>0</WindowStart><WindowEnd>3600</WindowEnd><WindowMode>1 At Any "
      "Time</WindowMode>"
      "<UserMessage></UserMessage><MaxRetries>-1</MaxRetries></TimeWindowStruct>"
      "<TimeWindowStruct><WindowStart>7200</WindowStart><WindowEnd>10800</WindowEnd>"
      "<WindowMode>4 Confirmation Needed</WindowMode><UserMessage>Update tonight?</UserMessage>"
      "<MaxRetries>3</MaxRetries></TimeWindowStruct></TimeWindowList></cwmp:ScheduleDownload>",
      "sd", "urn:dslforum-org:cwmp-1-2"));
  EXPECT_EQ(m.commandKey, "sd-1");
  EXPECT_EQ(m.fileSize, 1024u);
  ASSERT_EQ(m.timeWindowList.size(), 2u);
  EXPECT_EQ(m.timeWindowList[0].windowEnd, 3600u);
  EXPECT_EQ(m.timeWindowList[0].windowMode, "1 At Any Time");
  EXPECT_EQ(m.timeWindowList[0].maxRetries, -1);
  EXPECT_EQ(m.timeWindowList[1].windowStart, 7200u);
  EXPECT_EQ(m.timeWindowList[1].userMessage, "Update tonight?");
  EXPECT_EQ(m.timeWindowList[1].maxRetries, 3);
}

// ---- envelope shapes ----

TEST(SoapDecodeRequest, PrettyPrintedEnvelopeWithCommentsAndUpperCasePrefixes) {
  const std::string xml = R"(<?xml version="1.0" encoding="utf-8"?>
<!-- sent by a Java ACS -->
<SOAP-ENV:Envelope
    xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"
    xmlns:SOAP-ENC="http://schemas.xmlsoap.org/soap/encoding/"
    xmlns:xsd="http://www.w3.org/2001/XMLSchema"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xmlns:cwmp="urn:dslforum-org:cwmp-1-2"
    SOAP-ENV:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/">
  <SOAP-ENV:Header>
    <cwmp:ID SOAP-ENV:mustUnderstand="1">1234567890</cwmp:ID>
    <cwmp:HoldRequests SOAP-ENV:mustUnderstand="1">true</cwmp:HoldRequests>
  </SOAP-ENV:Header>
  <SOAP-ENV:Body>
    <cwmp:GetParameterValues>
      <ParameterNames SOAP-ENC:arrayType="xsd:string[2]">
        <string>
          Device.DeviceInfo.SoftwareVersion
        </string>
        <!-- the second one -->
        <string>Device.ManagementServer.URL</string>
      </ParameterNames>
    </cwmp:GetParameterValues>
  </SOAP-ENV:Body>
</SOAP-ENV:Envelope>
)";
  const IncomingMessage m = decoded(xml);
  EXPECT_EQ(m.version, CwmpVersion::V1_2);
  EXPECT_EQ(m.header.id, "1234567890");
  EXPECT_EQ(m.header.holdRequests, true);
  const auto& gpv = std::get<GetParameterValues>(std::get<AcsRequest>(m.body));
  EXPECT_EQ(gpv.parameterNames,
            (std::vector<std::string>{"Device.DeviceInfo.SoftwareVersion", "Device.ManagementServer.URL"}));
}

TEST(SoapDecodeRequest, NamespaceDeclaredOnTheMethodElementAndNoHeader) {
  const std::string xml =
      R"(<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>)"
      R"(<cwmp:Reboot xmlns:cwmp="urn:dslforum-org:cwmp-1-1"><CommandKey>r1</CommandKey></cwmp:Reboot>)"
      R"(</soapenv:Body></soapenv:Envelope>)";
  const IncomingMessage m = decoded(xml);
  EXPECT_EQ(m.version, CwmpVersion::V1_1);
  EXPECT_FALSE(m.header.id.has_value());
  EXPECT_EQ(std::get<Reboot>(std::get<AcsRequest>(m.body)).commandKey, "r1");
}

TEST(SoapDecodeRequest, DefaultNamespaceMakesArgumentsQualified) {
  const std::string xml =
      R"(<Envelope xmlns="http://schemas.xmlsoap.org/soap/envelope/"><Body>)"
      R"(<AddObject xmlns="urn:dslforum-org:cwmp-1-0"><ObjectName>Device.Hosts.Host.</ObjectName>)"
      R"(<ParameterKey>k</ParameterKey></AddObject></Body></Envelope>)";
  const auto m = request<AddObject>(xml);
  EXPECT_EQ(m.objectName, "Device.Hosts.Host.");
  EXPECT_EQ(m.parameterKey, "k");
}

TEST(SoapDecodeRequest, QualifiedArgumentsInAnyOrderAndExtraArgumentsIgnored) {
  const auto m = request<ScheduleInform>(
      genieAcs("<cwmp:ScheduleInform><cwmp:CommandKey>late</cwmp:CommandKey><X_VENDOR_Hint>x</X_VENDOR_Hint>"
               "<cwmp:DelaySeconds>+60</cwmp:DelaySeconds></cwmp:ScheduleInform>"));
  EXPECT_EQ(m.commandKey, "late");
  EXPECT_EQ(m.delaySeconds, 60u);
}

TEST(SoapDecodeRequest, HeaderElementsOfCwmp13And14) {
  const std::string xml =
      std::string("<soap-env:Envelope ") + kNamespaces + R"(xmlns:cwmp="urn:dslforum-org:cwmp-1-2">)" +
      R"(<soap-env:Header><cwmp:ID soap-env:mustUnderstand="1"> spaced id </cwmp:ID>)"
      R"(<cwmp:SessionTimeout>120</cwmp:SessionTimeout>)"
      R"(<cwmp:UseCWMPVersion soap-env:mustUnderstand="1">1.4</cwmp:UseCWMPVersion>)"
      R"(<cwmp:NoMoreRequests>0</cwmp:NoMoreRequests>)"
      R"(<x:Trace xmlns:x="urn:example:trace" soap-env:mustUnderstand="0">t-1</x:Trace>)"
      R"(<x:Route xmlns:x="urn:example:route" soap-env:actor="urn:example:proxy" soap-env:mustUnderstand="1">r</x:Route>)"
      R"(</soap-env:Header><soap-env:Body><cwmp:GetRPCMethods/></soap-env:Body></soap-env:Envelope>)";
  const IncomingMessage m = decoded(xml);
  EXPECT_EQ(m.header.id, " spaced id ");  // echoed exactly as sent
  EXPECT_EQ(m.header.sessionTimeout, 120u);
  EXPECT_EQ(m.header.useCWMPVersion, "1.4");
  EXPECT_EQ(m.version, CwmpVersion::V1_4);
}

TEST(SoapDecodeRequest, VersionFollowsTheMethodNamespaceRefinedByUseCwmpVersion) {
  auto versionOf = [](const std::string& ns, const std::string& use) {
    std::string header = "<soap-env:Header>";
    if (!use.empty())
      header += R"(<cwmp:UseCWMPVersion soap-env:mustUnderstand="1">)" + use + "</cwmp:UseCWMPVersion>";
    header += "</soap-env:Header>";
    const std::string xml = std::string("<soap-env:Envelope ") + kNamespaces + "xmlns:cwmp=\"" + ns + "\">" +
                            header +
                            "<soap-env:Body><cwmp:GetRPCMethods/></soap-env:Body></soap-env:Envelope>";
    return decoded(xml).version;
  };
  EXPECT_EQ(versionOf("urn:dslforum-org:cwmp-1-0", ""), CwmpVersion::V1_0);
  EXPECT_EQ(versionOf("urn:dslforum-org:cwmp-1-1", ""), CwmpVersion::V1_1);
  EXPECT_EQ(versionOf("urn:dslforum-org:cwmp-1-2", ""), CwmpVersion::V1_2);
  EXPECT_EQ(versionOf("urn:dslforum-org:cwmp-1-2", "1.3"), CwmpVersion::V1_3);
  EXPECT_EQ(versionOf("urn:dslforum-org:cwmp-1-2", "1.4"), CwmpVersion::V1_4);
  EXPECT_EQ(versionOf("urn:dslforum-org:cwmp-1-2", "1.1"),
            CwmpVersion::V1_2);  // does not fit: namespace wins
  EXPECT_EQ(versionOf("urn:dslforum-org:cwmp-1-0", "1.4"), CwmpVersion::V1_0);
  EXPECT_EQ(versionOf("urn:dslforum-org:cwmp-1-2", "nonsense"), CwmpVersion::V1_2);
}

TEST(SoapDecodeRequest, ByteOrderMarkAndLatin1DeclarationAreHandledByTheParser) {
  const std::string bom =
      "\xEF\xBB\xBF" + genieAcs("<cwmp:Reboot><CommandKey>bom</CommandKey></cwmp:Reboot>");
  EXPECT_EQ(request<Reboot>(bom).commandKey, "bom");
  std::string latin1 = genieAcs("<cwmp:Reboot><CommandKey>caf\xE9</CommandKey></cwmp:Reboot>");
  latin1.replace(latin1.find("UTF-8"), 5, "ISO-8859-1");
  EXPECT_EQ(request<Reboot>(latin1).commandKey, "caf\xC3\xA9");
}

}  // namespace
}  // namespace cpemu::cwmp
