#include "datamodel/syntax.h"

namespace cpemu::datamodel {
namespace {

// XSD regexes are implicitly anchored and lack ^/$ metacharacters; ECMAScript needs both spelled out.
// Returns nullopt for XSD-only constructs (\i \c \p{..} character-class subtraction) we cannot translate.
std::optional<std::string> toEcmaScript(const std::string& xsd) {
  std::string out = "^(?:";
  for (std::size_t i = 0; i < xsd.size(); ++i) {
    char c = xsd[i];
    if (c == '\\' && i + 1 < xsd.size()) {
      char n = xsd[i + 1];
      if (n == 'i' || n == 'I' || n == 'c' || n == 'C' || n == 'p' || n == 'P') return std::nullopt;
      out += c;
      out += n;
      ++i;
    } else if (c == '-' && i + 1 < xsd.size() && xsd[i + 1] == '[') {
      return std::nullopt;
    } else if (c == '^' || c == '$') {
      // Literal in XSD outside a character class start; escape for ECMAScript.
      if (c == '^' && i > 0 && xsd[i - 1] == '[') {
        out += c;
      } else {
        out += '\\';
        out += c;
      }
    } else {
      out += c;
    }
  }
  out += ")$";
  return out;
}

}  // namespace

Pattern::Pattern(std::string xsdSource) : source_(std::move(xsdSource)) {}

void Pattern::compile() const {
  auto ecma = toEcmaScript(source_);
  if (!ecma) return;
  try {
    regex_.emplace(*ecma, std::regex::ECMAScript | std::regex::optimize);
  } catch (const std::regex_error&) {
    regex_.reset();
  }
}

std::optional<bool> Pattern::matches(const std::string& value) const {
  std::call_once(once_, [this] { compile(); });
  if (!regex_) return std::nullopt;
  return std::regex_match(value, *regex_);
}

std::string Syntax::initialValue() const {
  if (defaultValue) return *defaultValue;
  if (list) return "";
  if (!enumerations.empty() && type == BaseType::String) return "";
  return std::string(zeroValue(type));
}

}  // namespace cpemu::datamodel
