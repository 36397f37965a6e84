#include "store/device_record.h"


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

// The values and attributes of `tree` that differ from those of `base` (the device's profile template),
// except the …NumberOfEntries counters, which are computed from the tables. Only what the device does not
// share with its template is looked at: a save costs what changed, not the size of the model.
void collectDifferences(const datamodel::InstanceTree& tree, const datamodel::InstanceTree& base,
                        DeviceRecord& out) {
  tree.forEachDifference(base, [&](const datamodel::InstanceTree::ParameterDifference& d) {
    if (d.def.countsTable) return;
    if (d.attributesDiffer) out.attributes.push_back({d.path, d.notification, d.subscriberAccess});
    if (d.valueDiffers) out.values.emplace_back(d.path, std::string(d.value));
  });
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
