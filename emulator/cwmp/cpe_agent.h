// One device in a thread of its own (`cpemu run`): drives its DeviceLife (cwmp/device_life.h), sleeps
// until the next thing is due, and wakes early for a Connection Request or stop().
#pragma once

#include <condition_variable>
#include <mutex>
#include <optional>

#include "cwmp/device_life.h"
#include "transport/digest_server.h"

namespace cpemu::cwmp {

struct AgentOptions : LifeOptions {
  std::optional<unsigned> maxSessions;  // stop after this many sessions, failed ones included (demos, scripts)
};

class CpeAgent {
 public:
  CpeAgent(device::Device& device, log::Logger& log, AgentOptions options);

  // Runs until stop() or maxSessions. Returns the number of sessions that failed (1 when the saved state
  // cannot be read).
  unsigned run();
  // The RetryCount the next Inform carries (sessions failed in a row; TR-069 A.3.3.1).
  unsigned retryCount() const { return life_.retryCount(); }
  void stop();

  // Thread-safe: the ACS asked for a session (TR-069 §3.2.2). The agent thread turns it into the
  // "6 CONNECTION REQUEST" event at its next wake; during a session, the session after it.
  void connectionRequest();
  // Thread-safe: ManagementServer.ConnectionRequestUsername/Password as of the last time the agent
  // thread looked (start, and after every session, so changes made by the ACS apply).
  transport::DigestCredentials connectionRequestCredentials() const;

 private:
  void refreshConnectionRequestCredentials();

  device::Device& device_;
  std::optional<unsigned> maxSessions_;
  DeviceLife life_;

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  bool connectionRequested_ = false;                   // under mutex_
  transport::DigestCredentials connectionRequestAuth_;  // under mutex_
};

}  // namespace cpemu::cwmp
