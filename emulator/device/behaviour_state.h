// What one device remembers of its profile's behaviours (profile/behaviour_settings.h): when it booted,
// where each random walk stands, when each timeline step is next due. A few bytes per behaviour; the
// behaviours themselves are shared by every device of the profile.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "device/clock.h"

namespace cpemu::device {

struct BehaviourState {
  TimePoint bootTime{};
  struct Walk {
    std::uint64_t step = 0;  // how many steps the value has taken since boot
    double value = 0;
  };
  std::vector<Walk> walks;
  std::vector<std::optional<TimePoint>> timelineDue;  // per step; none when done
};

}  // namespace cpemu::device
