// Checks a value against a parameter's syntax and produces its canonical wire form.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "datamodel/fault_code.h"
#include "datamodel/syntax.h"

namespace cpemu::datamodel {

struct CheckedValue {
  Fault fault;            // 9006 when the text is not of the type at all, 9007 when a facet rejects it
  std::string canonical;  // valid only when !fault
};

enum class WriteOrigin {
  Acs,     // a SetParameterValues: read-only enumeration values are refused
  Device,  // the device or its profile: every enumeration value is allowed
};

CheckedValue checkValue(const Syntax& syntax, std::string_view value, WriteOrigin origin = WriteOrigin::Acs);

// Canonical forms (TR-069 A.2.1): "true"/"false"; integers without sign noise or leading zeros;
// dateTime in UTC with a trailing Z when the input carried a zone.
std::string canonicalBoolean(bool value);

// Seconds since 1970-01-01T00:00:00Z of a UTC calendar time (fields as written: month 1-12).
std::int64_t unixSeconds(int year, int month, int day, int hour, int minute, int second);

}  // namespace cpemu::datamodel
