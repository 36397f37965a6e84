// A YAML node of an ACS script together with where it came from, so every reader can throw a
// ScriptError that names file, line and key.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cctype>
#include <cstdint>
#include <string>
#include <vector>

#include "acs/script_error.h"

namespace cpemu::acs {

struct ScriptNodeEntry;

class ScriptNode {
 public:
  ScriptNode(YAML::Node node, std::string file, std::string key, YAML::Mark mark)
      : node_(std::move(node)), file_(std::move(file)), key_(std::move(key)), mark_(mark) {}

  const YAML::Node& yaml() const { return node_; }
  const std::string& key() const { return key_; }
  const std::string& file() const { return file_; }

  bool isNull() const { return !node_ || node_.IsNull(); }
  bool isScalar() const { return node_ && node_.IsScalar(); }
  bool isMap() const { return node_ && node_.IsMap(); }
  bool isSequence() const { return node_ && node_.IsSequence(); }

  [[noreturn]] void fail(const std::string& message) const { throw ScriptError(location(), message); }

  ScriptLocation location() const {
    const YAML::Mark m = (node_ && node_.Mark().line >= 0) ? node_.Mark() : mark_;
    const bool known = m.line >= 0;
    return {file_, known ? m.line + 1 : 0, known ? m.column + 1 : 0, key_};
  }

  // The map's entries, in document order; each child is named "<key>.<name>" and carries the mark of
  // its key (so "unknown field" points at the misspelt word).
  std::vector<ScriptNodeEntry> entries() const;

  std::vector<ScriptNode> items() const {
    if (!isSequence()) fail("expected a list");
    std::vector<ScriptNode> out;
    for (std::size_t i = 0; i < node_.size(); ++i)
      out.emplace_back(node_[i], file_, key_ + "[" + std::to_string(i) + "]", node_.Mark());
    return out;
  }

  std::string scalar() const {
    if (!isScalar()) fail(isNull() ? "expected a value" : "expected a single value, not a list or map");
    return node_.Scalar();
  }

  // A scalar that may be null (an empty "CommandKey:" means "").
  std::string text() const { return isNull() ? std::string() : scalar(); }

  std::uint64_t unsignedInteger(std::uint64_t max) const {
    const std::string s = scalar();
    std::uint64_t value = 0;
    bool ok = !s.empty() && s.size() <= 20;
    for (char c : s) {
      if (c < '0' || c > '9') {
        ok = false;
        break;
      }
      value = value * 10 + static_cast<std::uint64_t>(c - '0');
    }
    if (!ok || value > max)
      fail("expected an unsigned integer up to " + std::to_string(max) + ", got '" + s + "'");
    return value;
  }

  std::int64_t integer(std::int64_t min, std::int64_t max) const {
    const std::string s = scalar();
    const bool negative = !s.empty() && s[0] == '-';
    const std::string digits = negative ? s.substr(1) : s;
    std::int64_t value = 0;
    bool ok = !digits.empty() && digits.size() <= 18;
    for (char c : digits) {
      if (c < '0' || c > '9') {
        ok = false;
        break;
      }
      value = value * 10 + (c - '0');
    }
    if (negative) value = -value;
    if (!ok || value < min || value > max)
      fail("expected an integer from " + std::to_string(min) + " to " + std::to_string(max) + ", got '" + s +
           "'");
    return value;
  }

  // xsd:boolean as written: true/false/1/0 (YAML's yes/no/on/off are refused: they surprise people).
  std::string boolean() const {
    std::string s = scalar();
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (s == "true" || s == "false" || s == "1" || s == "0") return s;
    fail("expected true, false, 1 or 0, got '" + node_.Scalar() + "'");
  }

 private:
  YAML::Node node_;
  std::string file_;
  std::string key_;
  YAML::Mark mark_;
};

struct ScriptNodeEntry {
  std::string name;
  ScriptNode value;
  ScriptLocation keyLocation;
};

inline std::vector<ScriptNodeEntry> ScriptNode::entries() const {
  if (!isMap()) fail("expected a map");
  std::vector<ScriptNodeEntry> out;
  for (const auto& kv : node_) {
    const std::string name = kv.first.as<std::string>();
    const std::string childKey = key_.empty() ? name : key_ + "." + name;
    const YAML::Mark km = kv.first.Mark();
    ScriptLocation where{file_, km.line >= 0 ? km.line + 1 : 0, km.line >= 0 ? km.column + 1 : 0, childKey};
    out.push_back({name, ScriptNode(kv.second, file_, childKey, km), std::move(where)});
  }
  return out;
}

}  // namespace cpemu::acs
