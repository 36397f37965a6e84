#include "device/notification_tracker.h"

#include <algorithm>

namespace cpemu::device {

NotificationTracker::Scan NotificationTracker::scan(const datamodel::InstanceTree& current) {
  Scan result;
  if (current.root() == baseline_.root()) return result;  // nothing changed at all
  current.forEachNotified([&](const std::string& path, const datamodel::ParameterDef&, std::string_view value,
                              int notification) {
    if (!reportsPassively(notification)) return;
    auto before = baseline_.get(path, datamodel::ReadView::Device);
    if (before.fault || before.value == value) return;  // new since the baseline (an added instance), or same
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
