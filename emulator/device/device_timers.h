// When a device informs on its own: the periodic Inform, the Heartbeat, the ACS's ScheduleInforms. Pure
// logic over a Device and a time, no threads: `cpemu run` drives one device's timers from its agent
// thread, a fleet drives many from one timer queue.
//
//   timers.refresh(device, now);      // after anything may have changed the settings (a session)
//   timers.fire(device, now);         // raises the events whose time has come
//   auto wake = timers.nextDue(device);
#pragma once

#include <optional>
#include <random>

#include "device/device.h"
#include "device/periodic_timer.h"
#include "device/small_random.h"

namespace cpemu::device {

class DeviceTimers {
 public:
  explicit DeviceTimers(std::uint64_t seed = std::random_device{}()) : random_(seed) {}

  // Reads ManagementServer.PeriodicInformEnable/Interval/Time and HeartbeatPolicy.Enable/ReportingInterval/
  // InitiationTime; a changed setting restarts its timer from `now` (TR-181: takes effect at once).
  void refresh(const Device& device, TimePoint now);
  // Raises "2 PERIODIC", "14 HEARTBEAT", "3 SCHEDULED" + "M ScheduleInform" for whatever is due at `now`.
  // Returns true when it raised anything.
  bool fire(Device& device, TimePoint now);
  // The earliest time one of them is due; none when nothing is scheduled.
  std::optional<TimePoint> nextDue(const Device& device) const;

  std::optional<TimePoint> periodicDue() const { return periodic_.due(); }
  std::optional<TimePoint> heartbeatDue() const { return heartbeat_.due(); }

 private:
  PeriodicTimer periodic_;
  PeriodicTimer heartbeat_;
  std::optional<TimePoint> heartbeatRandomPhase_;
  SmallRandom random_;
};

}  // namespace cpemu::device
