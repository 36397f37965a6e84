// Value-change notification (TR-069 A6 §3.2.1, A.3.2.4): which notified parameters changed since the ACS
// last learned their values. The baseline is an O(1) copy of the device's persistent tree taken when
// the ACS last knew the values (boot, end of a session), so tracking costs no memory per parameter.
//
// Notification attribute → what cpemu does (CWMP part only; UDP lightweight notifications are not sent):
//   1 passive, 4 passive + passive lightweight, 6 passive + active lightweight: the change rides along
//     on the next Inform ("4 VALUE CHANGE", the parameter in ParameterList);
//   2 active: the same, and the change opens a session of its own (throttled by
//     ManagementServer.DefaultActiveNotificationThrottle);
//   3 passive lightweight, 5 active lightweight: accepted and kept, nothing reported over CWMP.
#pragma once

#include <string>
#include <vector>

#include "datamodel/instance_tree.h"

namespace cpemu::device {

class NotificationTracker {
 public:
  explicit NotificationTracker(const datamodel::InstanceTree& tree) : baseline_(tree) {}

  struct Scan {
    bool passive = false;  // a parameter reported on the next Inform changed
    bool active = false;   // … and one of them has active notification
  };
  // Compares the notified parameters of `current` with the baseline; changed ones join pending().
  Scan scan(const datamodel::InstanceTree& current);
  // The parameters the next Inform reports under "4 VALUE CHANGE".
  const std::vector<std::string>& pending() const { return pending_; }
  // The ACS knows `current` now (its Inform with the pending changes was accepted, or its session ended
  // normally, so its own changes are not reported back to it).
  void rebase(const datamodel::InstanceTree& current);

  static bool reportsPassively(int notification) { return notification == 1 || notification == 2 || notification == 4 || notification == 6; }

 private:
  datamodel::InstanceTree baseline_;
  std::vector<std::string> pending_;
};

}  // namespace cpemu::device
