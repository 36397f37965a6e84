#include "cwmp/cpe_agent.h"

#include <utility>

namespace cpemu::cwmp {

CpeAgent::CpeAgent(device::Device& device, log::Logger& log, AgentOptions options)
    : device_(device), maxSessions_(options.maxSessions), life_(device, log, std::move(options)) {}

void CpeAgent::stop() {
  std::lock_guard lock(mutex_);
  stopping_ = true;
  wake_.notify_all();
}

void CpeAgent::connectionRequest() {
  std::lock_guard lock(mutex_);
  connectionRequested_ = true;
  wake_.notify_all();
}

transport::DigestCredentials CpeAgent::connectionRequestCredentials() const {
  std::lock_guard lock(mutex_);
  return connectionRequestAuth_;
}

// The tree belongs to the agent thread; the Connection Request server reads this copy.
void CpeAgent::refreshConnectionRequestCredentials() {
  transport::DigestCredentials c{device_.value("ManagementServer.ConnectionRequestUsername"),
                                 device_.value("ManagementServer.ConnectionRequestPassword")};
  std::lock_guard lock(mutex_);
  connectionRequestAuth_ = std::move(c);
}

unsigned CpeAgent::run() {
  if (!life_.start()) return 1;
  refreshConnectionRequestCredentials();
  while (true) {
    bool connectionRequest = false;
    {
      std::lock_guard lock(mutex_);
      if (stopping_) break;
      connectionRequest = std::exchange(connectionRequested_, false);
    }
    DeviceLife::Step step = life_.step(connectionRequest);
    if (step.session != DeviceLife::SessionResult::None) {
      refreshConnectionRequestCredentials();
      if (maxSessions_ && life_.sessions() >= *maxSessions_) break;
      continue;
    }
    std::unique_lock lock(mutex_);
    life_.clock().waitUntil(lock, wake_, step.wakeAt, [this] { return stopping_ || connectionRequested_; });
  }
  return life_.failures();
}

}  // namespace cpemu::cwmp
