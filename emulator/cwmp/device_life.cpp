#include "cwmp/device_life.h"

#include <algorithm>
#include <utility>

#include "cwmp/session_retry_policy.h"
#include "device/behaviours.h"

namespace cpemu::cwmp {
namespace {

std::string seconds(std::chrono::milliseconds d) {
  auto tenths = d.count() / 100;
  return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10);
}

}  // namespace

DeviceLife::DeviceLife(device::Device& device, log::Logger& log, LifeOptions options)
    : device_(device),
      log_(log),
      options_(std::move(options)),
      clock_(options_.clock ? *options_.clock : systemClock_),
      random_(std::random_device{}()),
      timers_(random_()) {
  // TR-069 A.3.2: what the CPE acknowledges must survive a crash, so each change is saved before the
  // response to the request that made it is sent.
  options_.session.persist = [this] { saveState(); };
  options_.session.clock = &clock_;
  options_.activities.push_back(std::make_shared<device::BehaviourTimeline>());
}

// A restarted device continues where it stopped: its values, instances, pending events, transfers, and
// BOOT rather than BOOTSTRAP once an ACS has accepted it (docs/device-life.md, "Persistence").
void DeviceLife::loadState() {
  if (options_.store) store_ = options_.store;
  else if (options_.stateDir) store_ = std::make_shared<store::DeviceStore>(*options_.stateDir);
  if (!store_) return;
  if (store_->load(device_)) log_.info(device_.label(), "state restored from " + store_->file().string());
}

void DeviceLife::saveState() {
  if (!store_) return;
  const auto& events = device_.events().all();
  const auto& transfers = device_.transfers().all();
  const auto& completed = device_.transfers().completed();
  if (saved_ && saved_->tree.sameStateAs(device_.tree()) && saved_->events == events &&
      saved_->transfers == transfers && saved_->completedTransfers == completed &&
      saved_->scheduledInforms == device_.scheduledInforms() &&
      saved_->pending == device_.pending() && saved_->bootstrapped == device_.bootstrapped() &&
      saved_->bootstrapUrl == device_.bootstrapUrl())
    return;
  store_->save(device_);
  saved_ = SavedState{device_.tree(), events,           transfers, completed, device_.scheduledInforms(),
                      device_.pending(),     device_.bootstrapped(), device_.bootstrapUrl()};
}

void DeviceLife::trySaveState() {
  try {
    saveState();
  } catch (const std::exception& e) {
    log_.error(device_.label(), std::string("cannot save the device state: ") + e.what());
  }
}

// TR-069 §3.2.1.1: after a failed session the CPE waits a random time from the retry table before trying
// again, and reports the number of failed attempts in RetryCount. §3.7.1.5: what the failed session
// carried stays queued, except the events that are not retried (6 CONNECTION REQUEST).
void DeviceLife::sessionFailed(const std::string& why) {
  ++failures_;
  device_.events().sessionFailed();
  if (device_.events().empty()) {  // nothing left to deliver: no retry; the next session is a new one
    retryCount_ = 0;
    retryAt_.reset();
    log_.warning(device_.label(), "session failed: " + why + "; nothing left to deliver, no retry");
    return;
  }
  ++retryCount_;
  SessionRetryPolicy policy(device_.unsignedValue("ManagementServer.CWMPRetryMinimumWaitInterval", 5),
                            device_.unsignedValue("ManagementServer.CWMPRetryIntervalMultiplier", 2000));
  auto wait = policy.wait(retryCount_, random_);
  retryAt_ = clock_.now() + wait;
  log_.warning(device_.label(), "session failed: " + why + "; retry " + std::to_string(retryCount_) + " in " +
                                    seconds(wait) + " s");
}

bool DeviceLife::runOneSession() {
  std::string url = device_.value("ManagementServer.URL");
  ++sessions_;
  if (url.empty()) {
    sessionFailed("no ACS URL (ManagementServer.URL); set acs.url in the profile or use --acs");
    return false;
  }
  if (device_.checkAcsUrl(url)) log_.info(device_.label(), "ACS URL changed to " + url + ": bootstrapping again");
  transport::HttpClientOptions http;
  http.username = device_.value("ManagementServer.Username");
  http.password = device_.value("ManagementServer.Password");
  http.tls = options_.tls;
  auto session = transport::openHttpSession(url, http);
  CwmpSession cwmp(device_, *session, log_, options_.session);
  SessionOutcome outcome = cwmp.run(retryCount_);
  if (!outcome.ok) {
    sessionFailed(outcome.error);
    trySaveState();
    return false;
  }
  retryCount_ = 0;
  retryAt_.reset();
  lastSessionEnd_ = clock_.now();
  // TR-069 A.4.1.1 / A.4.1.6: what the ACS asked for happens once the session is over.
  if (device_.pending().factoryReset) log_.info(device_.label(), "factory reset");
  else if (device_.pending().reboot) log_.info(device_.label(), "rebooting (CommandKey '" + *device_.pending().reboot + "')");
  if (device_.pending().any()) {
    device_.carryOutPendingActions();
    device::bootBehaviours(device_, clock_.now());
  }
  trySaveState();
  return true;
}

