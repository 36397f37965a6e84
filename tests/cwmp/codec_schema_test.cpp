// Every message the encoder can produce validates against the official BBF schema (cwmp-1-N.xsd, with the
// SOAP 1.1 stub schemas through samples/catalog-soap-1-1-stubs.xml), in every CWMP version that defines it.
// Negative controls show the validator does reject what the schema forbids.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "codec_test_messages.h"
#include "cwmp/soap_codec.h"
#include "support/cwmp_schema_validator.h"
#include "support/test_paths.h"

namespace cpemu::cwmp {
namespace {

using cpemu::test::CwmpSchemaValidator;

// Messages cwmp-1-0.xsd and cwmp-1-1.xsd do not define yet (TR-069 Amendment 2 and 3 added them).
const std::set<std::string> kAddedIn11 = {"AutonomousTransferComplete", "GetAllQueuedTransfersResponse"};
const std::set<std::string> kAddedIn12 = {"ScheduleDownloadResponse", "CancelTransferResponse"};

bool definedIn(const std::string& method, CwmpVersion version) {
  if (version == CwmpVersion::V1_0 && (kAddedIn11.count(method) || kAddedIn12.count(method))) return false;
  if (version == CwmpVersion::V1_1 && kAddedIn12.count(method)) return false;
  return true;
}

class SoapCodecSchema : public ::testing::Test {
 protected:
  void SetUp() override {
    catalog_ = cpemu::test::bbfFile("samples/catalog-soap-1-1-stubs.xml");
    for (const char* name : {"cwmp-1-0.xsd", "cwmp-1-1.xsd", "cwmp-1-2.xsd", "cwmp-1-3.xsd", "cwmp-1-4.xsd"})
      if (cpemu::test::bbfFile(name).empty())
        GTEST_SKIP() << "official BBF schema " << name << " not available";
    if (catalog_.empty()) GTEST_SKIP() << "stub catalog not available";
  }

  const CwmpSchemaValidator& validator(const std::string& schema) const {
    return CwmpSchemaValidator::forSchema(cpemu::test::bbfFile(schema), catalog_);
  }

  // The schema for an envelope of `version` with no 1.3/1.4 header: that version's own namespace schema.
  const CwmpSchemaValidator& validatorFor(CwmpVersion version) const {
    switch (version) {
      case CwmpVersion::V1_0:
        return validator("cwmp-1-0.xsd");
      case CwmpVersion::V1_1:
        return validator("cwmp-1-1.xsd");
      default:
        return validator("cwmp-1-2.xsd");
    }
  }

