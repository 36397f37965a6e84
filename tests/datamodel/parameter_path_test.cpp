// ParameterPath: which CWMP names (TR-069 A.2.2.1, TR-106 §3.1) parse, into which segments, and which
// segments are instance numbers.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "datamodel/parameter_path.h"

namespace cpemu::datamodel {
namespace {

using Segments = std::vector<std::string>;

TEST(ParameterPath, Parse_FullNameSplitsIntoSegments) {
  auto p = ParameterPath::parse("Device.IP.Interface.1.Enable");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->segments(), (Segments{"Device", "IP", "Interface", "1", "Enable"}));
  EXPECT_FALSE(p->isPartial());
  EXPECT_EQ(p->toString(), "Device.IP.Interface.1.Enable");
}

TEST(ParameterPath, Parse_TrailingDotMakesAPartialPathName) {
  auto p = ParameterPath::parse("Device.IP.Interface.");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->segments(), (Segments{"Device", "IP", "Interface"}));
  EXPECT_TRUE(p->isPartial());
  EXPECT_EQ(p->toString(), "Device.IP.Interface.");
}

TEST(ParameterPath, Parse_RootAloneWithAndWithoutDot) {
  auto partial = ParameterPath::parse("Device.");
  ASSERT_TRUE(partial);
  EXPECT_EQ(partial->segments(), (Segments{"Device"}));
  EXPECT_TRUE(partial->isPartial());

  auto bare = ParameterPath::parse("Device");
  ASSERT_TRUE(bare);
  EXPECT_EQ(bare->segments(), (Segments{"Device"}));
  EXPECT_FALSE(bare->isPartial());
}

TEST(ParameterPath, Parse_AcceptsVendorExtensionNames) {
  // TR-106 §3.3: X_<OUI>_Name, and the domain form X_EXAMPLE-COM_Name with a hyphen.
  auto p = ParameterPath::parse("Device.X_00D09E_Radio.X_EXAMPLE-COM_Mode");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->segments(), (Segments{"Device", "X_00D09E_Radio", "X_EXAMPLE-COM_Mode"}));
}

TEST(ParameterPath, Parse_RefusesEmptySegments) {
  for (const char* text : {"", ".", "..", ".Device", ".Device.", "Device..IP", "Device.IP..", "Device..",
                           "Device.IP.Interface..Enable"})
    EXPECT_FALSE(ParameterPath::parse(text)) << "'" << text << "'";
}

TEST(ParameterPath, Parse_RefusesCharactersOutsideTheNameSyntax) {
  for (const char* text :
       {"Device. IP", "Device.IP ", " Device.IP", "Device.IP Interface", "Device.IP\t", "Device.{i}.",
        "Device.IP.Interface.*.", "Device.IP.Interface.[cpe-1].", "Device/IP", "Device.IP.Interface.#1.",
        "Device.Grüße", "Device.IP;rm", "Device.IP.Interface.1.Enable\n"})
    EXPECT_FALSE(ParameterPath::parse(text)) << "'" << text << "'";
  EXPECT_FALSE(ParameterPath::parse(std::string("Device.I\0P", 10)));
}

TEST(ParameterPath, Parse_RefusesAbsurdlyLongNames) {
  std::string longSegment = "Device." + std::string(5000, 'A');
  EXPECT_FALSE(ParameterPath::parse(longSegment));
  std::string manySegments = "Device";
  for (int i = 0; i < 2000; ++i) manySegments += ".A";
  EXPECT_FALSE(ParameterPath::parse(manySegments));
}

TEST(ParameterPath, Parse_AcceptsLongButRealisticNames) {
  std::string name =
      "Device.Services.STBService.1.Components.FrontEnd.1.IP.ServiceMonitoring.MainStream.1."
      "Sample.HighLevelMetricStats.1.X_0090D0_VideoQualityEstimateMeasurementIntervalSeconds";
  auto p = ParameterPath::parse(name);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->toString(), name);
  EXPECT_EQ(p->segments().size(), 15u);
}

TEST(ParameterPath, Parse_KeepsNumericSegmentsAsWritten) {
  // Whether "007" is a valid instance number is instanceNumber()'s decision, not the parser's.
  auto p = ParameterPath::parse("Device.IP.Interface.007.");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->segments()[3], "007");
}

TEST(ParameterPath, InstanceNumber_AcceptsPositiveDecimalNumbers) {
  EXPECT_EQ(ParameterPath::instanceNumber("1"), 1u);
  EXPECT_EQ(ParameterPath::instanceNumber("42"), 42u);
  EXPECT_EQ(ParameterPath::instanceNumber("4294967295"), UINT32_MAX);
}

TEST(ParameterPath, InstanceNumber_RefusesZeroLeadingZerosSignsAndNonDigits) {
  for (const char* segment : {"", "0", "00", "007", "01", "-1", "+1", " 1", "1 ", "1a", "a1", "1.0", "0x1",
                              "Interface", "{i}", "[cpe-1]"})
    EXPECT_EQ(ParameterPath::instanceNumber(segment), std::nullopt) << "'" << segment << "'";
}

TEST(ParameterPath, InstanceNumber_RefusesNumbersBeyondUint32) {
  EXPECT_EQ(ParameterPath::instanceNumber("4294967296"), std::nullopt);
  EXPECT_EQ(ParameterPath::instanceNumber("99999999999999999999999"), std::nullopt);
}

}  // namespace
}  // namespace cpemu::datamodel
