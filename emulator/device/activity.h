// Work a device does on its own between sessions: file transfers, diagnostics, behaviours. The device's
// runner (the single-device agent, later a fleet worker) asks each activity when it is next due, runs it
// when that time comes, and opens a session if it raised events. Activities hold no thread of their own;
// whatever state must survive a restart lives in the Device (and so in the store).
#pragma once

#include <optional>

#include "device/clock.h"

namespace cpemu::device {

class Device;

class Activity {
 public:
  virtual ~Activity() = default;
  // When this activity next has something to do for `device`; none when idle. A time in the past means
  // "now". Called after every session and every wake, so it must be cheap.
  virtual std::optional<TimePoint> nextDue(const Device& device, TimePoint now) const = 0;
  // Does what is due at `now` (it may block, e.g. for a download). Raises events on the device.
  virtual void run(Device& device, TimePoint now) = 0;
};

}  // namespace cpemu::device
