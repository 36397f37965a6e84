#include "device/device_timers.h"

#include <algorithm>

namespace cpemu::device {
namespace {

TimerSettings readSettings(const Device& d, const std::string& object, const char* enable, const char* interval,
                           const char* phase) {
  TimerSettings s;
  s.enabled = d.value(object + enable) == "true";
  s.interval = std::chrono::seconds(d.unsignedValue(object + interval, 0));
  if (s.interval.count() == 0) s.enabled = false;  // no usable interval in this model
  s.phase = parseDateTime(d.value(object + phase));
  return s;
}

}  // namespace

void DeviceTimers::refresh(const Device& device, TimePoint now) {
  // TR-181 PeriodicInformTime: with the Unknown Time the CPE picks the phase; cpemu counts from the
  // moment the setting took effect, so a fleet ramped up over a minute stays spread over that minute.
  periodic_.configure(readSettings(device, "ManagementServer.", "PeriodicInformEnable", "PeriodicInformInterval",
                                   "PeriodicInformTime"),
                      now);
  // TR-181 HeartbeatPolicy.InitiationTime: with the Unknown Time "the CPE MUST locally choose a random
  // time reference".
  TimerSettings heartbeat =
      readSettings(device, "ManagementServer.HeartbeatPolicy.", "Enable", "ReportingInterval", "InitiationTime");
  if (heartbeat.enabled && !heartbeat.phase && !heartbeatRandomPhase_ && heartbeat.interval.count() > 0) {
    std::uniform_int_distribution<std::int64_t> pick(1, heartbeat.interval.count());
    heartbeatRandomPhase_ = now + std::chrono::seconds(pick(random_));
  }
  heartbeat_.configure(heartbeat, now, heartbeatRandomPhase_);
}

bool DeviceTimers::fire(Device& device, TimePoint now) {
  bool raised = false;
  if (periodic_.fire(now)) {
    device.events().add(event::Periodic);
    raised = true;
  }
  if (heartbeat_.fire(now)) {
    device.events().add(event::Heartbeat);
    raised = true;
  }
  auto& scheduled = device.scheduledInforms();
  for (auto it = scheduled.begin(); it != scheduled.end();) {
    if (now < it->due) {
      ++it;
      continue;
    }
    // TR-069 A.4.1.4: "3 SCHEDULED" plus "M ScheduleInform" with the request's CommandKey.
    device.events().add(event::Scheduled);
    device.events().add(event::MScheduleInform, it->commandKey);
    it = scheduled.erase(it);
    raised = true;
  }
  return raised;
}

std::optional<TimePoint> DeviceTimers::nextDue(const Device& device) const {
  std::optional<TimePoint> next;
  auto consider = [&](std::optional<TimePoint> t) {
    if (t && (!next || *t < *next)) next = t;
  };
  consider(periodic_.due());
  consider(heartbeat_.due());
  for (const auto& s : device.scheduledInforms()) consider(s.due);
  return next;
}

}  // namespace cpemu::device
