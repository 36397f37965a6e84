#include "device/device.h"

namespace cpemu::device {

Device::Device(std::shared_ptr<const profile::DeviceTemplate> deviceTemplate, std::uint64_t index)
    : template_(std::move(deviceTemplate)), index_(index), tree_(template_->instantiate(index)) {}

std::string Device::value(std::string_view relativePath) const {
  auto r = tree_.get(rootName() + "." + std::string(relativePath), datamodel::ReadView::Device);
  return r.fault ? std::string() : r.value;
}

datamodel::Fault Device::setValue(std::string_view relativePath, std::string_view v) {
  return tree_.set(rootName() + "." + std::string(relativePath), v, datamodel::WriteOrigin::Device);
}

datamodel::Fault Device::setFactoryValue(const std::string& path, const std::string& v) {
  if (auto f = tree_.set(path, v, datamodel::WriteOrigin::Device)) return f;
  factoryValues_.emplace_back(path, v);
  return {};
}

void Device::powerOn() {
  if (!bootstrapped_) events_.add(event::Bootstrap);
  events_.add(event::Boot);
}

void Device::informAccepted(std::size_t count) {
  events_.delivered(count);
  bootstrapped_ = true;
}

void Device::reboot(const std::string& commandKey) {
  events_.add(event::Boot);
  events_.add(event::MReboot, commandKey);
}

void Device::factoryReset() {
  tree_ = template_->instantiate(index_);
  for (const auto& [path, v] : factoryValues_) tree_.set(path, v, datamodel::WriteOrigin::Device);
  events_.clear();
  transfers_ = TransferQueue();
  bootstrapped_ = false;
  powerOn();
}

}  // namespace cpemu::device
