#include "datamodel/value_checker.h"

#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <limits>
#include <utility>

namespace cpemu::datamodel {
namespace {

Fault typeFault(std::string_view value, const Syntax& syntax) {
  return {FaultCode::InvalidParameterType,
          "'" + std::string(value) + "' is not a valid " + std::string(xsdName(syntax.type))};
}

Fault valueFault(std::string message) { return {FaultCode::InvalidParameterValue, std::move(message)}; }

bool isDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

// Parses an xsd integer ("+007", "-3") within [lo, hi]; returns the canonical decimal text.
std::optional<std::string> canonicalInteger(std::string_view v, long double lo, long double hi,
                                            long double* numeric) {
  bool negative = false;
  if (!v.empty() && (v.front() == '+' || v.front() == '-')) {
    negative = v.front() == '-';
    v.remove_prefix(1);
  }
  if (!isDigits(v)) return std::nullopt;
  while (v.size() > 1 && v.front() == '0') v.remove_prefix(1);
  if (v.size() > 20) return std::nullopt;
  unsigned long long magnitude = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), magnitude);
  if (ec != std::errc{} || p != v.data() + v.size()) return std::nullopt;
  long double n = negative ? -static_cast<long double>(magnitude) : static_cast<long double>(magnitude);
  if (n < lo || n > hi) return std::nullopt;
  *numeric = n;
  if (magnitude == 0) return std::string("0");
  return (negative ? "-" : "") + std::string(v);
}

std::optional<std::string> canonicalDecimal(std::string_view v, long double* numeric) {
  std::string_view s = v;
  std::string sign;
  if (!s.empty() && (s.front() == '+' || s.front() == '-')) {
    if (s.front() == '-') sign = "-";
    s.remove_prefix(1);
  }
  auto dot = s.find('.');
  std::string_view whole = s.substr(0, dot);
  std::string_view frac = dot == std::string_view::npos ? std::string_view{} : s.substr(dot + 1);
  if (whole.empty() && frac.empty()) return std::nullopt;
  if ((!whole.empty() && !isDigits(whole)) || (!frac.empty() && !isDigits(frac))) return std::nullopt;
  if (dot != std::string_view::npos && frac.empty() && whole.empty()) return std::nullopt;
  while (whole.size() > 1 && whole.front() == '0') whole.remove_prefix(1);
  while (!frac.empty() && frac.back() == '0') frac.remove_suffix(1);
  std::string out(whole.empty() ? "0" : whole);
  if (!frac.empty()) out += "." + std::string(frac);
  if (out == "0") sign.clear();
  std::string text = sign + out;
  *numeric = std::strtold(text.c_str(), nullptr);
  return text;
}

// TR-069 A.2.1 / xsd:dateTime: YYYY-MM-DDThh:mm:ss[.frac][Z|(+|-)hh:mm].
std::optional<std::string> canonicalDateTime(std::string_view v) {
  int Y, M, D, h, m, s, consumed = 0;
  std::string text(v);
  if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &Y, &M, &D, &h, &m, &s, &consumed) != 6 ||
      consumed != 19)
    return std::nullopt;
  static constexpr std::pair<std::size_t, char> kSeparators[] = {{4, '-'}, {7, '-'}, {10, 'T'}, {13, ':'}, {16, ':'}};
  for (auto [pos, sep] : kSeparators)
    if (text[pos] != sep) return std::nullopt;
  for (std::size_t i = 0; i < 19; ++i) {
    bool separator = i == 4 || i == 7 || i == 10 || i == 13 || i == 16;
    if (!separator && (text[i] < '0' || text[i] > '9')) return std::nullopt;
  }
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (M < 1 || M > 12 || D < 1 || D > kDays[M - 1] || h > 24 || m > 59 || s > 60) return std::nullopt;
  bool leap = (Y % 4 == 0 && Y % 100 != 0) || Y % 400 == 0;
  if (M == 2 && D == 29 && !leap) return std::nullopt;
  std::string_view rest = std::string_view(text).substr(19);
  std::string frac;
  if (!rest.empty() && rest.front() == '.') {
    std::size_t n = 1;
    while (n < rest.size() && rest[n] >= '0' && rest[n] <= '9') ++n;
    if (n == 1) return std::nullopt;
    frac = std::string(rest.substr(0, n));
    while (frac.size() > 1 && frac.back() == '0') frac.pop_back();
    if (frac == ".") frac.clear();
    rest.remove_prefix(n);
  }
  if (h == 24 && (m != 0 || s != 0 || !frac.empty())) return std::nullopt;  // xsd: only 24:00:00 ends a day
  if (rest.empty()) {  // no zone: kept as the device's local time, as given
    return text.substr(0, 19) + frac;
  }
  int offsetMinutes = 0;
  if (rest == "Z") {
    offsetMinutes = 0;
  } else if (rest.size() == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':' &&
             isDigits(rest.substr(1, 2)) && isDigits(rest.substr(4, 2))) {
    int oh = (rest[1] - '0') * 10 + (rest[2] - '0');
    int om = (rest[4] - '0') * 10 + (rest[5] - '0');
    if (oh > 14 || om > 59) return std::nullopt;
    offsetMinutes = (rest[0] == '-' ? -1 : 1) * (oh * 60 + om);
  } else {
    return std::nullopt;
  }
  if (offsetMinutes == 0 && h < 24) {
    return text.substr(0, 19) + frac + "Z";
  }
  // Normalise to UTC with timegm so that equal instants compare equal as text.
  std::time_t t = unixSeconds(Y, M, D, h, m, s) - static_cast<std::time_t>(offsetMinutes) * 60;
  std::tm utc{};
  gmtime_r(&t, &utc);
  char buf[80];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d", utc.tm_year + 1900, utc.tm_mon + 1,
                utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec);
  return std::string(buf) + frac + "Z";
}

