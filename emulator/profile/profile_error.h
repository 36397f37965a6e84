// Errors in a device profile, naming the file, line, column and key a person has to fix.
#pragma once

#include <stdexcept>
#include <string>

namespace cpemu::profile {

struct SourceLocation {
  std::string file;
  int line = 0;    // 1-based; 0 when unknown
  int column = 0;  // 1-based
  std::string key; // dotted key within the profile, e.g. "values.Device.DeviceInfo.Description"

  std::string toString() const {
    std::string out = file;
    if (line > 0) out += ":" + std::to_string(line) + ":" + std::to_string(column);
    if (!key.empty()) out += ": " + key;
    return out;
  }
};

class ProfileError : public std::runtime_error {
 public:
  ProfileError(SourceLocation where, const std::string& message)
      : std::runtime_error(where.toString() + ": " + message), where_(std::move(where)) {}
  const SourceLocation& where() const { return where_; }

 private:
  SourceLocation where_;
};

}  // namespace cpemu::profile
