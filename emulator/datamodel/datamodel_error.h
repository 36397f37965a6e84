// Errors and warnings about data-model input, always naming the file and line they come from.
#pragma once

#include <stdexcept>
#include <string>

namespace cpemu::datamodel {

struct Diagnostic {
  std::string file;
  long line = 0;
  std::string message;

  std::string toString() const {
    return file + (line > 0 ? ":" + std::to_string(line) : std::string()) + ": " + message;
  }
};

class DataModelError : public std::runtime_error {
 public:
  explicit DataModelError(Diagnostic where) : std::runtime_error(where.toString()), where_(std::move(where)) {}
  const Diagnostic& where() const { return where_; }

 private:
  Diagnostic where_;
};

}  // namespace cpemu::datamodel
