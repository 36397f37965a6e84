#include "profile/value_template.h"

#include <charconv>
#include <cstdio>
#include <stdexcept>

namespace cpemu::profile {
namespace {

bool parseUnsigned(std::string_view s, int base, unsigned& out) {
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out, base);
  return ec == std::errc{} && p == s.data() + s.size();
}

}  // namespace

ValueTemplate ValueTemplate::parse(std::string_view text) {
  ValueTemplate t;
  std::string literal;
  auto flush = [&] {
    if (!literal.empty()) t.parts_.push_back({Kind::Literal, std::move(literal)});
    literal.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '}' ) {
      if (i + 1 < text.size() && text[i + 1] == '}') {
        literal += '}';
        ++i;
        continue;
      }
      throw std::invalid_argument("unmatched '}' (write '}}' for a literal brace)");
    }
    if (c != '{') {
      literal += c;
      continue;
    }
    if (i + 1 < text.size() && text[i + 1] == '{') {
      literal += '{';
      ++i;
      continue;
    }
    std::size_t close = text.find('}', i);
    if (close == std::string_view::npos) throw std::invalid_argument("unclosed '{' (write '{{' for a literal brace)");
    std::string_view body = text.substr(i + 1, close - i - 1);
    std::string_view name = body.substr(0, body.find(':'));
    std::string_view spec = body.size() > name.size() ? body.substr(name.size() + 1) : std::string_view{};
    Part part;
    if (name == "index") {
      part.kind = Kind::Index;
      if (!spec.empty() && (spec.back() == 'x' || spec.back() == 'X')) {
        part.hex = true;
        part.upper = spec.back() == 'X';
        spec.remove_suffix(1);
      }
      unsigned width = 0;
      if (!spec.empty() && !parseUnsigned(spec, 10, width))
        throw std::invalid_argument("{index:" + std::string(body.substr(6)) + "}: expected a width such as 08 or 06x");
      if (width > 20) throw std::invalid_argument("{index} width above 20");
      part.width = static_cast<int>(width);
    } else if (name == "serial" && spec.empty()) {
      part.kind = Kind::Serial;
    } else if (name == "oui" && spec.empty()) {
      part.kind = Kind::Oui;
    } else if (name == "mac") {
      unsigned byte = 0;
      if (spec.size() != 2 || !parseUnsigned(spec, 16, byte))
        throw std::invalid_argument("{mac:NN} needs two hex digits, e.g. {mac:01}");
      part.kind = Kind::Mac;
      part.macByte = static_cast<std::uint8_t>(byte);
    } else {
      throw std::invalid_argument("unknown placeholder {" + std::string(body) +
                                  "} (known: {index}, {index:08}, {index:x}, {serial}, {oui}, {mac:NN})");
    }
    flush();
    t.parts_.push_back(std::move(part));
    i = close;
  }
  flush();
  return t;
}

bool ValueTemplate::usesSerial() const {
  for (const auto& p : parts_)
    if (p.kind == Kind::Serial) return true;
  return false;
}

std::string ValueTemplate::expand(const TemplateContext& context) const {
  std::string out;
  char buf[48];
  for (const auto& p : parts_) {
    switch (p.kind) {
      case Kind::Literal:
        out += p.literal;
        break;
      case Kind::Index:
        std::snprintf(buf, sizeof buf, p.hex ? (p.upper ? "%0*llX" : "%0*llx") : "%0*llu", p.width,
                      static_cast<unsigned long long>(context.index));
        out += buf;
        break;
      case Kind::Serial:
        out += context.serial;
        break;
      case Kind::Oui:
        out += context.oui;
        break;
      case Kind::Mac: {
        // Locally administered unicast (first byte 02), unique per device index and per NN.
        auto i = static_cast<std::uint32_t>(context.index);
        std::snprintf(buf, sizeof buf, "02:%02X:%02X:%02X:%02X:%02X", p.macByte, (i >> 24) & 0xFF, (i >> 16) & 0xFF,
                      (i >> 8) & 0xFF, i & 0xFF);
        out += buf;
        break;
      }
    }
  }
  return out;
}

}  // namespace cpemu::profile
