// The primitive CWMP data types (TR-106 §3.2, TR-069 A.2.1) a parameter's syntax reduces to.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace cpemu::datamodel {

enum class BaseType : std::uint8_t {
  String,
  Boolean,
  Int,
  UnsignedInt,
  Long,
  UnsignedLong,
  DateTime,
  Base64,
  HexBinary,
  Decimal,
};

// The XML Schema name of the type, as used in the BBF XML and in CWMP xsi:type ("unsignedInt").
std::string_view xsdName(BaseType type);

// Inverse of xsdName(); nullopt for anything that is not a base type element of the DM schema.
std::optional<BaseType> baseTypeFromXsdName(std::string_view name);

// The value an instance gets when neither the model nor the profile provides one.
std::string_view zeroValue(BaseType type);

}  // namespace cpemu::datamodel