bool isBase64(std::string_view v, std::uint64_t* bytes) {
  std::size_t chars = 0, pad = 0;
  for (char c : v) {
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
    if (c == '=') {
      ++pad;
      ++chars;
      continue;
    }
    if (pad > 0) return false;
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
    if (!ok) return false;
    ++chars;
  }
  if (chars % 4 != 0 || pad > 2) return false;
  *bytes = chars / 4 * 3 - pad;
  return true;
}

bool isHexBinary(std::string_view v) {
  if (v.size() % 2 != 0) return false;
  for (char c : v)
    if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

std::uint64_t utf8Length(std::string_view v) {
  std::uint64_t n = 0;
  for (unsigned char c : v)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

bool sizeAllowed(const std::vector<SizeFacet>& sizes, std::uint64_t length) {
  if (sizes.empty()) return true;
  for (const auto& s : sizes)  // several <size> facets: any one may admit the value
    if ((!s.minLength || length >= *s.minLength) && (!s.maxLength || length <= *s.maxLength)) return true;
  return false;
}

std::string describeSizes(const std::vector<SizeFacet>& sizes) {
  std::string out;
  for (const auto& s : sizes) {
    if (!out.empty()) out += " or ";
    out += std::to_string(s.minLength.value_or(0)) + ".." +
           (s.maxLength ? std::to_string(*s.maxLength) : std::string("unbounded"));
  }
  return out;
}

bool rangeAllowed(const std::vector<RangeFacet>& ranges, long double n) {
  if (ranges.empty()) return true;
  for (const auto& r : ranges) {
    if (r.minInclusive && n < *r.minInclusive) continue;
    if (r.maxInclusive && n > *r.maxInclusive) continue;
    if (r.step && *r.step != 0) {
      long double base = r.minInclusive.value_or(0);
      long double q = (n - base) / *r.step;
      if (q != std::floor(q)) continue;
    }
    return true;
  }
  return false;
}

std::string formatNumber(long double n) {
  char buf[64];
  if (n == std::floor(n) && std::fabs(n) < 1e20L)
    std::snprintf(buf, sizeof buf, "%.0Lf", n);
  else
    std::snprintf(buf, sizeof buf, "%Lg", n);
  return buf;
}

std::string describeRanges(const std::vector<RangeFacet>& ranges) {
  std::string out;
  for (const auto& r : ranges) {
    if (!out.empty()) out += " or ";
    out += (r.minInclusive ? formatNumber(*r.minInclusive) : std::string("-inf")) + ".." +
           (r.maxInclusive ? formatNumber(*r.maxInclusive) : std::string("+inf"));
    if (r.step) out += " step " + formatNumber(*r.step);
  }
  return out;
}

// Checks one scalar (a whole value, or one list item) and writes its canonical form.
Fault checkScalar(const Syntax& syntax, std::string_view value, WriteOrigin origin, std::string* canonical) {
  long double numeric = 0;
  std::optional<std::string> text;
  switch (syntax.type) {
    case BaseType::Boolean:
      // xsd:boolean accepts 1/0 too; TR-069 A.2.1 says the CPE reports "true"/"false".
      if (value == "true" || value == "1") text = "true";
      else if (value == "false" || value == "0") text = "false";
      if (!text) return typeFault(value, syntax);
      break;
    case BaseType::Int:
      text = canonicalInteger(value, std::numeric_limits<std::int32_t>::min(),
                              std::numeric_limits<std::int32_t>::max(), &numeric);
      break;
    case BaseType::UnsignedInt:
      text = canonicalInteger(value, 0, std::numeric_limits<std::uint32_t>::max(), &numeric);
      break;
    case BaseType::Long:
      text = canonicalInteger(value, std::numeric_limits<std::int64_t>::min(),
                              std::numeric_limits<std::int64_t>::max(), &numeric);
      break;
    case BaseType::UnsignedLong:
      text = canonicalInteger(value, 0, static_cast<long double>(std::numeric_limits<std::uint64_t>::max()),
                              &numeric);
      break;
    case BaseType::Decimal:
      text = canonicalDecimal(value, &numeric);
      break;
    case BaseType::DateTime:
      text = canonicalDateTime(value);
      break;
    case BaseType::Base64: {
      std::uint64_t bytes = 0;
      if (!isBase64(value, &bytes)) return typeFault(value, syntax);
      if (!sizeAllowed(syntax.sizes, bytes))
        return valueFault("decoded length " + std::to_string(bytes) + " outside " + describeSizes(syntax.sizes));
      text = std::string(value);
      break;
    }
    case BaseType::HexBinary:
      if (!isHexBinary(value)) return typeFault(value, syntax);
      if (!sizeAllowed(syntax.sizes, value.size() / 2))
        return valueFault("length " + std::to_string(value.size() / 2) + " bytes outside " +
                          describeSizes(syntax.sizes));
      text = std::string(value);
      break;
    case BaseType::String:
      if (!sizeAllowed(syntax.sizes, utf8Length(value)))
        return valueFault("length " + std::to_string(utf8Length(value)) + " outside " +
                          describeSizes(syntax.sizes));
      text = std::string(value);
      break;
  }
  if (!text) return typeFault(value, syntax);
  bool isNumber = syntax.type == BaseType::Int || syntax.type == BaseType::UnsignedInt ||
                  syntax.type == BaseType::Long || syntax.type == BaseType::UnsignedLong ||
                  syntax.type == BaseType::Decimal;
  if (isNumber && !rangeAllowed(syntax.ranges, numeric))
    return valueFault(*text + " outside range " + describeRanges(syntax.ranges));
  if (!syntax.enumerations.empty()) {
    const EnumerationValue* hit = nullptr;
    for (const auto& e : syntax.enumerations)
      if (e.value == *text) hit = &e;
    if (!hit) return valueFault("'" + *text + "' is not one of the enumerated values");
    if (hit->readOnly && origin == WriteOrigin::Acs)
      return valueFault("'" + *text + "' may be reported by the CPE but not set");
  }
  if (!syntax.patterns.empty()) {
    // Several <pattern> facets: any one may admit the value. An XSD pattern we cannot translate
    // might be the one that admits it, so we only refuse when every pattern was judged.
    bool matched = false, undecided = false;
    for (const auto& p : syntax.patterns) {
      auto m = p->matches(*text);
      if (!m) undecided = true;
      else if (*m) matched = true;
    }
    if (!matched && !undecided) return valueFault("'" + *text + "' does not match the required pattern");
  }
  *canonical = std::move(*text);
  return {};
}

}  // namespace

std::string canonicalBoolean(bool value) { return value ? "true" : "false"; }

CheckedValue checkValue(const Syntax& syntax, std::string_view value, WriteOrigin origin) {
  CheckedValue out;
  if (!syntax.list) {
    out.fault = checkScalar(syntax, value, origin, &out.canonical);
    return out;
  }
  // TR-106 §3.2.3: a list is comma-separated; whitespace around items is not significant.
  const ListFacet& list = *syntax.list;
  if (!sizeAllowed(list.sizes, utf8Length(value))) {
    out.fault = valueFault("list length " + std::to_string(utf8Length(value)) + " outside " +
                           describeSizes(list.sizes));
    return out;
  }
  std::uint64_t items = 0;
  std::string canonical;
  if (!value.empty()) {
    std::size_t start = 0;
    while (true) {
      std::size_t comma = value.find(',', start);
      std::string_view item = value.substr(start, comma == std::string_view::npos ? value.npos : comma - start);
      while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
      while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
      std::string itemCanonical;
      if (Fault f = checkScalar(syntax, item, origin, &itemCanonical)) {
        f.message = "list item " + std::to_string(items + 1) + ": " + f.message;
        out.fault = std::move(f);
        return out;
      }
      if (items > 0) canonical += ',';
      canonical += itemCanonical;
      ++items;
      if (comma == std::string_view::npos) break;
      start = comma + 1;
    }
  }
  if ((list.minItems && items < *list.minItems) || (list.maxItems && items > *list.maxItems)) {
    out.fault = valueFault("list has " + std::to_string(items) + " items, allowed " +
                           std::to_string(list.minItems.value_or(0)) + ".." +
                           (list.maxItems ? std::to_string(*list.maxItems) : std::string("unbounded")));
    return out;
  }
  out.canonical = std::move(canonical);
  return out;
}

std::int64_t unixSeconds(int year, int month, int day, int hour, int minute, int second) {
  std::tm tm{};
  tm.tm_year = year - 1900;
  tm.tm_mon = month - 1;
  tm.tm_mday = day;
  tm.tm_hour = hour;
  tm.tm_min = minute;
  tm.tm_sec = second;
  return timegm(&tm);
}

}  // namespace cpemu::datamodel
