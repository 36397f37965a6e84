// Wall-clock time as a device sees it. Everything that schedules (periodic and heartbeat informs aligned
// to an absolute UTC phase, ScheduleInform, session retry) asks a Clock, so tests can run days of device
// life against a real ACS without sleeping (tests/support/virtual_clock.h).
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>

namespace cpemu::device {

using TimePoint = std::chrono::system_clock::time_point;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint now() const = 0;
  // Blocks on `cv` (with `lock` held on entry and exit) until `wake()` holds or the clock reaches
  // `deadline` (none: no deadline). Returns wake().
  virtual bool waitUntil(std::unique_lock<std::mutex>& lock, std::condition_variable& cv,
                         std::optional<TimePoint> deadline, const std::function<bool()>& wake) = 0;
};

class SystemClock final : public Clock {
 public:
  TimePoint now() const override { return std::chrono::system_clock::now(); }
  bool waitUntil(std::unique_lock<std::mutex>& lock, std::condition_variable& cv, std::optional<TimePoint> deadline,
                 const std::function<bool()>& wake) override {
    if (!deadline) {
      cv.wait(lock, wake);
      return true;
    }
    return cv.wait_until(lock, *deadline, wake);
  }
};

// "2026-11-25T16:40:00Z" (TR-069 dateTime in UTC, whole seconds).
std::string formatDateTime(TimePoint t);
// The TR-106 §3.2 dateTime forms cpemu stores (canonical UTC, optional fraction); nullopt for anything
// else, for the Unknown Time 0001-01-01T00:00:00Z, and for times a TimePoint cannot hold (before 1678,
// after 2262: TR-181 writes 9999-12-31T23:59:59Z for "forever").
std::optional<TimePoint> parseDateTime(const std::string& text);

}  // namespace cpemu::device
