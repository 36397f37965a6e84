// How a device changes on its own (profile key `behaviours:`, docs/behaviours.md): counters that grow,
// uptime, values that wander within bounds, and a timeline of changes and vendor events after boot.
// Counters, uptime and walks are computed when read (at a session, for GetParameterValues), not by a
// timer per parameter, so they cost nothing between sessions even in a fleet.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "profile/profile_error.h"

namespace cpemu::profile {

// value = start + rate · (seconds since boot); unsignedInt counters wrap at 2^32 as real ones do.
struct CounterBehaviour {
  std::string path;
  double ratePerSecond = 1;
  double start = 0;
  SourceLocation where;
};

// Every `every` seconds the value moves by a random amount in [-step, +step], staying in [min, max].
struct RandomWalkBehaviour {
  std::string path;
  double min = 0;
  double max = 100;
  double step = 1;
  double everySeconds = 60;
  std::optional<double> start;  // default: the middle of [min, max]
  SourceLocation where;
};

// At `at` seconds after boot (then every `every` seconds, when given): set values and/or raise an event.
struct TimelineStep {
  double atSeconds = 0;
  std::optional<double> everySeconds;
  std::vector<std::pair<std::string, std::string>> set;  // path, value
  std::string event;       // "X <OUI> <name>" ("{oui}" is the device's ManufacturerOUI); "" for none
  std::string commandKey;  // for the event
  SourceLocation where;
};

struct BehaviourSettings {
  std::vector<CounterBehaviour> counters;  // uptime entries are counters with rate 1
  std::vector<RandomWalkBehaviour> walks;
  std::vector<TimelineStep> timeline;
  bool empty() const { return counters.empty() && walks.empty() && timeline.empty(); }
};

}  // namespace cpemu::profile
