// Leveled logging to a stream (stderr by default). An object, not a global: every device and session
// gets the logger it should use, and tests can capture it.
#pragma once

#include <mutex>
#include <ostream>
#include <string>
#include <string_view>

namespace cpemu::log {

enum class Level { Error = 0, Warning = 1, Info = 2, Debug = 3 };

std::string_view levelName(Level level);
bool parseLevel(std::string_view text, Level& out);

class Logger {
 public:
  explicit Logger(std::ostream& sink, Level level = Level::Info) : sink_(&sink), level_(level) {}

  bool enabled(Level level) const { return level <= level_; }
  void setLevel(Level level) { level_ = level; }
  // One line, prefixed with a UTC timestamp, the level and `context` (e.g. the device's serial number).
  void write(Level level, std::string_view context, std::string_view message);

  void error(std::string_view context, std::string_view m) { write(Level::Error, context, m); }
  void warning(std::string_view context, std::string_view m) { write(Level::Warning, context, m); }
  void info(std::string_view context, std::string_view m) { write(Level::Info, context, m); }
  void debug(std::string_view context, std::string_view m) { write(Level::Debug, context, m); }

 private:
  std::ostream* sink_;
  Level level_;
  std::mutex mutex_;
};

}  // namespace cpemu::log
