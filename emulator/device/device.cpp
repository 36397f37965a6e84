#include "device/device.h"

#include <charconv>
#include <utility>

#include "device/firmware_state.h"

namespace cpemu::device {

Device::Device(std::shared_ptr<const profile::DeviceTemplate> deviceTemplate, std::uint64_t index)
    : template_(std::move(deviceTemplate)), index_(index), tree_(template_->instantiate(index)) {}

std::string Device::value(std::string_view relativePath) const {
  auto r = tree_.get(rootName() + "." + std::string(relativePath), datamodel::ReadView::Device);
  return r.fault ? std::string() : r.value;
}

unsigned Device::unsignedValue(std::string_view relativePath, unsigned fallback) const {
  const std::string v = value(relativePath);
  unsigned result = 0;
  auto [end, error] = std::from_chars(v.data(), v.data() + v.size(), result);
  return v.empty() || error != std::errc() || end != v.data() + v.size() ? fallback : result;
}

datamodel::Fault Device::setValue(std::string_view relativePath, std::string_view v) {
  return tree_.set(rootName() + "." + std::string(relativePath), v, datamodel::WriteOrigin::Device);
}

datamodel::Fault Device::setFactoryValue(const std::string& path, const std::string& v) {
  if (auto f = tree_.set(path, v, datamodel::WriteOrigin::Device)) return f;
  for (auto& [p, old] : factoryValues_)
    if (p == path) {
      old = v;
      return {};
    }
  factoryValues_.emplace_back(path, v);
  return {};
}

void Device::powerOn() {
  PendingActions actions = std::exchange(pending_, {});
  events_.rebooted();
  if (actions.factoryReset) {
    resetToFactory();
  } else if (actions.reboot) {
    events_.add(event::MReboot, *actions.reboot);
  }
  if (!bootstrapped_) events_.add(event::Bootstrap);
  events_.add(event::Boot);
  notifications_.rebase(tree_);  // after a boot the ACS reads what it needs; changes count from here
}

void Device::prepareInform() {
  notifications_.scan(tree_);
  if (!notifications_.pending().empty()) events_.add(event::ValueChange);
}

bool Device::checkActiveNotifications() {
  if (!notifications_.scan(tree_).active) return false;
  events_.add(event::ValueChange);
  return true;
}

// Back to the profile's state: configuration, instances, queued transfers, scheduled informs and every
// undelivered event are gone; the device bootstraps again. The --set/--acs factory values stay, and so
// does the firmware it runs: a factory reset restores the configuration, not the image it booted.
void Device::resetToFactory() {
  const auto firmware = firmwareState(tree_);
  tree_ = template_->instantiate(index_);
  for (const auto& [path, v] : factoryValues_) tree_.set(path, v, datamodel::WriteOrigin::Device);
  restoreFirmwareState(tree_, firmware);
  events_.clear();
  transfers_ = TransferQueue();
  scheduledInforms_.clear();
  bootstrapped_ = false;
  bootstrapUrl_.clear();
}

bool Device::checkAcsUrl(const std::string& acsUrl) {
  if (!bootstrapped_) return false;
  if (bootstrapUrl_.empty()) {  // state saved before cpemu tracked the URL: adopt it
    bootstrapUrl_ = acsUrl;
    return false;
  }
  if (bootstrapUrl_ == acsUrl) return false;
  bootstrapped_ = false;
  events_.add(event::Bootstrap);
  return true;
}

void Device::informAccepted(const std::vector<Event>& events, const std::string& acsUrl) {
  events_.delivered(events);
  // The pending value changes went with "4 VALUE CHANGE" (unless more than 64 events pushed it out).
  if (!events_.contains(event::ValueChange)) notifications_.rebase(tree_);
  if (!bootstrapped_ || bootstrapUrl_.empty()) bootstrapUrl_ = acsUrl;
  bootstrapped_ = true;
}

}  // namespace cpemu::device
