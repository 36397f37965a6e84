// Per-device value templates in profiles: "GW{index:08}", "{mac:01}", "/cr/{serial}" (docs/profiles.md).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cpemu::profile {

struct TemplateContext {
  std::uint64_t index = 1;  // the device's number in its fleet; 1 for a single device
  std::string serial;       // the expanded serial number ({serial})
  std::string oui;          // the manufacturer OUI ({oui})
};

class ValueTemplate {
 public:
  // Throws std::invalid_argument with the reason for unknown placeholders or unbalanced braces.
  static ValueTemplate parse(std::string_view text);

  bool isConstant() const { return parts_.size() <= 1 && (parts_.empty() || parts_[0].kind == Kind::Literal); }
  bool usesSerial() const;
  std::string expand(const TemplateContext& context) const;

 private:
  enum class Kind { Literal, Index, Serial, Oui, Mac };
  struct Part {
    Kind kind = Kind::Literal;
    std::string literal;
    int width = 0;         // Index: zero-padded width
    bool hex = false;      // Index: hexadecimal
    bool upper = false;    // Index: {index:X} upper-case hex
    std::uint8_t macByte = 0;  // Mac: the second byte
  };
  std::vector<Part> parts_;
};

}  // namespace cpemu::profile
