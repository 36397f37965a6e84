#include "fleet/fleet_stats.h"

#include <algorithm>
#include <cstdio>

#include <nlohmann/json.hpp>

namespace cpemu::fleet {

void FleetStats::deviceStarted() {
  std::lock_guard lock(mutex_);
  ++started_;
}

void FleetStats::sessionDone(bool ok, std::chrono::microseconds took) {
  std::lock_guard lock(mutex_);
  ++sessions_;
  if (!ok) ++failed_;
  auto us = static_cast<std::uint32_t>(std::min<std::int64_t>(took.count(), UINT32_MAX));
  if (recentMicros_.size() < kWindow) {
    recentMicros_.push_back(us);
  } else {
    recentMicros_[next_] = us;
    next_ = (next_ + 1) % kWindow;
  }
}

FleetStats::Snapshot FleetStats::snapshot(std::size_t devices) const {
  Snapshot s;
  std::vector<std::uint32_t> sorted;
  {
    std::lock_guard lock(mutex_);
    s.devices = devices;
    s.started = started_;
    s.sessions = sessions_;
    s.failed = failed_;
    s.uptimeSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin_).count();
    sorted = recentMicros_;
  }
  if (!sorted.empty()) {
    std::sort(sorted.begin(), sorted.end());
    auto at = [&](double q) { return sorted[std::min(sorted.size() - 1, static_cast<std::size_t>(q * sorted.size()))] / 1000.0; };
    s.sessionMsP50 = at(0.50);
    s.sessionMsP99 = at(0.99);
  }
  return s;
}

std::string FleetStats::Snapshot::json() const {
  nlohmann::json j = {{"devices", devices},
                      {"devices_started", started},
                      {"sessions", sessions},
                      {"sessions_failed", failed},
                      {"session_ms_p50", sessionMsP50},
                      {"session_ms_p99", sessionMsP99},
                      {"seconds", uptimeSeconds},
                      {"sessions_per_second", uptimeSeconds > 0 ? sessions / uptimeSeconds : 0.0}};
  return j.dump(2) + "\n";
}

std::string FleetStats::Snapshot::line() const {
  char buf[200];
  std::snprintf(buf, sizeof buf, "booted %llu/%zu  sessions %llu (%.1f/s)  failed %llu  session p50 %.1f ms p99 %.1f ms",
                static_cast<unsigned long long>(started), devices, static_cast<unsigned long long>(sessions),
                uptimeSeconds > 0 ? sessions / uptimeSeconds : 0.0, static_cast<unsigned long long>(failed),
                sessionMsP50, sessionMsP99);
  return buf;
}

}  // namespace cpemu::fleet
