#include "cwmp/inform_builder.h"

#include <chrono>
#include <ctime>
#include <set>

#include "cwmp/rpc/rpc_handlers.h"

namespace cpemu::cwmp {
namespace {

bool eventListMatches(const std::string& list, const std::vector<device::Event>& events) {
  if (list.empty()) return true;
  std::size_t start = 0;
  while (start <= list.size()) {
    std::size_t comma = list.find(',', start);
    std::string item = list.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    while (!item.empty() && item.front() == ' ') item.erase(item.begin());
    while (!item.empty() && item.back() == ' ') item.pop_back();
    for (const auto& e : events)
      if (e.code == item) return true;
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return false;
}

}  // namespace

Inform buildInform(const device::Device& device, const InformOptions& options, const std::string& currentTime,
                   unsigned retryCount) {
  Inform inform;
  inform.deviceId = {device.value("DeviceInfo.Manufacturer"), device.value("DeviceInfo.ManufacturerOUI"),
                     device.value("DeviceInfo.ProductClass"), device.value("DeviceInfo.SerialNumber")};
  for (const auto& e : device.events().forInform()) inform.events.push_back({e.code, e.commandKey});
  inform.maxEnvelopes = 1;
  inform.currentTime = currentTime;
  inform.retryCount = retryCount;

  const auto& tree = device.tree();
  std::set<std::string> included;
  tree.forEachForcedInform([&](const std::string& path, const datamodel::ParameterDef& def, std::string value) {
    included.insert(path);
    inform.parameterList.push_back({path, std::move(value), rpc::wireType(def)});
  });
  auto add = [&](const std::string& path) {
    if (!included.insert(path).second) return;
    const datamodel::ParameterDef* def = tree.findParameter(path);
    if (!def) return;  // an InformParameter naming nothing is skipped, as TR-181 allows
    inform.parameterList.push_back({path, tree.get(path, datamodel::ReadView::Acs).value, rpc::wireType(*def)});
  };
  for (const auto& p : options.extraParameters) add(p);
  // TR-069 A.3.3.1: with "4 VALUE CHANGE", every notified parameter whose value changed.
  for (const auto& p : device.notifications().pending()) add(p);

  // TR-181 ManagementServer.InformParameter.{i}: ACS-configured additions.
  std::vector<datamodel::ParameterValue> entries;
  std::string table = device.rootName() + ".ManagementServer.InformParameter.";
  if (!tree.getValues(table, entries, datamodel::ReadView::Device)) {
    std::vector<device::Event> events = device.events().forInform();
    for (std::size_t i = 0; i < entries.size(); ++i) {
      const auto& e = entries[i];
      if (!e.path.ends_with(".Enable") || e.value != "true") continue;
      std::string base = e.path.substr(0, e.path.size() - 6);
      auto name = tree.get(base + "ParameterName", datamodel::ReadView::Device);
      auto list = tree.get(base + "EventList", datamodel::ReadView::Device);
      if (!name.fault && !name.value.empty() && eventListMatches(list.value, events)) add(name.value);
    }
  }
  return inform;
}

}  // namespace cpemu::cwmp
