#include "store/device_record.h"

#include <map>

#include "profile/device_template.h"

namespace cpemu::store {
namespace {

void collectShape(const datamodel::Node& node, const std::string& path, TreeShape& out) {
  using datamodel::NodeKind;
  if (node.kind == NodeKind::Table) {
    out.tables.emplace_back(path, node.nextInstance);
    for (const auto& inst : node.children) {
      std::string p = path + std::to_string(inst->instance) + ".";
      out.instances.push_back(p);
      collectShape(*inst, p, out);
    }
    return;
  }
  for (std::size_t c = 0; c < node.children.size(); ++c)
    collectShape(*node.children[c], path + node.def->children[c]->name + ".", out);
}

// Stored values: everything but the …NumberOfEntries counters, which are computed from the tables.
std::map<std::string, std::string> storedValues(const datamodel::InstanceTree& tree) {
  std::map<std::string, std::string> out;
  tree.forEachParameter(
      [&](const std::string& path, const datamodel::ParameterDef& def, std::string_view value) {
        if (!def.countsTable) out.emplace(path, std::string(value));
      });
  return out;
}

StoredAttributes attributesOf(const datamodel::InstanceTree& tree, const std::string& path) {
  auto n = tree.notification(path);
  if (n.fault) return {path};
  return {path, n.value, tree.subscriberAccess(path)};
}

bool sameAttributes(const StoredAttributes& a, const StoredAttributes& b) {
  return a.notification == b.notification && a.subscriberAccess == b.subscriberAccess;
}

// The values and attributes of `tree` that differ from those of `base` (the device's profile template).
void collectDifferences(const datamodel::InstanceTree& tree, const datamodel::InstanceTree& base,
                        DeviceRecord& out) {
  auto baseValues = storedValues(base);
  for (auto& [path, value] : storedValues(tree)) {
    StoredAttributes attributes = attributesOf(tree, path);
    if (!sameAttributes(attributes, attributesOf(base, path)))
      out.attributes.push_back(std::move(attributes));
    auto it = baseValues.find(path);
    if (it == baseValues.end() || it->second != value) out.values.emplace_back(path, std::move(value));
  }
}

}  // namespace

DeviceKey DeviceKey::of(const device::Device& device) {
  return {static_cast<std::int64_t>(device.index()),
          device.deviceTemplate().profile().file.filename().string()};
}

TreeShape shapeOf(const datamodel::InstanceTree& tree) {
  TreeShape shape;
  collectShape(*tree.root(), tree.schema().rootName() + ".", shape);
  return shape;
}

DeviceRecord DeviceRecord::of(const device::Device& device) {
  DeviceRecord r;
  r.key = DeviceKey::of(device);
  r.bootstrapped = device.bootstrapped();
  r.bootstrapUrl = device.bootstrapUrl();
  r.pending = device.pending();
  r.scheduledInforms = device.scheduledInforms();
  r.shape = shapeOf(device.tree());
  collectDifferences(device.tree(), device.deviceTemplate().instantiate(device.index()), r);
  r.events = device.events().all();
  r.transfers = device.transfers().all();
  r.completedTransfers = device.transfers().completed();
  return r;
}

}  // namespace cpemu::store
