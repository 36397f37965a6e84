#include "fleet/fleet_runner.h"

#include <map>
#include <stdexcept>

#include "transport/url.h"

namespace cpemu::fleet {

FleetRunner::FleetRunner(log::Logger& log, FleetOptions options) : log_(log), options_(std::move(options)) {
  if (options_.workers == 0) throw std::invalid_argument("a fleet needs at least one worker");
  for (const auto& group : options_.groups) {
    for (std::uint64_t index = 1; index <= group.count; ++index) {
      auto m = std::make_unique<Member>();
      m->device = std::make_unique<device::Device>(group.deviceTemplate, index);
      device::Device& d = *m->device;
      if (!options_.acsUrl.empty())
        if (auto f = d.setFactoryValue(d.rootName() + ".ManagementServer.URL", options_.acsUrl))
          throw std::invalid_argument("--acs: " + f.message);
      // The profile's path template, as expanded for this device into ConnectionRequestURL.
      if (auto url = transport::parseUrl(d.value("ManagementServer.ConnectionRequestURL"));
          std::holds_alternative<transport::Url>(url))
        m->connectionRequestPath = std::get<transport::Url>(url).target;
      devices_.push_back(std::move(m));
    }
  }
  if (options_.connectionRequestPort && options_.connectionRequestPorts)
    throw std::invalid_argument("one Connection Request port for the fleet, or a port range: not both");
  if (const auto& range = options_.connectionRequestPorts) {
    const std::string name = std::to_string(range->first) + "-" + std::to_string(range->last);
    if (range->first == 0 || range->last < range->first)
      throw std::invalid_argument(
          "the Connection Request port range " + name +
          " is not a range of ports: FIRST from 1 to 65535, LAST from FIRST to 65535");
    if (range->size() < devices_.size())
      throw std::invalid_argument("the Connection Request port range " + name + " has " +
                                  std::to_string(range->size()) + " ports for " +
                                  std::to_string(devices_.size()) + " devices (one port per device)");
  }
}

FleetRunner::~FleetRunner() { stop(); }

void FleetRunner::start() {
  if (options_.stateDir) store_ = std::make_shared<store::DeviceStore>(*options_.stateDir);
  if (options_.connectionRequestPort || options_.connectionRequestPorts) {
    // One port for every device, or device k on first+k-1: the ports are bound in device order.
    std::vector<std::uint16_t> ports;
    if (const auto& range = options_.connectionRequestPorts) {
      ports.reserve(devices_.size());
      for (std::size_t i = 0; i < devices_.size(); ++i)
        ports.push_back(static_cast<std::uint16_t>(range->first + i));
    } else {
      ports.push_back(*options_.connectionRequestPort);
    }
    crServer_ = std::make_unique<cwmp::ConnectionRequestServer>(log_);
    const std::vector<std::uint16_t> bound = crServer_->start(options_.connectionRequestHost, ports);
    const std::string& h = options_.connectionRequestHost;
    const std::string base = "http://" + (h.find(':') != std::string::npos ? "[" + h + "]" : h) + ":";
    std::map<std::pair<std::uint16_t, std::string>, std::string> owners;  // a port and path serve one device
    for (std::size_t i = 0; i < devices_.size(); ++i) {
      Member& m = *devices_[i];
      if (m.connectionRequestPath.empty()) continue;
      const std::uint16_t port = options_.connectionRequestPorts ? bound[i] : bound.front();
      auto [it, fresh] = owners.emplace(std::pair{port, m.connectionRequestPath}, m.device->label());
      if (!fresh)
        throw std::runtime_error("devices " + it->second + " and " + m.device->label() +
                                 " share the Connection Request path " + m.connectionRequestPath +
                                 "; put {serial} or {index} in connection_request.path");
      m.connectionRequestUrl = base + std::to_string(port) + m.connectionRequestPath;
      refreshCredentials(m);
      crServer_->add({m.connectionRequestPath, m.device->label(),
                      m.device->deviceTemplate().profile().connectionRequest.allowBasic,
                      [&m] {
                        std::lock_guard lock(m.credentialsMutex);
                        return m.credentials;
                      },
                      [this, i] {
                        Member& target = *devices_[i];
                        target.connectionRequested = true;
                        std::lock_guard lock(mutex_);
                        if (target.busy) target.rescheduleNow = true;
                        else makeReady(i);
                      },
                      // With a range, a device answers only on its own port.
                      options_.connectionRequestPorts ? port : std::uint16_t{0}});
    }
  }
  // What the devices of one profile share is made once per profile (each group with its own TLS settings).
  struct ProfileShared {
    cwmp::SessionOptions session;
    transport::TlsOptions tls;
    std::unique_ptr<cwmp::ProfileActivities> activities;
  };
  std::map<const profile::DeviceTemplate*, ProfileShared> perProfile;
  for (auto& mp : devices_) {
    Member& m = *mp;
    const profile::DeviceTemplate* t = &m.device->deviceTemplate();
    auto [it, fresh] = perProfile.try_emplace(t);
    ProfileShared& shared = it->second;
    if (fresh) {
      shared.session = cwmp::sessionOptionsFor(t->profile());
      shared.tls = cwmp::tlsOptionsFor(t->profile(), options_.tls);
      shared.activities = std::make_unique<cwmp::ProfileActivities>(t->profile(), log_, shared.tls);
    }
    cwmp::LifeOptions life;
    life.session = shared.session;
    life.tls = shared.tls;
    life.store = store_;
    if (!m.connectionRequestUrl.empty()) life.connectionRequestUrl = m.connectionRequestUrl;
    life.activities = shared.activities->forDevice();
    m.life = std::make_unique<cwmp::DeviceLife>(*m.device, log_, std::move(life));
  }
  {
    // The boot ramp: device k powers on k/ramp seconds after the start, unless the ramp is off.
    std::lock_guard lock(mutex_);
    const auto begin = std::chrono::system_clock::now();
    for (std::size_t i = 0; i < devices_.size(); ++i) {
      auto offset = options_.rampPerSecond > 0 ? std::chrono::duration<double>(i / options_.rampPerSecond)
                                               : std::chrono::duration<double>(0);
      schedule(i, begin + std::chrono::duration_cast<device::TimePoint::duration>(offset));
    }
  }
  for (unsigned w = 0; w < options_.workers; ++w) workers_.emplace_back([this] { workerLoop(); });
  timer_ = std::thread([this] { timerLoop(); });
}

void FleetRunner::stop() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_ && workers_.empty()) return;
    stopping_ = true;
  }
  timerWake_.notify_all();
  workWake_.notify_all();
  if (timer_.joinable()) timer_.join();
  for (auto& t : workers_) t.join();
  workers_.clear();
  if (crServer_) crServer_->stop();
}

