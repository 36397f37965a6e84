// CWMP parameter names (TR-069 A6 §A.2.2.1): dot-separated; a trailing dot makes a Partial Path Name.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cpemu::datamodel {

class ParameterPath {
 public:
  // nullopt for names that cannot be a path at all (empty segments, characters outside the name syntax).
  static std::optional<ParameterPath> parse(std::string_view text);

  const std::vector<std::string>& segments() const { return segments_; }
  bool isPartial() const { return partial_; }
  std::string toString() const;

  // One dot-free segment: a name (TR-106 §3.1: letters, digits, '_', '-') or an instance number.
  static bool validSegment(std::string_view segment);
  // "123" -> 123; nullopt for anything that is not a positive instance number.
  static std::optional<std::uint32_t> instanceNumber(std::string_view segment);

 private:
  std::vector<std::string> segments_;
  bool partial_ = false;
};

}  // namespace cpemu::datamodel
