// A parameter's <syntax>: its base type and the facets that restrict it (BBF DM schema, TR-106 §A.2.3).
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "datamodel/base_type.h"

namespace cpemu::datamodel {

// <size minLength maxLength>: characters for strings, bytes for base64/hexBinary.
struct SizeFacet {
  std::optional<std::uint64_t> minLength;
  std::optional<std::uint64_t> maxLength;
};

// <range minInclusive maxInclusive step>. long double holds every int64/uint64 exactly.
struct RangeFacet {
  std::optional<long double> minInclusive;
  std::optional<long double> maxInclusive;
  std::optional<long double> step;
};

struct EnumerationValue {
  std::string value;
  bool readOnly = false;  // access="readOnly": the CPE may report it, the ACS may not set it
};

// An XSD regular expression, compiled on first use: TR-181 has hundreds and most are never exercised.
class Pattern {
 public:
  explicit Pattern(std::string xsdSource);
  const std::string& source() const { return source_; }
  // nullopt when the XSD expression uses features std::regex cannot express; the caller then skips it.
  std::optional<bool> matches(const std::string& value) const;

 private:
  void compile() const;
  std::string source_;
  mutable std::once_flag once_;
  mutable std::optional<std::wregex> regex_;  // wide: XSD matches characters, not UTF-8 bytes
};

// <list minItems maxItems><size/></list>: the value is a comma-separated list of items of the base syntax.
struct ListFacet {
  std::optional<std::uint64_t> minItems;
  std::optional<std::uint64_t> maxItems;
  std::vector<SizeFacet> sizes;  // applies to the whole list string
};

struct Syntax {
  BaseType type = BaseType::String;
  std::string dataType;  // named <dataType ref>, if the parameter used one
  std::vector<SizeFacet> sizes;
  std::vector<RangeFacet> ranges;
  std::vector<EnumerationValue> enumerations;
  std::vector<std::shared_ptr<const Pattern>> patterns;
  std::optional<ListFacet> list;
  std::optional<std::string> defaultValue;  // <default type="object"|"factory">
  bool hidden = false;   // read back as "" (TR-106: e.g. passwords)
  bool secured = false;  // read back as "" to the ACS unless it is secured
  bool command = false;  // a "command" parameter: writes trigger, reads return ""

  // The value a new instance starts with: the model's default or the type's zero value.
  std::string initialValue() const;
};

}  // namespace cpemu::datamodel
