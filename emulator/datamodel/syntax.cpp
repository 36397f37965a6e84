#include "datamodel/syntax.h"

namespace cpemu::datamodel {
namespace {

// XSD regexes are implicitly anchored and lack ^/$ metacharacters; ECMAScript needs both spelled out.
// Returns nullopt for XSD-only constructs (\i \c \p{..} character-class subtraction) we cannot translate.
std::optional<std::string> toEcmaScript(const std::string& xsd) {
  std::string out = "^(?:";
  bool inClass = false;  // between an unescaped [ and its ]
  for (std::size_t i = 0; i < xsd.size(); ++i) {
    char c = xsd[i];
    if (c == '\\' && i + 1 < xsd.size()) {
      char n = xsd[i + 1];
      if (n == 'i' || n == 'I' || n == 'c' || n == 'C' || n == 'p' || n == 'P') return std::nullopt;
      out += c;
      out += n;
      ++i;
    } else if (c == '-' && inClass && i + 1 < xsd.size() && xsd[i + 1] == '[') {
      return std::nullopt;  // class subtraction, [a-z-[aeiou]]; outside a class "-[" is a hyphen and a class
    } else if (c == '^' || c == '$') {
      // Literal in XSD outside a character class start; escape for ECMAScript.
      if (c == '^' && i > 0 && xsd[i - 1] == '[') {
        out += c;
      } else {
        out += '\\';
        out += c;
      }
    } else {
      if (c == '[') inClass = true;
      else if (c == ']') inClass = false;
      out += c;
    }
  }
  out += ")$";
  return out;
}

// XSD patterns match characters: "." or "[^:]{1,8}" must take "ü" as one, so both the expression and
// the value are matched as code points (wchar_t holds one on the platforms we build for).
static_assert(sizeof(wchar_t) >= 4, "Pattern needs a wchar_t that holds any Unicode code point");
std::wstring toCodePoints(const std::string& utf8) {
  std::wstring out;
  out.reserve(utf8.size());
  for (std::size_t i = 0; i < utf8.size();) {
    auto c = static_cast<unsigned char>(utf8[i]);
    std::size_t extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
    char32_t cp = extra == 3 ? c & 0x07u : extra == 2 ? c & 0x0Fu : extra == 1 ? c & 0x1Fu : c;
    std::size_t n = 1;
    for (; n <= extra && i + n < utf8.size(); ++n) {
      auto cont = static_cast<unsigned char>(utf8[i + n]);
      if ((cont & 0xC0) != 0x80) break;
      cp = (cp << 6) | (cont & 0x3Fu);
    }
    if (n != extra + 1 || c >= 0xF8 || (c & 0xC0) == 0x80) {
      cp = 0xFFFD;  // malformed UTF-8: one replacement character per bad byte
      n = 1;
    }
    out.push_back(static_cast<wchar_t>(cp));
    i += n;
  }
  return out;
}

}  // namespace

Pattern::Pattern(std::string xsdSource) : source_(std::move(xsdSource)) {}

void Pattern::compile() const {
  auto ecma = toEcmaScript(source_);
  if (!ecma) return;
  try {
    regex_.emplace(toCodePoints(*ecma), std::regex::ECMAScript | std::regex::optimize);
  } catch (const std::regex_error&) {
    regex_.reset();
  }
}

std::optional<bool> Pattern::matches(const std::string& value) const {
  std::call_once(once_, [this] { compile(); });
  if (!regex_) return std::nullopt;
  return std::regex_match(toCodePoints(value), *regex_);
}

std::string Syntax::initialValue() const {
  if (defaultValue) return *defaultValue;
  if (list) return "";
  if (!enumerations.empty() && type == BaseType::String) return "";
  return std::string(zeroValue(type));
}

std::string_view Syntax::nullValue() const {
  return list ? std::string_view() : zeroValue(type);
}

}  // namespace cpemu::datamodel
