#include "datamodel/base_type.h"

#include <array>
#include <utility>

namespace cpemu::datamodel {
namespace {

constexpr std::array<std::pair<BaseType, std::string_view>, 10> kNames{{
    {BaseType::String, "string"},
    {BaseType::Boolean, "boolean"},
    {BaseType::Int, "int"},
    {BaseType::UnsignedInt, "unsignedInt"},
    {BaseType::Long, "long"},
    {BaseType::UnsignedLong, "unsignedLong"},
    {BaseType::DateTime, "dateTime"},
    {BaseType::Base64, "base64"},
    {BaseType::HexBinary, "hexBinary"},
    {BaseType::Decimal, "decimal"},
}};

}  // namespace

std::string_view xsdName(BaseType type) {
  for (const auto& [t, name] : kNames)
    if (t == type) return name;
  return "string";
}

std::optional<BaseType> baseTypeFromXsdName(std::string_view name) {
  for (const auto& [t, n] : kNames)
    if (n == name) return t;
  return std::nullopt;
}

std::string_view zeroValue(BaseType type) {
  switch (type) {
    case BaseType::Boolean:
      return "false";
    case BaseType::Int:
    case BaseType::UnsignedInt:
    case BaseType::Long:
    case BaseType::UnsignedLong:
    case BaseType::Decimal:
      return "0";
    case BaseType::DateTime:
      // TR-106 §3.2.1: the "unknown time" value.
      return "0001-01-01T00:00:00Z";
    default:
      return "";
  }
}

}  // namespace cpemu::datamodel
