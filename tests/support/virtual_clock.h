// A device::Clock whose time moves only when the code under test waits: a wait with a deadline returns at
// once with the clock set to that deadline. Days of device life (periodic informs, retries, schedules)
// then run in milliseconds against a real ACS, and every wait is recorded for the test to check.
#pragma once

#include <chrono>
#include <mutex>
#include <vector>

#include "device/clock.h"

namespace cpemu::test {

class VirtualClock final : public device::Clock {
 public:
  explicit VirtualClock(device::TimePoint start) : now_(start) {}

  device::TimePoint now() const override {
    std::lock_guard lock(mutex_);
    return now_;
  }

  bool waitUntil(std::unique_lock<std::mutex>& lock, std::condition_variable& cv,
                 std::optional<device::TimePoint> deadline, const std::function<bool()>& wake) override {
    if (wake()) return true;
    if (!deadline) {  // nothing scheduled: only another thread can wake it; never hang a test
      cv.wait_for(lock, std::chrono::seconds(10), wake);
      return wake();
    }
    std::lock_guard own(mutex_);
    waits_.push_back({now_, *deadline});
    if (*deadline > now_) now_ = *deadline;
    return false;
  }

  void advance(std::chrono::milliseconds by) {
    std::lock_guard lock(mutex_);
    now_ += by;
  }

  struct Wait {
    device::TimePoint from;
    device::TimePoint until;
    std::chrono::milliseconds length() const {
      return std::chrono::duration_cast<std::chrono::milliseconds>(until - from);
    }
  };
  std::vector<Wait> waits() const {
    std::lock_guard lock(mutex_);
    return waits_;
  }

 private:
  mutable std::mutex mutex_;
  device::TimePoint now_;
  std::vector<Wait> waits_;
};

}  // namespace cpemu::test