bool DeviceLife::runDueActivities(device::TimePoint now) {
  bool ran = false;
  for (const auto& activity : options_.activities) {
    auto due = activity->nextDue(device_, now);
    if (!due || *due > now) continue;
    activity->run(device_, now);
    ran = true;
  }
  return ran;
}

std::optional<device::TimePoint> DeviceLife::nextWake(device::TimePoint now) const {
  std::optional<device::TimePoint> wake = timers_.nextDue(device_);
  for (const auto& activity : options_.activities)
    if (auto due = activity->nextDue(device_, now); due && (!wake || *due < *wake)) wake = due;
  return wake;
}

// TR-181 ManagementServer.DefaultActiveNotificationThrottle: a session whose only purpose is an active
// notification waits until that many seconds have passed since the last successful session. Returns the
// time it may start, or none when nothing holds it back.
std::optional<device::TimePoint> DeviceLife::activeNotificationThrottle(device::TimePoint now) const {
  if (!lastSessionEnd_) return std::nullopt;
  const auto& events = device_.events().all();
  bool onlyValueChange = !events.empty() && std::all_of(events.begin(), events.end(), [](const device::Event& e) {
    return e.code == device::event::ValueChange;
  });
  if (!onlyValueChange) return std::nullopt;
  auto until = *lastSessionEnd_ + std::chrono::seconds(device_.unsignedValue(
                                      "ManagementServer.DefaultActiveNotificationThrottle", 0));
  return now < until ? std::optional(until) : std::nullopt;
}

bool DeviceLife::start() {
  try {
    loadState();
    if (options_.connectionRequestUrl)
      device_.setFactoryValue(device_.rootName() + ".ManagementServer.ConnectionRequestURL",
                              *options_.connectionRequestUrl);
    device_.powerOn();
    device::bootBehaviours(device_, clock_.now());
    saveState();
  } catch (const std::exception& e) {  // never start fresh over a database we cannot read
    log_.error(device_.label(), e.what());
    return false;
  }
  timers_.refresh(device_, clock_.now());
  return true;
}

DeviceLife::Step DeviceLife::step(bool connectionRequest) {
  Step result;
  if (connectionRequest) device_.events().add(device::event::ConnectionRequest);
  auto now = clock_.now();
  bool changed = timers_.fire(device_, now);
  // Activities start once the session that asked for them is over (TR-069 A.3.2.8: a Download runs after
  // its session; TR-143: diagnostics run after the session that requested them).
  if (runDueActivities(now)) {
    changed = true;
    now = clock_.now();
  }
  if (device_.checkActiveNotifications()) changed = true;
  if (changed || connectionRequest) trySaveState();
  // A Connection Request shows the ACS is there: it does not wait out a retry back-off.
  bool backingOff = retryAt_ && now < *retryAt_ && !connectionRequest;
  std::optional<device::TimePoint> throttledUntil = activeNotificationThrottle(now);
  if (!device_.events().empty() && !backingOff && !throttledUntil) {
    result.session = runOneSession() ? SessionResult::Succeeded : SessionResult::Failed;
    timers_.refresh(device_, clock_.now());  // the ACS may have changed the periodic settings
    result.wakeAt = clock_.now();            // look again at once: more may be due
    return result;
  }
  // Nothing to do now: when the next thing that makes the device inform is due.
  result.wakeAt = nextWake(now);
  if (backingOff && !device_.events().empty() && (!result.wakeAt || *retryAt_ < *result.wakeAt))
    result.wakeAt = retryAt_;
  if (throttledUntil && !backingOff && (!result.wakeAt || *throttledUntil < *result.wakeAt))
    result.wakeAt = throttledUntil;
  return result;
}

}  // namespace cpemu::cwmp
