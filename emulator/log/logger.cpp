#include "log/logger.h"

#include <chrono>
#include <ctime>

namespace cpemu::log {

std::string_view levelName(Level level) {
  switch (level) {
    case Level::Error: return "error";
    case Level::Warning: return "warning";
    case Level::Info: return "info";
    default: return "debug";
  }
}

bool parseLevel(std::string_view text, Level& out) {
  for (Level l : {Level::Error, Level::Warning, Level::Info, Level::Debug})
    if (levelName(l) == text) {
      out = l;
      return true;
    }
  return false;
}

void Logger::write(Level level, std::string_view context, std::string_view message) {
  if (!enabled(level)) return;
  auto now = std::chrono::system_clock::now();
  std::time_t t = std::chrono::system_clock::to_time_t(now);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char stamp[96];
  std::snprintf(stamp, sizeof stamp, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms));
  std::lock_guard lock(mutex_);
  *sink_ << stamp << ' ' << levelName(level) << ' ';
  if (!context.empty()) *sink_ << '[' << context << "] ";
  *sink_ << message << '\n';
  sink_->flush();
}

}  // namespace cpemu::log
