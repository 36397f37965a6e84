#include "device/clock.h"

#include <cstdio>
#include <ctime>
#include <string>

#include "datamodel/value_checker.h"

namespace cpemu::device {

std::string formatDateTime(TimePoint t) {
  std::time_t s = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&s, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::optional<TimePoint> parseDateTime(const std::string& text) {
  int Y, M, D, h, m, s, consumed = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &Y, &M, &D, &h, &m, &s, &consumed) != 6 ||
      consumed != 19)
    return std::nullopt;
  // TR-106 §3.2: years before 1000 are not absolute times (0001-01-01T00:00:00Z is the Unknown Time).
  if (Y < 1000) return std::nullopt;
  std::chrono::milliseconds fraction{0};
  std::size_t pos = 19;
  if (pos < text.size() && text[pos] == '.') {
    int scale = 100;
    for (++pos; pos < text.size() && text[pos] >= '0' && text[pos] <= '9'; ++pos, scale /= 10)
      fraction += std::chrono::milliseconds((text[pos] - '0') * scale);
  }
  // Stored values are canonical UTC ("Z"); a value without a zone is taken as UTC too (the emulated
  // device has no other time zone).
  if (pos != text.size() && text.substr(pos) != "Z") return std::nullopt;
  // A TimePoint counts nanoseconds, so it holds about 1678 to 2262. Later times are common in data models
  // (TR-181 writes 9999-12-31T23:59:59Z for "forever") and not a time anything can be scheduled at: they
  // are not absolute times here either, rather than an overflow.
  const auto seconds = datamodel::unixSeconds(Y, M, D, h, m, s);
  using Seconds = std::chrono::duration<long long>;
  constexpr auto limit = std::chrono::duration_cast<Seconds>(TimePoint::duration::max()).count() - 1;
  if (seconds > limit || seconds < -limit) return std::nullopt;
  return std::chrono::system_clock::from_time_t(static_cast<std::time_t>(seconds)) + fraction;
}

}  // namespace cpemu::device
