// The life of one device between sessions: power on, open a session when there is something to report,
// carry out what the ACS asked for afterwards (Reboot, FactoryReset), inform periodically, on schedule and
// on Heartbeat (device/device_timers), and retry failed sessions with the TR-069 §3.2.1.1 back-off.
// docs/device-life.md describes the rules from a user's point of view.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "cwmp/session.h"
#include "device/activity.h"
#include "device/clock.h"
#include "device/device.h"
#include "device/device_timers.h"
#include "log/logger.h"
#include "store/device_store.h"
#include "transport/digest_server.h"
#include "transport/http_session.h"

namespace cpemu::cwmp {

struct AgentOptions {
  SessionOptions session;
  transport::TlsOptions tls;
  std::optional<std::filesystem::path> stateDir;  // the device's state is kept in DIR/cpemu.db (store/)
  std::optional<unsigned> maxSessions;            // stop after this many sessions (demos, scripts)
  // The URL the Connection Request server really serves (port 0 binds any port): written into
  // ConnectionRequestURL after the saved state is restored, before the first Inform reports it.
  std::optional<std::string> connectionRequestUrl;
  // Time as the device sees it; null: the system clock. Tests pass a virtual clock.
  device::Clock* clock = nullptr;
  // What the device does between sessions (transfers, diagnostics …), run in the agent's thread.
  std::vector<std::shared_ptr<device::Activity>> activities;
};

class CpeAgent {
 public:
  CpeAgent(device::Device& device, log::Logger& log, AgentOptions options);

  // Runs until stop() or maxSessions. Returns the number of sessions that failed.
  unsigned run();
  // The RetryCount the next Inform carries (sessions failed in a row; TR-069 A.3.3.1).
  unsigned retryCount() const { return retryCount_; }
  void stop();

  // Thread-safe: the ACS asked for a session (TR-069 §3.2.2). The agent thread turns it into the
  // "6 CONNECTION REQUEST" event at its next wake; during a session, the session after it.
  void connectionRequest();
  // Thread-safe: ManagementServer.ConnectionRequestUsername/Password as of the last time the agent
  // thread looked (start, and after every session, so changes made by the ACS apply).
  transport::DigestCredentials connectionRequestCredentials() const;

 private:
  void refreshConnectionRequestCredentials();
  bool runOneSession();
  void sessionFailed(const std::string& why);
  void loadState();  // throws store::StoreError
  void saveState();  // when the device changed since the last save; throws store::StoreError
  void trySaveState();  // logs instead of throwing
  bool runDueActivities(device::TimePoint now);  // true when one ran
  std::optional<device::TimePoint> nextWake(device::TimePoint now) const;
  std::optional<device::TimePoint> activeNotificationThrottle(device::TimePoint now) const;

  device::Device& device_;
  log::Logger& log_;
  AgentOptions options_;
  device::SystemClock systemClock_;
  device::Clock& clock_;
  std::mt19937_64 random_;
  device::DeviceTimers timers_;
  std::unique_ptr<store::DeviceStore> store_;
  struct SavedState {  // what was saved last, to skip saves for requests that changed nothing
    datamodel::NodePtr root;
    std::vector<device::Event> events;
    std::vector<device::Transfer> transfers;
    std::vector<device::CompletedTransfer> completedTransfers;
    std::vector<device::ScheduledInform> scheduledInforms;
    device::PendingActions pending;
    bool bootstrapped = false;
    std::string bootstrapUrl;
  };
  std::optional<SavedState> saved_;
  unsigned retryCount_ = 0;
  unsigned sessions_ = 0;
  unsigned failures_ = 0;
  std::optional<device::TimePoint> retryAt_;
  std::optional<device::TimePoint> lastSessionEnd_;  // of the last successful session (not kept across restarts)

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  bool connectionRequested_ = false;                   // under mutex_
  transport::DigestCredentials connectionRequestAuth_;  // under mutex_
};

}  // namespace cpemu::cwmp
