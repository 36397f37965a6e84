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
  // These three read back as nullValue() (cwmp-datamodel-1-14.xsd, TR-106 A.2.3.5).
  bool hidden = false;   // always (e.g. passwords)
  bool secured = false;  // to the ACS, which CWMP gives no way to read it
  bool command = false;  // writing it triggers an action; it is not configuration

  // The value a new instance starts with: the model's default or the type's zero value.
  std::string initialValue() const;
  // The null value of the base type (TR-106 A.2.3.5): "" for strings, lists, base64 and hexBinary, 0 for
  // numbers, false for boolean, 0001-01-01T00:00:00Z (the Unknown Time) for dateTime. An empty
  // <Value xsi:type="xsd:boolean"/> is not a boolean at all, and ACSs reject it.
  std::string_view nullValue() const;
};

}  // namespace cpemu::datamodel
