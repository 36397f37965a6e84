// The life of one device between sessions: power on, open a session when there is something to
// report, carry out what the ACS asked for afterwards (Reboot, FactoryReset, ScheduleInform), inform
// periodically, and retry failed sessions with the TR-069 back-off.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "cwmp/session.h"
#include "device/device.h"
#include "log/logger.h"
#include "transport/http_session.h"

namespace cpemu::cwmp {

struct AgentOptions {
  SessionOptions session;
  transport::TlsOptions tls;
  std::optional<std::filesystem::path> stateDir;  // remembers that the device has bootstrapped
  std::optional<unsigned> maxSessions;            // stop after this many sessions (demos, scripts)
};

class CpeAgent {
 public:
  CpeAgent(device::Device& device, log::Logger& log, AgentOptions options);

  // Runs until stop() or maxSessions. Returns the number of sessions that failed.
  unsigned run();
  void stop();

 private:
  bool runOneSession();
  void afterSession();
  using Clock = std::chrono::steady_clock;
  std::optional<Clock::time_point> nextPeriodic(Clock::time_point from) const;
  void loadState();
  void saveState() const;

  device::Device& device_;
  log::Logger& log_;
  AgentOptions options_;
  std::mt19937_64 random_;
  unsigned retryCount_ = 0;
  unsigned sessions_ = 0;
  unsigned failures_ = 0;
  struct Scheduled {
    Clock::time_point due;
    std::string commandKey;
  };
  std::vector<Scheduled> scheduled_;
  std::optional<Clock::time_point> retryAt_;
  Clock::time_point lastInform_{};

  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
};

}  // namespace cpemu::cwmp