  std::filesystem::path catalog_;
};

SoapHeader idHeader() {
  SoapHeader header;
  header.id = "cpemu-schema-1";
  return header;
}

TEST_F(SoapCodecSchema, EveryCpeRequestValidatesInEveryVersionThatDefinesIt) {
  std::set<std::size_t> covered;
  for (const auto& sample : test::sampleCpeRequests()) {
    covered.insert(sample.message.index());
    const std::string method = methodName(sample.message);
    for (CwmpVersion version : {CwmpVersion::V1_0, CwmpVersion::V1_1, CwmpVersion::V1_2}) {
      if (!definedIn(method, version)) continue;
      const std::string xml = encodeCpeRequest(sample.message, version, idHeader());
      EXPECT_EQ(validatorFor(version).validate(xml), "")
          << sample.label << " in CWMP " << versionName(version) << ":\n"
          << xml;
    }
  }
  EXPECT_EQ(covered.size(), std::variant_size_v<CpeRequest>) << "a CpeRequest alternative has no sample";
}

TEST_F(SoapCodecSchema, EveryCpeResponseValidatesInEveryVersionThatDefinesIt) {
  std::set<std::size_t> covered;
  for (const auto& sample : test::sampleCpeResponses()) {
    covered.insert(sample.message.index());
    const std::string method = methodName(sample.message);
    for (CwmpVersion version : {CwmpVersion::V1_0, CwmpVersion::V1_1, CwmpVersion::V1_2}) {
      if (!definedIn(method, version)) continue;
      const std::string xml = encodeCpeResponse(sample.message, version, idHeader());
      EXPECT_EQ(validatorFor(version).validate(xml), "")
          << sample.label << " in CWMP " << versionName(version) << ":\n"
          << xml;
    }
  }
  EXPECT_EQ(covered.size(), std::variant_size_v<CpeResponse>) << "a CpeResponse alternative has no sample";
}

TEST_F(SoapCodecSchema, MessagesWithoutHeaderValidate) {
  for (const auto& sample : test::sampleCpeResponses()) {
    const std::string xml = encodeCpeResponse(sample.message, CwmpVersion::V1_2, SoapHeader{});
    EXPECT_EQ(xml.find("soap-env:Header"), std::string::npos);
    EXPECT_EQ(validatorFor(CwmpVersion::V1_2).validate(xml), "") << sample.label;
  }
}

TEST_F(SoapCodecSchema, SessionTimeoutHeaderValidatesAgainstCwmp13) {
  SoapHeader header = idHeader();
  header.sessionTimeout = 60;
  const std::string xml = encodeCpeRequest(test::sampleBootstrapInform(), CwmpVersion::V1_3, header);
  EXPECT_EQ(validator("cwmp-1-3.xsd").validate(xml), "") << xml;
  EXPECT_EQ(validator("cwmp-1-4.xsd").validate(xml), "") << xml;
}

TEST_F(SoapCodecSchema, CwmpVersion14HeadersValidateAgainstCwmp14) {
  SoapHeader header = idHeader();
  header.sessionTimeout = 30;
  header.supportedCWMPVersions = "1.0,1.1,1.2,1.3,1.4";
  for (const auto& sample : test::sampleCpeRequests()) {
    const std::string xml = encodeCpeRequest(sample.message, CwmpVersion::V1_4, header);
    EXPECT_EQ(validator("cwmp-1-4.xsd").validate(xml), "") << sample.label << ":\n" << xml;
  }
  SoapHeader useVersion = idHeader();
  useVersion.useCWMPVersion = "1.4";
  useVersion.holdRequests = false;
  for (const auto& sample : test::sampleCpeResponses()) {
    const std::string xml = encodeCpeResponse(sample.message, CwmpVersion::V1_4, useVersion);
    EXPECT_EQ(validator("cwmp-1-4.xsd").validate(xml), "") << sample.label << ":\n" << xml;
  }
}

TEST_F(SoapCodecSchema, TextNeedingEscapesAndControlCharactersStillValidates) {
  Inform m = test::sampleBootstrapInform();
  m.parameterList.push_back(
      {"Device.DeviceInfo.Description", std::string("a\0b\x01\x1F\r\n\t<&>\"'\xFF\xC3", 15), "xsd:string"});
  m.events.push_back({"X 0A1B2C Odd", "key\x07]]>"});
  const std::string xml = encodeCpeRequest(m, CwmpVersion::V1_2, idHeader());
  EXPECT_EQ(validator("cwmp-1-2.xsd").validate(xml), "") << xml;
}

// ---- negative controls: the validator is not a rubber stamp ----

std::string replaceOnce(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

TEST_F(SoapCodecSchema, RejectsLowerCaseOui) {
  Inform m = test::sampleBootstrapInform();
  m.deviceId.oui = "0a1b2c";
  const std::string errors =
      validator("cwmp-1-2.xsd").validate(encodeCpeRequest(m, CwmpVersion::V1_2, idHeader()));
  EXPECT_NE(errors.find("OUI"), std::string::npos) << errors;
}

TEST_F(SoapCodecSchema, RejectsInformWithoutRetryCount) {
  const std::string xml = encodeCpeRequest(test::sampleBootstrapInform(), CwmpVersion::V1_2, idHeader());
  const std::string errors =
      validator("cwmp-1-2.xsd").validate(replaceOnce(xml, "<RetryCount>0</RetryCount>", ""));
  EXPECT_NE(errors.find("ParameterList"), std::string::npos) << errors;  // "expected is ( RetryCount )"
}

TEST_F(SoapCodecSchema, RejectsIdWithoutMustUnderstand) {
  const std::string xml = encodeCpeRequest(test::sampleBootstrapInform(), CwmpVersion::V1_2, idHeader());
  const std::string errors =
      validator("cwmp-1-2.xsd").validate(replaceOnce(xml, " soap-env:mustUnderstand=\"1\"", ""));
  EXPECT_NE(errors.find("mustUnderstand"), std::string::npos) << errors;
}

TEST_F(SoapCodecSchema, RejectsFaultCodeOutsideTheCwmpRanges) {
  const std::string errors = validator("cwmp-1-2.xsd")
                                 .validate(encodeCpeResponse(CwmpFault{1234, "not a CWMP code", {}, ""},
                                                             CwmpVersion::V1_2, idHeader()));
  EXPECT_NE(errors.find("FaultCode"), std::string::npos) << errors;
}

TEST_F(SoapCodecSchema, RejectsSupportedVersionsHeaderAgainstCwmp12) {
  SoapHeader header = idHeader();
  header.supportedCWMPVersions = "1.0,1.1,1.2,1.3,1.4";
  const std::string errors =
      validator("cwmp-1-2.xsd")
          .validate(encodeCpeRequest(test::sampleBootstrapInform(), CwmpVersion::V1_4, header));
  EXPECT_NE(errors.find("SupportedCWMPVersions"), std::string::npos) << errors;
}

}  // namespace
}  // namespace cpemu::cwmp
