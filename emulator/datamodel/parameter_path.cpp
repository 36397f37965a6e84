#include "datamodel/parameter_path.h"

#include <charconv>

namespace cpemu::datamodel {
// TR-106 §3.1: names are letters, digits, '_' and '-' (vendor "X_OUI-Name"); instance numbers are digits.
bool ParameterPath::validSegment(std::string_view s) {
  if (s.empty() || s.size() > 256) return false;
  for (char c : s) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

std::optional<ParameterPath> ParameterPath::parse(std::string_view text) {
  if (text.empty() || text.size() > 1024 || text.front() == '.') return std::nullopt;
  ParameterPath p;
  p.partial_ = text.back() == '.';
  if (p.partial_) text.remove_suffix(1);
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t dot = text.find('.', start);
    std::string_view seg = text.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (!validSegment(seg)) return std::nullopt;
    p.segments_.emplace_back(seg);
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return p;
}

std::string ParameterPath::toString() const {
  std::string out;
  for (std::size_t i = 0; i < segments_.size(); ++i) {
    if (i) out += '.';
    out += segments_[i];
  }
  if (partial_) out += '.';
  return out;
}

std::optional<std::uint32_t> ParameterPath::instanceNumber(std::string_view segment) {
  if (segment.empty() || segment.front() == '0') return std::nullopt;
  std::uint32_t n = 0;
  auto [p, ec] = std::from_chars(segment.data(), segment.data() + segment.size(), n);
  if (ec != std::errc{} || p != segment.data() + segment.size()) return std::nullopt;
  return n;
}

}  // namespace cpemu::datamodel
