// What a fleet reports: devices powered on, sessions done and failed, and session latency percentiles
// (the whole CWMP session, Inform to the ACS's 204, as the device sees it). Thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

namespace cpemu::fleet {

class FleetStats {
 public:
  void deviceStarted();
  void sessionDone(bool ok, std::chrono::microseconds took);

  struct Snapshot {
    std::size_t devices = 0;
    std::uint64_t started = 0;
    std::uint64_t sessions = 0;
    std::uint64_t failed = 0;
    double sessionMsP50 = 0;
    double sessionMsP99 = 0;
    double uptimeSeconds = 0;
    std::string json() const;   // the --summary document
    std::string line() const;   // the progress line
  };
  Snapshot snapshot(std::size_t devices) const;

 private:
  mutable std::mutex mutex_;
  std::chrono::steady_clock::time_point begin_ = std::chrono::steady_clock::now();
  std::uint64_t started_ = 0;
  std::uint64_t sessions_ = 0;
  std::uint64_t failed_ = 0;
  std::vector<std::uint32_t> recentMicros_;  // the latest sessions' durations (a ring of kWindow)
  std::size_t next_ = 0;
  static constexpr std::size_t kWindow = 4096;
};

}  // namespace cpemu::fleet
