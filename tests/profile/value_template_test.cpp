// Per-device value templates (docs/profiles.md "Templates"): each placeholder, escapes, and the errors
// a typo in a profile produces.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "profile/value_template.h"

namespace cpemu::profile {
namespace {

std::string expand(std::string_view text, std::uint64_t index, std::string serial = "SN42",
                   std::string oui = "02AB01") {
  return ValueTemplate::parse(text).expand({index, std::move(serial), std::move(oui)});
}

std::string parseError(std::string_view text) {
  try {
    ValueTemplate::parse(text);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  ADD_FAILURE() << "'" << text << "' parsed without error";
  return "";
}

TEST(ValueTemplate, IndexIsTheDeviceNumberInDecimal) {
  EXPECT_EQ(expand("{index}", 1), "1");
  EXPECT_EQ(expand("{index}", 26), "26");
  EXPECT_EQ(expand("dev-{index}-x", 300), "dev-300-x");
}

TEST(ValueTemplate, IndexWithWidthIsZeroPadded) {
  EXPECT_EQ(expand("{index:08}", 1), "00000001");
  EXPECT_EQ(expand("{index:08}", 26), "00000026");
  EXPECT_EQ(expand("GW{index:08}", 123456789), "GW123456789");  // wider than the width: not cut
  EXPECT_EQ(expand("{index:20}", 18446744073709551615ull), "18446744073709551615");
}

TEST(ValueTemplate, IndexInHexadecimalLowerAndUpperCase) {
  EXPECT_EQ(expand("{index:x}", 26), "1a");
  EXPECT_EQ(expand("{index:X}", 26), "1A");
  EXPECT_EQ(expand("{index:06x}", 26), "00001a");
  EXPECT_EQ(expand("{index:06X}", 26), "00001A");
  EXPECT_EQ(expand("{index:06X}", 1), "000001");
  EXPECT_EQ(expand("{index:012x}", 0xABCDEF123ull), "000abcdef123");
}

TEST(ValueTemplate, SerialAndOuiComeFromTheContext) {
  EXPECT_EQ(expand("{oui}-{serial}", 7, "GW00000007", "02C9E1"), "02C9E1-GW00000007");
  EXPECT_EQ(expand("/cr/{serial}", 1, "X1"), "/cr/X1");
}

TEST(ValueTemplate, MacIsLocallyAdministeredWithTheIndexInTheLastFourBytes) {
  EXPECT_EQ(expand("{mac:01}", 1), "02:01:00:00:00:01");
  EXPECT_EQ(expand("{mac:01}", 300), "02:01:00:00:01:2C");
  EXPECT_EQ(expand("{mac:a1}", 2), "02:A1:00:00:00:02");
  EXPECT_EQ(expand("{mac:FF}", 0xDEADBEEFull), "02:FF:DE:AD:BE:EF");
  // Documented: indexes above 4294967295 wrap around in the last four bytes.
  EXPECT_EQ(expand("{mac:10}", 0x100000005ull), "02:10:00:00:00:05");
}

TEST(ValueTemplate, DifferentMacBytesGiveDifferentAddressesForOneDevice) {
  EXPECT_NE(expand("{mac:01}", 5), expand("{mac:02}", 5));
  EXPECT_NE(expand("{mac:01}", 5), expand("{mac:01}", 6));
}

TEST(ValueTemplate, DoubledBracesAreLiteralBraces) {
  EXPECT_EQ(expand("{{index}}", 3), "{index}");
  EXPECT_EQ(expand("{{{index}}}", 3), "{3}");
  EXPECT_EQ(expand("a}}b{{c", 3), "a}b{c");
  EXPECT_TRUE(ValueTemplate::parse("{{index}}").isConstant());
}

TEST(ValueTemplate, TextWithoutPlaceholdersIsConstant) {
  EXPECT_TRUE(ValueTemplate::parse("").isConstant());
  EXPECT_TRUE(ValueTemplate::parse("plain text: 1,2,3").isConstant());
  EXPECT_EQ(expand("plain text", 9), "plain text");
  EXPECT_EQ(expand("", 9), "");
  EXPECT_FALSE(ValueTemplate::parse("{index}").isConstant());
  EXPECT_FALSE(ValueTemplate::parse("a{oui}").isConstant());
}

TEST(ValueTemplate, UsesSerialOnlyWhenSerialPlaceholderIsPresent) {
  EXPECT_TRUE(ValueTemplate::parse("cr-{serial}").usesSerial());
  EXPECT_FALSE(ValueTemplate::parse("cr-{index}").usesSerial());
  EXPECT_FALSE(ValueTemplate::parse("cr-{{serial}}").usesSerial());
}

TEST(ValueTemplate, UnknownPlaceholderIsRejectedWithTheKnownOnes) {
  std::string message = parseError("SN{idx}");
  EXPECT_NE(message.find("unknown placeholder {idx}"), std::string::npos) << message;
  EXPECT_NE(message.find("{mac:NN}"), std::string::npos) << message;
  EXPECT_NE(parseError("{serial:08}").find("unknown placeholder"), std::string::npos);
  EXPECT_NE(parseError("{oui:x}").find("unknown placeholder"), std::string::npos);
  EXPECT_NE(parseError("{}").find("unknown placeholder"), std::string::npos);
}

TEST(ValueTemplate, BadIndexFormatIsRejected) {
  EXPECT_NE(parseError("{index:abc}").find("expected a width"), std::string::npos);
  EXPECT_NE(parseError("{index:-5}").find("expected a width"), std::string::npos);
  EXPECT_NE(parseError("{index:8y}").find("expected a width"), std::string::npos);
  EXPECT_NE(parseError("{index:21}").find("width above 20"), std::string::npos);
}

TEST(ValueTemplate, MacNeedsExactlyTwoHexDigits) {
  EXPECT_NE(parseError("{mac:1}").find("two hex digits"), std::string::npos);
  EXPECT_NE(parseError("{mac:001}").find("two hex digits"), std::string::npos);
  EXPECT_NE(parseError("{mac:zz}").find("two hex digits"), std::string::npos);
  EXPECT_NE(parseError("{mac}").find("two hex digits"), std::string::npos);
}

TEST(ValueTemplate, UnbalancedBracesAreRejected) {
  EXPECT_NE(parseError("abc{index").find("unclosed '{'"), std::string::npos);
  EXPECT_NE(parseError("{").find("unclosed '{'"), std::string::npos);
  EXPECT_NE(parseError("abc}").find("unmatched '}'"), std::string::npos);
  EXPECT_NE(parseError("{index}}").find("unmatched '}'"), std::string::npos);
}

}  // namespace
}  // namespace cpemu::profile
