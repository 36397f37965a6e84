#include "cwmp/cpe_agent.h"

#include <fstream>

#include "cwmp/session_retry_policy.h"

namespace cpemu::cwmp {
namespace {

unsigned parameterAsUnsigned(const device::Device& d, std::string_view path, unsigned fallback) {
  std::string v = d.value(path);
  if (v.empty()) return fallback;
  try {
    return static_cast<unsigned>(std::stoul(v));
  } catch (const std::exception&) {
    return fallback;
  }
}

}  // namespace

CpeAgent::CpeAgent(device::Device& device, log::Logger& log, AgentOptions options)
    : device_(device), log_(log), options_(std::move(options)), random_(std::random_device{}()) {
  // TR-069 A.3.2: what the CPE acknowledges must survive a crash, so each change is saved before the
  // response to the request that made it is sent.
  options_.session.persist = [this] { saveState(); };
}

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

// A restarted device continues where it stopped: its values, instances, pending events, transfers, and
// BOOT rather than BOOTSTRAP once an ACS has accepted it (docs/cwmp.md, "Persistence").
void CpeAgent::loadState() {
  if (!options_.stateDir) return;
  store_ = std::make_unique<store::DeviceStore>(*options_.stateDir);
  if (store_->load(device_)) log_.info(device_.label(), "state restored from " + store_->file().string());
}

void CpeAgent::saveState() {
  if (!store_) return;
  const auto& events = device_.events().all();
  const auto& transfers = device_.transfers().all();
  if (saved_ && saved_->root == device_.tree().root() && saved_->events == events &&
      saved_->transfers == transfers && saved_->bootstrapped == device_.bootstrapped())
    return;
  store_->save(device_);
  saved_ = SavedState{device_.tree().root(), events, transfers, device_.bootstrapped()};
}

bool CpeAgent::runOneSession() {
  std::string url = device_.value("ManagementServer.URL");
  if (url.empty()) {
    log_.error(device_.label(), "no ACS URL (ManagementServer.URL); set acs.url in the profile or use --acs");
    return false;
  }
  transport::HttpClientOptions http;
  http.username = device_.value("ManagementServer.Username");
  http.password = device_.value("ManagementServer.Password");
  http.tls = options_.tls;
  auto session = transport::openHttpSession(url, http);
  CwmpSession cwmp(device_, *session, log_, options_.session);
  SessionOutcome outcome = cwmp.run(retryCount_);
  ++sessions_;
  lastInform_ = Clock::now();
  if (!outcome.ok) {
    ++failures_;
    ++retryCount_;
    SessionRetryPolicy policy(parameterAsUnsigned(device_, "ManagementServer.CWMPRetryMinimumWaitInterval", 5),
                              parameterAsUnsigned(device_, "ManagementServer.CWMPRetryIntervalMultiplier", 2000));
    auto wait = policy.wait(retryCount_, random_);
    retryAt_ = Clock::now() + wait;
    log_.warning(device_.label(), "session failed: " + outcome.error + "; retry " + std::to_string(retryCount_) +
                                      " in " + std::to_string(wait.count() / 1000) + " s");
    return false;
  }
  retryCount_ = 0;
  retryAt_.reset();
  afterSession();
  try {
    saveState();
  } catch (const std::exception& e) {
    log_.error(device_.label(), std::string("cannot save the device state: ") + e.what());
  }
  return true;
}

// TR-069 A.3.2.10 / A.4.1.6 / A.4.1.4: what the ACS asked for happens once the session is over.
void CpeAgent::afterSession() {
  device::PendingActions actions = std::move(device_.pending());
  device_.pending() = {};
  for (const auto& s : actions.scheduledInforms)
    scheduled_.push_back({Clock::now() + std::chrono::seconds(s.delaySeconds), s.commandKey});
  if (actions.factoryReset) {
    log_.info(device_.label(), "factory reset");
    device_.factoryReset();
  } else if (actions.reboot) {
    log_.info(device_.label(), "rebooting (CommandKey '" + *actions.reboot + "')");
    device_.reboot(*actions.reboot);
  }
}

std::optional<CpeAgent::Clock::time_point> CpeAgent::nextPeriodic(Clock::time_point from) const {
  if (device_.value("ManagementServer.PeriodicInformEnable") != "true") return std::nullopt;
  unsigned interval = parameterAsUnsigned(device_, "ManagementServer.PeriodicInformInterval", 0);
  if (interval == 0) return std::nullopt;
  return from + std::chrono::seconds(interval);
}

unsigned CpeAgent::run() {
  try {
    loadState();
    if (options_.connectionRequestUrl)
      device_.setValue("ManagementServer.ConnectionRequestURL", *options_.connectionRequestUrl);
    device_.powerOn();
    saveState();
  } catch (const std::exception& e) {  // never start fresh over a database we cannot read
    log_.error(device_.label(), e.what());
    return 1;
  }
  refreshConnectionRequestCredentials();
  while (true) {
    {
      std::lock_guard lock(mutex_);
      if (stopping_) break;
      if (connectionRequested_) {
        connectionRequested_ = false;
        device_.events().add(device::event::ConnectionRequest);
      }
    }
    auto now = Clock::now();
    bool retryDue = retryAt_ && now >= *retryAt_;
    if (!device_.events().empty() && (!retryAt_ || retryDue)) {
      runOneSession();
      refreshConnectionRequestCredentials();
      if (options_.maxSessions && sessions_ >= *options_.maxSessions) break;
      continue;
    }
    // Sleep until the next thing that makes the device inform.
    std::optional<Clock::time_point> wakeAt = retryAt_;
    if (auto p = nextPeriodic(lastInform_ == Clock::time_point{} ? now : lastInform_))
      if (!wakeAt || *p < *wakeAt) wakeAt = p;
    for (const auto& s : scheduled_)
      if (!wakeAt || s.due < *wakeAt) wakeAt = s.due;
    {
      std::unique_lock lock(mutex_);
      auto woken = [&] { return stopping_ || connectionRequested_; };
      if (wakeAt) wake_.wait_until(lock, *wakeAt, woken);
      else wake_.wait(lock, woken);
      if (stopping_) break;
    }
    now = Clock::now();
    if (auto p = nextPeriodic(lastInform_); p && now >= *p) device_.events().add(device::event::Periodic);
    for (auto it = scheduled_.begin(); it != scheduled_.end();) {
      if (now < it->due) {
        ++it;
        continue;
      }
      device_.events().add(device::event::Scheduled);
      device_.events().add(device::event::MScheduleInform, it->commandKey);
      it = scheduled_.erase(it);
    }
    try {
      saveState();
    } catch (const std::exception& e) {
      log_.error(device_.label(), std::string("cannot save the device state: ") + e.what());
    }
  }
  return failures_;
}

}  // namespace cpemu::cwmp