void FleetRunner::schedule(std::size_t member, device::TimePoint at) {
  Member& m = *devices_[member];
  bool earliest = queue_.empty() || at < queue_.top().at;
  queue_.push({at, member, ++m.generation});
  if (earliest) timerWake_.notify_one();  // the timer thread sleeps until the old top otherwise
}

void FleetRunner::makeReady(std::size_t member, bool wakeWorker) {
  Member& m = *devices_[member];
  if (m.busy || m.ready) return;  // it runs anyway; a busy one is rescheduled when its worker is done
  m.ready = true;
  ++m.generation;  // entries still in the timer queue are superseded: the worker reschedules it
  ready_.push_back(member);
  if (wakeWorker) workWake_.notify_one();
}

void FleetRunner::refreshCredentials(Member& m) {
  transport::DigestCredentials c{m.device->value("ManagementServer.ConnectionRequestUsername"),
                                 m.device->value("ManagementServer.ConnectionRequestPassword")};
  std::lock_guard lock(m.credentialsMutex);
  m.credentials = std::move(c);
}

// Only this thread sleeps until the earliest due time. When every idle worker waited for it instead, each
// due device woke all of them (a quarter of the fleet's CPU went to those wake-ups).
void FleetRunner::timerLoop() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    if (queue_.empty()) {
      timerWake_.wait(lock);
      continue;
    }
    const auto now = std::chrono::system_clock::now();
    if (queue_.top().at > now) {
      // A copy: wait_until reads its deadline again after waking, by then a worker's push may have moved
      // the heap's storage (ASan: heap-use-after-free, under the GenieACS fleet test).
      const device::TimePoint until = queue_.top().at;
      timerWake_.wait_until(lock, until);
      continue;
    }
    while (!queue_.empty() && queue_.top().at <= now) {
      Due due = queue_.top();
      queue_.pop();
      // Superseded entries (a later schedule() bumped the generation) are dropped.
      if (due.generation == devices_[due.member]->generation) makeReady(due.member);
    }
  }
}

void FleetRunner::workerLoop() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    if (ready_.empty()) {
      workWake_.wait(lock);
      continue;
    }
    const std::size_t member = ready_.front();
    ready_.pop_front();
    Member& m = *devices_[member];
    m.ready = false;
    m.busy = true;
    lock.unlock();
    std::optional<device::TimePoint> next = runMember(member);
    lock.lock();
    // Rescheduled here, together with busy = false: an entry that fell due while busy was set was dropped.
    m.busy = false;
    if (m.rescheduleNow || (next && *next <= std::chrono::system_clock::now())) {
      m.rescheduleNow = false;
      // Due at once (e.g. right after a session): straight to the ready queue, where this worker finds it.
      makeReady(member, false);
    } else if (next) {
      schedule(member, *next);
    }
  }
}

// One step of one device, on a worker: power it on the first time, then do whatever is due. Returns when
// to step it again; none: only a Connection Request brings it back.
std::optional<device::TimePoint> FleetRunner::runMember(std::size_t member) {
  Member& m = *devices_[member];
  if (!m.started) {
    m.started = true;
    if (!m.life->start()) return std::nullopt;  // logged; this device stays off
    stats_.deviceStarted();
    refreshCredentials(m);
  }
  const auto begin = std::chrono::steady_clock::now();
  cwmp::DeviceLife::Step step = m.life->step(m.connectionRequested.exchange(false));
  if (step.session != cwmp::DeviceLife::SessionResult::None) {
    stats_.sessionDone(step.session == cwmp::DeviceLife::SessionResult::Succeeded,
                       std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - begin));
    refreshCredentials(m);
  }
  return step.wakeAt;
}

}  // namespace cpemu::fleet
