// The life of one device between sessions, as logic without threads: power on, open a session when
// there is something to report, carry out what the ACS asked for afterwards (Reboot, FactoryReset), run
// its activities (transfers, diagnostics, behaviours), inform periodically, on schedule and on Heartbeat,
// and retry failed sessions with the TR-069 §3.2.1.1 back-off. docs/device-life.md describes the rules.
//
// Whoever drives it calls step() when it is due: CpeAgent from one thread per `cpemu run`, a fleet from
// a timer queue and a pool of workers. Not thread-safe: one caller at a time.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "cwmp/session.h"
#include "device/activity.h"
#include "device/clock.h"
#include "device/device.h"
#include "device/device_timers.h"
#include "device/small_random.h"
#include "log/logger.h"
#include "store/device_store.h"
#include "transport/http_session.h"

namespace cpemu::cwmp {

struct LifeOptions {
  SessionOptions session;
  transport::TlsOptions tls;
  std::optional<std::filesystem::path> stateDir;  // the device's state is kept in DIR/cpemu.db (store/)
  std::shared_ptr<store::DeviceStore> store;      // or in this one, shared by a fleet (wins over stateDir)
  // The URL the Connection Request server really serves (port 0 binds any port): written into
  // ConnectionRequestURL after the saved state is restored, before the first Inform reports it.
  std::optional<std::string> connectionRequestUrl;
  // Time as the device sees it; null: the system clock. Tests pass a virtual clock.
  device::Clock* clock = nullptr;
  // What the device does between sessions (transfers, diagnostics …), run by step().
  std::vector<std::shared_ptr<device::Activity>> activities;
};

class DeviceLife {
 public:
  DeviceLife(device::Device& device, log::Logger& log, LifeOptions options);

  // Restores the saved state and powers the device on. False (logged) when the state cannot be read: a
  // device never starts fresh over a database it cannot read.
  bool start();

  enum class SessionResult { None, Succeeded, Failed };
  struct Step {
    SessionResult session = SessionResult::None;  // whether this step ran a session, and how it went
    std::optional<device::TimePoint> wakeAt;      // when to step again; none: only on a Connection Request
  };
  // Does what is due now: raises due events, runs due activities, runs one session when one is called
  // for. `connectionRequest`: the ACS asked for a session (TR-069 §3.2.2) since the last step.
  Step step(bool connectionRequest = false);

  device::Device& device() { return device_; }
  device::Clock& clock() { return clock_; }
  // The RetryCount the next Inform carries (sessions failed in a row; TR-069 A.3.3.1).
  unsigned retryCount() const { return retryCount_; }
  unsigned sessions() const { return sessions_; }
  unsigned failures() const { return failures_; }

 private:
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
  LifeOptions options_;
  device::SystemClock systemClock_;
  device::Clock& clock_;
  device::SmallRandom random_;
  device::DeviceTimers timers_;
  std::shared_ptr<store::DeviceStore> store_;
  struct SavedState {  // what was saved last, to skip saves for requests that changed nothing
    datamodel::InstanceTree tree;  // an O(1) copy: compared with sameStateAs
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
};

}  // namespace cpemu::cwmp
