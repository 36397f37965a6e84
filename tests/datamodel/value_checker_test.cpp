// checkValue(): which values each base type and facet admits, the fault it gives for the rest
// (9006 not of the type at all, 9007 refused by a facet), and the canonical form it stores (TR-069 A.2.1).
#include <gtest/gtest.h>

#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>

#include "datamodel/value_checker.h"

namespace cpemu::datamodel {
namespace {

Syntax syntaxOf(BaseType type) {
  Syntax s;
  s.type = type;
  return s;
}

Syntax withPatterns(std::initializer_list<const char*> patterns) {
  Syntax s = syntaxOf(BaseType::String);
  for (const char* p : patterns) s.patterns.push_back(std::make_shared<const Pattern>(p));
  return s;
}

Syntax listOf(Syntax item, ListFacet list = {}) {
  item.list = std::move(list);
  return item;
}

// The canonical form of an accepted value; a refusal fails the calling test with the fault's message.
std::string canonical(const Syntax& s, std::string_view value, WriteOrigin origin = WriteOrigin::Acs) {
  CheckedValue r = checkValue(s, value, origin);
  EXPECT_FALSE(r.fault) << "'" << value << "' refused: " << r.fault.number() << " " << r.fault.message;
  return r.canonical;
}

// The fault number (0 when accepted), so that a failing expectation prints 9006/9007.
int faultFor(const Syntax& s, std::string_view value, WriteOrigin origin = WriteOrigin::Acs) {
  return checkValue(s, value, origin).fault.number();
}

constexpr int kWrongType = static_cast<int>(FaultCode::InvalidParameterType);  // 9006
constexpr int kBadValue = static_cast<int>(FaultCode::InvalidParameterValue);  // 9007
constexpr int kAccepted = 0;

// ---- string ----------------------------------------------------------------------------------------

TEST(ValueChecker, String_AcceptsAnyTextUnchanged) {
  Syntax s = syntaxOf(BaseType::String);
  EXPECT_EQ(canonical(s, ""), "");
  EXPECT_EQ(canonical(s, "  leading and trailing spaces  "), "  leading and trailing spaces  ");
  EXPECT_EQ(canonical(s, "Grüße, 日本"), "Grüße, 日本");
  EXPECT_EQ(canonical(s, "1,2,3"), "1,2,3");  // not a list: commas are just characters
}

TEST(ValueChecker, StringSize_CountsCharactersNotBytes) {
  Syntax s = syntaxOf(BaseType::String);
  s.sizes.push_back({std::nullopt, 4});
  EXPECT_EQ(canonical(s, "Grüß"), "Grüß");        // 4 characters, 6 bytes
  EXPECT_EQ(canonical(s, "日本語!"), "日本語!");  // 4 characters, 10 bytes
  EXPECT_EQ(canonical(s, "😀😀😀😀"), "😀😀😀😀");        // 4 characters, 16 bytes
  EXPECT_EQ(faultFor(s, "Grüße"), kBadValue);     // 5 characters
  EXPECT_EQ(faultFor(s, "abcde"), kBadValue);
}

TEST(ValueChecker, StringSize_MinLengthCountsCharacters) {
  Syntax s = syntaxOf(BaseType::String);
  s.sizes.push_back({2, 8});
  EXPECT_EQ(faultFor(s, ""), kBadValue);
  EXPECT_EQ(faultFor(s, "ü"), kBadValue);  // one character although two bytes
  EXPECT_EQ(canonical(s, "üü"), "üü");
  EXPECT_EQ(canonical(s, "12345678"), "12345678");
  EXPECT_EQ(faultFor(s, "123456789"), kBadValue);
}

TEST(ValueChecker, StringSize_SeveralSizeFacetsAdmitAValueThatFitsAnyOne) {
  Syntax s = syntaxOf(BaseType::String);
  s.sizes.push_back({0, 0});
  s.sizes.push_back({4, 4});
  EXPECT_EQ(canonical(s, ""), "");
  EXPECT_EQ(canonical(s, "abcd"), "abcd");
  EXPECT_EQ(faultFor(s, "ab"), kBadValue);
  EXPECT_EQ(faultFor(s, "abcde"), kBadValue);
}

// ---- boolean ---------------------------------------------------------------------------------------

TEST(ValueChecker, Boolean_AcceptsWordsAndDigitsAndStoresWords) {
  Syntax s = syntaxOf(BaseType::Boolean);
  EXPECT_EQ(canonical(s, "1"), "true");
  EXPECT_EQ(canonical(s, "0"), "false");
  EXPECT_EQ(canonical(s, "true"), "true");
  EXPECT_EQ(canonical(s, "false"), "false");
}

TEST(ValueChecker, Boolean_OtherSpellingsAreTheWrongType) {
  Syntax s = syntaxOf(BaseType::Boolean);
  for (const char* v : {"", "TRUE", "True", "yes", "on", "2", "01", " true", "false "})
    EXPECT_EQ(faultFor(s, v), kWrongType) << "'" << v << "'";
}

// ---- integers --------------------------------------------------------------------------------------

TEST(ValueChecker, Integers_CanonicalFormHasNoPlusSignLeadingZerosOrNegativeZero) {
  for (BaseType t : {BaseType::Int, BaseType::UnsignedInt, BaseType::Long, BaseType::UnsignedLong}) {
    SCOPED_TRACE(std::string(xsdName(t)));
    Syntax s = syntaxOf(t);
    EXPECT_EQ(canonical(s, "+007"), "7");
    EXPECT_EQ(canonical(s, "-0"), "0");
    EXPECT_EQ(canonical(s, "+0"), "0");
    EXPECT_EQ(canonical(s, "000"), "0");
    EXPECT_EQ(canonical(s, "42"), "42");
    EXPECT_EQ(canonical(s, "100"), "100");  // zeros that are not leading stay
  }
  EXPECT_EQ(canonical(syntaxOf(BaseType::Int), "-007"), "-7");
  EXPECT_EQ(canonical(syntaxOf(BaseType::Long), "-0042"), "-42");
}

TEST(ValueChecker, Integers_NonIntegerTextIsTheWrongType) {
  for (BaseType t : {BaseType::Int, BaseType::UnsignedInt, BaseType::Long, BaseType::UnsignedLong}) {
    Syntax s = syntaxOf(t);
    for (const char* v : {"", "+", "-", "--1", "+-1", "1.0", "1.", "1e3", " 1", "1 ", "0x10", "abc", "1_000"})
      EXPECT_EQ(faultFor(s, v), kWrongType) << xsdName(t) << " '" << v << "'";
  }
}

TEST(ValueChecker, Int_AcceptsExactlyTheInt32Range) {
  Syntax s = syntaxOf(BaseType::Int);
  EXPECT_EQ(canonical(s, "-2147483648"), "-2147483648");
  EXPECT_EQ(canonical(s, "2147483647"), "2147483647");
  EXPECT_EQ(canonical(s, "+0002147483647"), "2147483647");
  EXPECT_EQ(faultFor(s, "-2147483649"), kWrongType);
  EXPECT_EQ(faultFor(s, "2147483648"), kWrongType);
}

TEST(ValueChecker, UnsignedInt_AcceptsExactlyTheUint32Range) {
  Syntax s = syntaxOf(BaseType::UnsignedInt);
  EXPECT_EQ(canonical(s, "0"), "0");
  EXPECT_EQ(canonical(s, "4294967295"), "4294967295");
  EXPECT_EQ(faultFor(s, "4294967296"), kWrongType);
  EXPECT_EQ(faultFor(s, "-1"), kWrongType);
}

TEST(ValueChecker, Long_AcceptsExactlyTheInt64Range) {
  Syntax s = syntaxOf(BaseType::Long);
  EXPECT_EQ(canonical(s, "-9223372036854775808"), "-9223372036854775808");
  EXPECT_EQ(canonical(s, "9223372036854775807"), "9223372036854775807");
  EXPECT_EQ(faultFor(s, "-9223372036854775809"), kWrongType);
  EXPECT_EQ(faultFor(s, "9223372036854775808"), kWrongType);
}

TEST(ValueChecker, UnsignedLong_AcceptsExactlyTheUint64Range) {
  Syntax s = syntaxOf(BaseType::UnsignedLong);
  EXPECT_EQ(canonical(s, "18446744073709551615"), "18446744073709551615");
  EXPECT_EQ(canonical(s, "00018446744073709551615"), "18446744073709551615");
  EXPECT_EQ(faultFor(s, "18446744073709551616"), kWrongType);
  EXPECT_EQ(faultFor(s, "100000000000000000000"), kWrongType);
  EXPECT_EQ(faultFor(s, "-1"), kWrongType);
}

// ---- ranges ----------------------------------------------------------------------------------------

TEST(ValueChecker, Range_BoundsAreInclusiveAndOutsideIsAnInvalidValue) {
  Syntax s = syntaxOf(BaseType::UnsignedInt);
  s.ranges.push_back({64, 65535, std::nullopt});
  EXPECT_EQ(canonical(s, "64"), "64");
  EXPECT_EQ(canonical(s, "65535"), "65535");
  EXPECT_EQ(faultFor(s, "63"), kBadValue);
  EXPECT_EQ(faultFor(s, "65536"), kBadValue);
  EXPECT_EQ(faultFor(s, "4294967296"), kWrongType);  // not an unsignedInt at all
}

TEST(ValueChecker, Range_OpenEndedRangeBoundsOneSideOnly) {
  Syntax s = syntaxOf(BaseType::Int);
  s.ranges.push_back({-1, std::nullopt, std::nullopt});
  EXPECT_EQ(canonical(s, "-1"), "-1");
  EXPECT_EQ(canonical(s, "2147483647"), "2147483647");
  EXPECT_EQ(faultFor(s, "-2"), kBadValue);
}

TEST(ValueChecker, Range_SeveralRangesAdmitAValueInAnyOne) {
  // TR-181 style: -1 means "automatic", otherwise 1..10.
  Syntax s = syntaxOf(BaseType::Int);
  s.ranges.push_back({-1, -1, std::nullopt});
  s.ranges.push_back({1, 10, std::nullopt});
  EXPECT_EQ(canonical(s, "-1"), "-1");
  EXPECT_EQ(canonical(s, "1"), "1");
  EXPECT_EQ(canonical(s, "+010"), "10");
  EXPECT_EQ(faultFor(s, "0"), kBadValue);
  EXPECT_EQ(faultFor(s, "-2"), kBadValue);
  EXPECT_EQ(faultFor(s, "11"), kBadValue);
}

TEST(ValueChecker, RangeStep_AdmitsOnlyStepsCountedFromTheMinimum) {
  Syntax s = syntaxOf(BaseType::Int);
  s.ranges.push_back({-127000, 0, 500});  // as TR-181 WiFi power levels
  EXPECT_EQ(canonical(s, "-127000"), "-127000");
  EXPECT_EQ(canonical(s, "-126500"), "-126500");
  EXPECT_EQ(canonical(s, "0"), "0");
  EXPECT_EQ(faultFor(s, "-126900"), kBadValue);
  EXPECT_EQ(faultFor(s, "-1"), kBadValue);

  Syntax odd = syntaxOf(BaseType::UnsignedInt);
  odd.ranges.push_back({1, 11, 5});
  EXPECT_EQ(canonical(odd, "6"), "6");
  EXPECT_EQ(faultFor(odd, "5"), kBadValue);  // a multiple of 5, but not a step from 1
}

TEST(ValueChecker, RangeStep_WithoutMinimumCountsFromZero) {
  Syntax s = syntaxOf(BaseType::UnsignedInt);
  s.ranges.push_back({std::nullopt, 61440, 4096});
  EXPECT_EQ(canonical(s, "0"), "0");
  EXPECT_EQ(canonical(s, "8192"), "8192");
  EXPECT_EQ(faultFor(s, "4095"), kBadValue);
}

TEST(ValueChecker, RangeOnUnsignedLong_ComparesLargeValuesExactly) {
  Syntax s = syntaxOf(BaseType::UnsignedLong);
  s.ranges.push_back({std::nullopt, 18446744073709551614.0L, std::nullopt});
  EXPECT_EQ(canonical(s, "18446744073709551614"), "18446744073709551614");
  EXPECT_EQ(faultFor(s, "18446744073709551615"), kBadValue);
}

// ---- decimal ---------------------------------------------------------------------------------------

TEST(ValueChecker, Decimal_CanonicalFormTrimsSignAndZeros) {
  Syntax s = syntaxOf(BaseType::Decimal);
  EXPECT_EQ(canonical(s, "3.14"), "3.14");
  EXPECT_EQ(canonical(s, "+1.50"), "1.5");
  EXPECT_EQ(canonical(s, "007.100"), "7.1");
  EXPECT_EQ(canonical(s, "-0.0"), "0");
  EXPECT_EQ(canonical(s, "-12"), "-12");
  EXPECT_EQ(canonical(s, ".5"), "0.5");
  EXPECT_EQ(canonical(s, "-.5"), "-0.5");
  EXPECT_EQ(canonical(s, "5."), "5");
}

TEST(ValueChecker, Decimal_NonDecimalTextIsTheWrongType) {
  Syntax s = syntaxOf(BaseType::Decimal);
  for (const char* v : {"", ".", "+", "-", "1.2.3", "1e3", "1,5", "abc", " 1.0", "NaN", "inf"})
    EXPECT_EQ(faultFor(s, v), kWrongType) << "'" << v << "'";
}

TEST(ValueChecker, DecimalRange_ComparesFractions) {
  Syntax s = syntaxOf(BaseType::Decimal);
  s.ranges.push_back({-1.5L, 2.5L, std::nullopt});
  EXPECT_EQ(canonical(s, "2.5"), "2.5");
  EXPECT_EQ(canonical(s, "-1.50"), "-1.5");
  EXPECT_EQ(faultFor(s, "2.51"), kBadValue);
  EXPECT_EQ(faultFor(s, "-1.6"), kBadValue);
}

TEST(ValueChecker, DecimalRangeStep_AdmitsMultiplesOfAFractionalStep) {
  Syntax half = syntaxOf(BaseType::Decimal);
  half.ranges.push_back({0, 10, 0.5L});
  EXPECT_EQ(canonical(half, "2.5"), "2.5");
  EXPECT_EQ(faultFor(half, "2.25"), kBadValue);

  // 0.1 has no exact binary form: the check must not depend on rounding luck.
  Syntax tenth = syntaxOf(BaseType::Decimal);
  tenth.ranges.push_back({0, 1, 0.1L});
  for (const char* v : {"0", "0.1", "0.2", "0.3", "0.6", "0.7", "0.9", "1"})
    EXPECT_EQ(faultFor(tenth, v), kAccepted) << v;
  EXPECT_EQ(faultFor(tenth, "0.15"), kBadValue);
  EXPECT_EQ(faultFor(tenth, "0.31"), kBadValue);
}

// ---- dateTime --------------------------------------------------------------------------------------

TEST(ValueChecker, DateTime_UtcValueIsStoredUnchanged) {
  Syntax s = syntaxOf(BaseType::DateTime);
  EXPECT_EQ(canonical(s, "2026-01-02T03:04:05Z"), "2026-01-02T03:04:05Z");
  EXPECT_EQ(canonical(s, "0001-01-01T00:00:00Z"), "0001-01-01T00:00:00Z");  // TR-106 "unknown time"
  EXPECT_EQ(canonical(s, "9999-12-31T23:59:59Z"), "9999-12-31T23:59:59Z");
}

TEST(ValueChecker, DateTime_ZoneOffsetIsNormalisedToUtc) {
  Syntax s = syntaxOf(BaseType::DateTime);
  EXPECT_EQ(canonical(s, "2026-01-02T03:04:05+02:00"), "2026-01-02T01:04:05Z");
  EXPECT_EQ(canonical(s, "2026-01-02T03:04:05-05:30"), "2026-01-02T08:34:05Z");
  EXPECT_EQ(canonical(s, "2026-01-02T03:04:05+00:00"), "2026-01-02T03:04:05Z");
  EXPECT_EQ(canonical(s, "2026-01-02T03:04:05-00:00"), "2026-01-02T03:04:05Z");
}

TEST(ValueChecker, DateTime_OffsetNormalisationCrossesDayMonthAndYear) {
  Syntax s = syntaxOf(BaseType::DateTime);
  EXPECT_EQ(canonical(s, "2026-12-31T23:30:00-01:00"), "2027-01-01T00:30:00Z");
  EXPECT_EQ(canonical(s, "2026-03-01T00:30:00+01:00"), "2026-02-28T23:30:00Z");
  EXPECT_EQ(canonical(s, "2024-03-01T00:30:00+01:00"), "2024-02-29T23:30:00Z");
}

TEST(ValueChecker, DateTime_WithoutZoneIsKeptAsTheDevicesLocalTime) {
  Syntax s = syntaxOf(BaseType::DateTime);
  EXPECT_EQ(canonical(s, "2026-01-02T03:04:05"), "2026-01-02T03:04:05");
}

TEST(ValueChecker, DateTime_FractionalSecondsAreKeptWithoutTrailingZeros) {
  Syntax s = syntaxOf(BaseType::DateTime);
  EXPECT_EQ(canonical(s, "2026-01-02T03:04:05.123Z"), "2026-01-02T03:04:05.123Z");
  EXPECT_EQ(canonical(s, "2026-01-02T03:04:05.500Z"), "2026-01-02T03:04:05.5Z");
  EXPECT_EQ(canonical(s, "2026-01-02T03:04:05.000Z"), "2026-01-02T03:04:05Z");
  EXPECT_EQ(canonical(s, "2026-01-02T03:04:05.25+02:00"), "2026-01-02T01:04:05.25Z");
  EXPECT_EQ(canonical(s, "2026-01-02T03:04:05.75"), "2026-01-02T03:04:05.75");
}

TEST(ValueChecker, DateTime_Feb29IsAcceptedOnlyInLeapYears) {
  Syntax s = syntaxOf(BaseType::DateTime);
  EXPECT_EQ(canonical(s, "2024-02-29T12:00:00Z"), "2024-02-29T12:00:00Z");
  EXPECT_EQ(canonical(s, "2000-02-29T12:00:00Z"), "2000-02-29T12:00:00Z");  // divisible by 400
  EXPECT_EQ(faultFor(s, "2025-02-29T12:00:00Z"), kWrongType);
  EXPECT_EQ(faultFor(s, "1900-02-29T12:00:00Z"), kWrongType);  // divisible by 100, not by 400
  EXPECT_EQ(faultFor(s, "2024-02-30T12:00:00Z"), kWrongType);
}

TEST(ValueChecker, DateTime_Hour24IsOnlyTheEndOfTheDay) {
  Syntax s = syntaxOf(BaseType::DateTime);
  EXPECT_EQ(canonical(s, "2026-12-31T24:00:00Z"), "2027-01-01T00:00:00Z");
  EXPECT_EQ(faultFor(s, "2026-01-02T24:00:01Z"), kWrongType);
  EXPECT_EQ(faultFor(s, "2026-01-02T24:30:00"), kWrongType);
}

TEST(ValueChecker, DateTime_ImpossibleDatesAndTimesAreTheWrongType) {
  Syntax s = syntaxOf(BaseType::DateTime);
  for (const char* v :
       {"2026-13-01T00:00:00Z", "2026-00-10T00:00:00Z", "2026-01-32T00:00:00Z", "2026-01-00T00:00:00Z",
        "2026-04-31T00:00:00Z", "2026-01-02T25:00:00Z", "2026-01-02T03:60:00Z", "2026-01-02T03:04:61Z"})
    EXPECT_EQ(faultFor(s, v), kWrongType) << v;
}

TEST(ValueChecker, DateTime_MalformedTextIsTheWrongType) {
  Syntax s = syntaxOf(BaseType::DateTime);
  for (const char* v : {"", "2026-01-02", "2026-01-02T03:04Z", "2026-01-02 03:04:05Z", "2026-01-02t03:04:05Z",
                        "2026-1-02T03:04:05Z", "26-01-02T03:04:05Z", "2026-01-02T03:04:05z",
                        "2026-01-02T03:04:05+2:00", "2026-01-02T03:04:05+0200", "2026-01-02T03:04:05+15:00",
                        "2026-01-02T03:04:05+02:60", "2026-01-02T03:04:05.Z", "2026-01-02T03:04:05Z ",
                        " 2026-01-02T03:04:05Z", "2026-01-02T03:04:05ZZ", "+2026-01-02T03:04:05Z"})
    EXPECT_EQ(faultFor(s, v), kWrongType) << "'" << v << "'";
}

// ---- base64 and hexBinary --------------------------------------------------------------------------

TEST(ValueChecker, Base64_AcceptsPaddedEncodingsUnchanged) {
  Syntax s = syntaxOf(BaseType::Base64);
  EXPECT_EQ(canonical(s, ""), "");
  EXPECT_EQ(canonical(s, "AQID"), "AQID");
  EXPECT_EQ(canonical(s, "AQI="), "AQI=");
  EXPECT_EQ(canonical(s, "AQ=="), "AQ==");
  EXPECT_EQ(canonical(s, "aGVsbG8gd29ybGQ+Lw=="), "aGVsbG8gd29ybGQ+Lw==");
}

TEST(ValueChecker, Base64_MalformedEncodingsAreTheWrongType) {
  Syntax s = syntaxOf(BaseType::Base64);
  for (const char* v : {"AQI", "A", "A===", "====", "AQ=I", "=AQI", "AQ-_", "AQ*D"})
    EXPECT_EQ(faultFor(s, v), kWrongType) << "'" << v << "'";
}

TEST(ValueChecker, Base64Size_CountsDecodedBytes) {
  Syntax s = syntaxOf(BaseType::Base64);
  s.sizes.push_back({2, 3});
  EXPECT_EQ(canonical(s, "AQID"), "AQID");        // 4 characters, 3 bytes
  EXPECT_EQ(canonical(s, "AQI="), "AQI=");        // 2 bytes
  EXPECT_EQ(faultFor(s, "AQ=="), kBadValue);      // 1 byte
  EXPECT_EQ(faultFor(s, "AQIDBA=="), kBadValue);  // 4 bytes
}

TEST(ValueChecker, HexBinary_AcceptsPairsOfHexDigitsUnchanged) {
  Syntax s = syntaxOf(BaseType::HexBinary);
  EXPECT_EQ(canonical(s, ""), "");
  EXPECT_EQ(canonical(s, "00ff"), "00ff");
  EXPECT_EQ(canonical(s, "DEADbeef"), "DEADbeef");
  for (const char* v : {"0", "abc", "0g", "0x00", "00 ff", "-1"})
    EXPECT_EQ(faultFor(s, v), kWrongType) << "'" << v << "'";
}

TEST(ValueChecker, HexBinarySize_CountsBytesNotDigits) {
  Syntax s = syntaxOf(BaseType::HexBinary);
  s.sizes.push_back({std::nullopt, 2});
  EXPECT_EQ(canonical(s, "0102"), "0102");  // 4 digits, 2 bytes
  EXPECT_EQ(faultFor(s, "010203"), kBadValue);

  Syntax exact = syntaxOf(BaseType::HexBinary);
  exact.sizes.push_back({0, 0});
  exact.sizes.push_back({8, 8});
  EXPECT_EQ(canonical(exact, ""), "");
  EXPECT_EQ(canonical(exact, "0011223344556677"), "0011223344556677");
  EXPECT_EQ(faultFor(exact, "00112233"), kBadValue);
}

// ---- enumerations ----------------------------------------------------------------------------------

TEST(ValueChecker, Enumeration_AdmitsOnlyListedValuesCaseSensitively) {
  Syntax s = syntaxOf(BaseType::String);
  s.enumerations = {{"Up", false}, {"Down", false}};
  EXPECT_EQ(canonical(s, "Up"), "Up");
  EXPECT_EQ(canonical(s, "Down"), "Down");
  EXPECT_EQ(faultFor(s, "up"), kBadValue);
  EXPECT_EQ(faultFor(s, "Up "), kBadValue);
  EXPECT_EQ(faultFor(s, ""), kBadValue);
  EXPECT_EQ(faultFor(s, "Dormant", WriteOrigin::Device), kBadValue);  // the device is bound by it too
}

TEST(ValueChecker, Enumeration_ReadOnlyValueIsRefusedFromAcsButAcceptedFromDevice) {
  Syntax s = syntaxOf(BaseType::String);
  s.enumerations = {{"None", false}, {"Requested", false}, {"Complete", true}, {"Error", true}};
  EXPECT_EQ(canonical(s, "Requested", WriteOrigin::Acs), "Requested");
  EXPECT_EQ(faultFor(s, "Complete", WriteOrigin::Acs), kBadValue);
  EXPECT_EQ(faultFor(s, "Error", WriteOrigin::Acs), kBadValue);
  EXPECT_EQ(canonical(s, "Complete", WriteOrigin::Device), "Complete");
  EXPECT_EQ(canonical(s, "Error", WriteOrigin::Device), "Error");
}

TEST(ValueChecker, Enumeration_OfNumbersComparesTheCanonicalForm) {
  Syntax s = syntaxOf(BaseType::UnsignedInt);
  s.enumerations = {{"1", false}, {"20", false}};
  EXPECT_EQ(canonical(s, "+01"), "1");
  EXPECT_EQ(canonical(s, "020"), "20");
  EXPECT_EQ(faultFor(s, "2"), kBadValue);
}

// ---- patterns --------------------------------------------------------------------------------------

TEST(ValueChecker, Pattern_IsImplicitlyAnchoredAtBothEnds) {
  Syntax s = withPatterns({"[a-z]+"});
  EXPECT_EQ(canonical(s, "abc"), "abc");
  EXPECT_EQ(faultFor(s, "abc1"), kBadValue);
  EXPECT_EQ(faultFor(s, "1abc"), kBadValue);
  EXPECT_EQ(faultFor(s, ""), kBadValue);
}

TEST(ValueChecker, Pattern_AnchoringCoversEveryBranchOfAnAlternation) {
  Syntax s = withPatterns({"ab|cd"});
  EXPECT_EQ(canonical(s, "ab"), "ab");
  EXPECT_EQ(canonical(s, "cd"), "cd");
  EXPECT_EQ(faultFor(s, "abx"), kBadValue);
  EXPECT_EQ(faultFor(s, "xcd"), kBadValue);
  EXPECT_EQ(faultFor(s, "abcd"), kBadValue);
}

TEST(ValueChecker, Pattern_SeveralPatternsAreAlternatives) {
  Syntax s = withPatterns({"[0-9]+", "x[a-z]"});
  EXPECT_EQ(canonical(s, "123"), "123");
  EXPECT_EQ(canonical(s, "xy"), "xy");
  EXPECT_EQ(faultFor(s, "x1"), kBadValue);
  EXPECT_EQ(faultFor(s, "12a"), kBadValue);
}

TEST(ValueChecker, Pattern_EmptyPatternWithMacAddressAdmitsEmptyOrAMac) {
  // TR-181 MACAddress: <pattern value=""/> plus the address pattern.
  Syntax s = withPatterns({"", "([0-9A-Fa-f][0-9A-Fa-f]:){5}([0-9A-Fa-f][0-9A-Fa-f])"});
  EXPECT_EQ(canonical(s, ""), "");
  EXPECT_EQ(canonical(s, "00:11:22:aa:BB:ff"), "00:11:22:aa:BB:ff");
  for (const char* v : {"00:11:22:aa:BB", "00:11:22:aa:BB:ff:", "00-11-22-aa-bb-ff", "0:11:22:aa:BB:ff",
                        "00:11:22:aa:BB:fg", " 00:11:22:aa:BB:ff", "00:11:22:aa:BB:ff:00"})
    EXPECT_EQ(faultFor(s, v), kBadValue) << "'" << v << "'";
}

TEST(ValueChecker, Pattern_EmptyPatternAloneAdmitsOnlyTheEmptyString) {
  Syntax s = withPatterns({""});
  EXPECT_EQ(canonical(s, ""), "");
  EXPECT_EQ(faultFor(s, "a"), kBadValue);
}

TEST(ValueChecker, Pattern_CaretAndDollarAreOrdinaryCharactersAsInXsd) {
  Syntax s = withPatterns({"US$[0-9]+", "a^b"});
  EXPECT_EQ(canonical(s, "US$5"), "US$5");
  EXPECT_EQ(canonical(s, "a^b"), "a^b");
  EXPECT_EQ(faultFor(s, "US5"), kBadValue);
  EXPECT_EQ(faultFor(s, "ab"), kBadValue);
}

TEST(ValueChecker, Pattern_NegatedCharacterClassStillWorks) {
  Syntax s = withPatterns({"[^:]+"});
  EXPECT_EQ(canonical(s, "host"), "host");
  EXPECT_EQ(faultFor(s, "ho:st"), kBadValue);
}

TEST(ValueChecker, Pattern_HyphenBeforeAClassOutsideAClassIsChecked) {
  // TR-181 UUID: "-[" here is a literal hyphen followed by a class, not XSD class subtraction.
  Syntax uuid = withPatterns({"[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}"});
  EXPECT_EQ(canonical(uuid, "f81d4fae-7dec-11d0-a765-00a0c91e6bf6"), "f81d4fae-7dec-11d0-a765-00a0c91e6bf6");
  EXPECT_EQ(faultFor(uuid, "f81d4fae7dec11d0a76500a0c91e6bf6"), kBadValue);
  EXPECT_EQ(faultFor(uuid, "not-a-uuid"), kBadValue);
}

TEST(ValueChecker, Pattern_ClassSubtractionCannotBeCheckedAndDoesNotRefuseValues) {
  Syntax consonants = withPatterns({"[a-z-[aeiou]]+"});
  EXPECT_EQ(canonical(consonants, "anything"), "anything");
}

TEST(ValueChecker, Pattern_OnlyXsdConstructThatCannotBeCheckedDoesNotRefuseValues) {
  // \i and \c (XML name characters) have no ECMAScript equivalent; refusing would block valid values.
  Syntax s = withPatterns({"\\i\\c*"});
  EXPECT_EQ(canonical(s, "any value"), "any value");
  // But a pattern that can be checked still refuses when the untranslatable one is not present.
  Syntax mixed = withPatterns({"[0-9]+"});
  EXPECT_EQ(faultFor(mixed, "any value"), kBadValue);
}

TEST(ValueChecker, Pattern_DotAndQuantifiersCountCharactersNotBytes) {
  Syntax s = withPatterns({".{2}"});
  EXPECT_EQ(canonical(s, "ab"), "ab");
  EXPECT_EQ(canonical(s, "üß"), "üß");
  EXPECT_EQ(canonical(s, "日😀"), "日😀");
  EXPECT_EQ(faultFor(s, "ü"), kBadValue);  // one character (two bytes)

  Syntax limited = withPatterns({"[^:]{1,3}"});
  EXPECT_EQ(canonical(limited, "äöü"), "äöü");
  EXPECT_EQ(faultFor(limited, "äöüß"), kBadValue);
}

TEST(ValueChecker, Pattern_NonAsciiCharactersInThePatternMatchThemselves) {
  Syntax s = withPatterns({"Grü(ß|ss)e", "[ä-ö]x"});
  EXPECT_EQ(canonical(s, "Grüße"), "Grüße");
  EXPECT_EQ(canonical(s, "Grüsse"), "Grüsse");
  EXPECT_EQ(canonical(s, "öx"), "öx");
  EXPECT_EQ(faultFor(s, "Grue"), kBadValue);
  EXPECT_EQ(faultFor(s, "üx"), kBadValue);  // ü (U+00FC) lies beyond ö (U+00F6)
}

TEST(ValueChecker, Pattern_AppliesToTheCanonicalFormOfNumbers) {
  Syntax s = syntaxOf(BaseType::UnsignedInt);
  s.patterns.push_back(std::make_shared<const Pattern>("[1-9]"));
  EXPECT_EQ(canonical(s, "007"), "7");
  EXPECT_EQ(faultFor(s, "10"), kBadValue);
}

// ---- lists -----------------------------------------------------------------------------------------

TEST(ValueChecker, List_ItemsAreTrimmedAndJoinedWithCommas) {
  Syntax s = listOf(syntaxOf(BaseType::String));
  EXPECT_EQ(canonical(s, "a, b ,c"), "a,b,c");
  EXPECT_EQ(canonical(s, "  Device.IP.Interface.1.  "), "Device.IP.Interface.1.");
  EXPECT_EQ(canonical(s, ""), "");
}

TEST(ValueChecker, List_EachItemIsCheckedAndCanonicalisedWithTheItemSyntax) {
  Syntax booleans = listOf(syntaxOf(BaseType::Boolean));
  EXPECT_EQ(canonical(booleans, "1, 0,true"), "true,false,true");
  EXPECT_EQ(faultFor(booleans, "1,yes"), kWrongType);

  Syntax numbers = listOf(syntaxOf(BaseType::UnsignedInt));
  EXPECT_EQ(canonical(numbers, "+01, 002 , 3"), "1,2,3");
  EXPECT_EQ(faultFor(numbers, "1,-2"), kWrongType);
  EXPECT_EQ(faultFor(numbers, "1,,2"), kWrongType);  // an empty item is not a number
}

TEST(ValueChecker, List_ItemFacetsApplyToEveryItem) {
  Syntax ranged = syntaxOf(BaseType::UnsignedInt);
  ranged.ranges.push_back({0, 7, std::nullopt});
  ranged = listOf(ranged);
  EXPECT_EQ(canonical(ranged, "0,1,2,3,4,5,6,7"), "0,1,2,3,4,5,6,7");
  EXPECT_EQ(faultFor(ranged, "0,8"), kBadValue);

  Syntax sized = syntaxOf(BaseType::String);
  sized.sizes.push_back({std::nullopt, 3});  // <string><size> sizes each item
  sized = listOf(sized);
  EXPECT_EQ(canonical(sized, "abc,de,f"), "abc,de,f");
  EXPECT_EQ(faultFor(sized, "ab,abcd"), kBadValue);

  Syntax enumerated = syntaxOf(BaseType::String);
  enumerated.enumerations = {{"Red", false}, {"Green", false}, {"Blue", true}};
  enumerated = listOf(enumerated);
  EXPECT_EQ(canonical(enumerated, "Red, Green"), "Red,Green");
  EXPECT_EQ(faultFor(enumerated, "Red,Yellow"), kBadValue);
  EXPECT_EQ(faultFor(enumerated, "Red,Blue", WriteOrigin::Acs), kBadValue);
  EXPECT_EQ(canonical(enumerated, "Red,Blue", WriteOrigin::Device), "Red,Blue");

  Syntax patterned = withPatterns({"[A-Z]{2}"});
  patterned = listOf(patterned);
  EXPECT_EQ(canonical(patterned, "DE, FR"), "DE,FR");
  EXPECT_EQ(faultFor(patterned, "DE,FRA"), kBadValue);
}

TEST(ValueChecker, List_MinAndMaxItemsCountItems) {
  ListFacet bounds;
  bounds.minItems = 1;
  bounds.maxItems = 3;
  Syntax s = listOf(syntaxOf(BaseType::UnsignedInt), bounds);
  EXPECT_EQ(faultFor(s, ""), kBadValue);
  EXPECT_EQ(canonical(s, "1"), "1");
  EXPECT_EQ(canonical(s, "1,2,3"), "1,2,3");
  EXPECT_EQ(faultFor(s, "1,2,3,4"), kBadValue);
}

TEST(ValueChecker, List_ListSizeAppliesToTheWholeString) {
  ListFacet whole;
  whole.sizes.push_back({std::nullopt, 7});
  Syntax s = listOf(syntaxOf(BaseType::String), whole);
  EXPECT_EQ(canonical(s, "a,b,c,d"), "a,b,c,d");  // 7 characters
  EXPECT_EQ(faultFor(s, "ab,cd,ef"), kBadValue);  // 8 characters, although every item is short
  EXPECT_EQ(canonical(s, "abcdefg"), "abcdefg");  // one long item still fits the whole-string size
  EXPECT_EQ(canonical(s, "ü,ö,ä,é"), "ü,ö,ä,é");  // counted in characters
}

}  // namespace
}  // namespace cpemu::datamodel
