// Errors in an ACS script, naming the file, line and key a person has to fix.
#pragma once

#include <stdexcept>
#include <string>
#include <utility>

namespace cpemu::acs {

struct ScriptLocation {
  std::string file;
  int line = 0;     // 1-based; 0 when unknown
  int column = 0;   // 1-based
  std::string key;  // path within the script, e.g. "sessions[0].rpcs[2].SetParameterValues.ParameterKey"

  std::string toString() const {
    std::string out = file;
    if (line > 0) out += ":" + std::to_string(line) + ":" + std::to_string(column);
    if (!key.empty()) out += ": " + key;
    return out;
  }
};

class ScriptError : public std::runtime_error {
 public:
  ScriptError(ScriptLocation where, const std::string& message)
      : std::runtime_error(where.toString() + ": " + message), where_(std::move(where)) {}
  const ScriptLocation& where() const { return where_; }

 private:
  ScriptLocation where_;
};

}  // namespace cpemu::acs
