#include "device/notification_tracker.h"

#include <algorithm>

namespace cpemu::device {

NotificationTracker::Scan NotificationTracker::scan(const datamodel::InstanceTree& current) {
  Scan result;
  if (current.sameStateAs(baseline_)) return result;  // nothing changed at all
  // Only the nodes that differ from the baseline are looked at; instances added since then are new, not
  // changed, and are not reported.
  current.forEachNotifiedChange(baseline_, [&](const std::string& path, const datamodel::ParameterDef&,
                                               std::string_view, int notification) {
    if (!reportsPassively(notification)) return;
    if (std::find(pending_.begin(), pending_.end(), path) == pending_.end()) pending_.push_back(path);
    result.passive = true;
    if (notification == 2) result.active = true;
  });
  return result;
}

void NotificationTracker::rebase(const datamodel::InstanceTree& current) {
  baseline_ = current;
  pending_.clear();
}

}  // namespace cpemu::device
