// The profile's behaviours acting on one device (docs/behaviours.md). Counters, uptime and random walks
// are computed when read: refreshBehaviours() writes their values for `now` just before an Inform or an
// ACS request reads them. The timeline is an Activity: the agent wakes the device when a step is due.
#pragma once

#include "device/activity.h"
#include "device/device.h"

namespace cpemu::device {

// (Re)starts the behaviours at boot: uptime and counters from zero, walks from their start, the timeline
// from its first step.
void bootBehaviours(Device& device, TimePoint now);
// Writes the counters', uptime's and walks' values at `now`.
void refreshBehaviours(Device& device, TimePoint now);

class BehaviourTimeline final : public Activity {
 public:
  std::optional<TimePoint> nextDue(const Device& device, TimePoint now) const override;
  // Applies every step due at `now`: its values (as the device), its event.
  void run(Device& device, TimePoint now) override;
};

}  // namespace cpemu::device
