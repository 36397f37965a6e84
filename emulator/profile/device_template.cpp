#include "profile/device_template.h"

#include <algorithm>
#include <map>
#include <set>

#include "datamodel/parameter_path.h"
#include "device/event_queue.h"

namespace cpemu::profile {

using datamodel::FaultCode;
using datamodel::InstanceTree;
using datamodel::WriteOrigin;

namespace {

std::string faultText(const datamodel::Fault& f) { return f.message + " (fault " + std::to_string(f.number()) + ")"; }

// behaviours: (docs/behaviours.md) must name parameters of this model, numbers where a number is computed.
void checkBehaviours(const BehaviourSettings& b, const datamodel::InstanceTree& tree) {
  auto numberParameter = [&](const std::string& path, const SourceLocation& where) {
    const datamodel::ParameterDef* def = tree.findParameter(path);
    if (!def) throw ProfileError(where, path + ": no such parameter (fault 9005)");
    using datamodel::BaseType;
    const BaseType t = def->syntax.type;
    if (def->syntax.list || (t != BaseType::Int && t != BaseType::UnsignedInt && t != BaseType::Long &&
                             t != BaseType::UnsignedLong && t != BaseType::Decimal))
      throw ProfileError(where, path + ": a " + std::string(datamodel::xsdName(t)) + " cannot count or wander; "
                                "it needs a number type");
  };
  for (const auto& c : b.counters) numberParameter(c.path, c.where);
  for (const auto& w : b.walks) numberParameter(w.path, w.where);
  for (const auto& step : b.timeline) {
    for (const auto& [path, value] : step.set) {
      const datamodel::ParameterDef* def = tree.findParameter(path);
      if (!def) throw ProfileError(step.where, path + ": no such parameter (fault 9005)");
      auto checked = datamodel::checkValue(def->syntax, value, datamodel::WriteOrigin::Device);
      if (checked.fault) throw ProfileError(step.where, path + ": " + faultText(checked.fault));
    }
    if (step.event.empty()) continue;
    std::string code = step.event;
    if (auto at = code.find("{oui}"); at != std::string::npos) code.replace(at, 5, "000000");
    if (!device::isVendorEventCode(code))
      throw ProfileError(step.where, "event '" + step.event +
                                         "': expected a vendor event \"X <OUI> <name>\" (six upper-case hex digits "
                                         "or {oui}, then a name)");
  }
}

std::string rootNameOf(const datamodel::Model& model) {
  for (const auto& o : model.objects)
    if (datamodel::parentTemplatePath(o.path).empty()) return o.path.substr(0, o.path.size() - 1);
  return "";
}

// Creates `path` ("Device.IP.Interface.1.IPv4Address.2") and any missing instance above it.
void ensureInstance(InstanceTree& tree, const ProfileInstance& inst) {
  auto parsed = datamodel::ParameterPath::parse(inst.path + ".");
  if (!parsed) throw ProfileError(inst.where, "'" + inst.path + "' is not a valid object path");
  const auto& segs = parsed->segments();
  if (!datamodel::ParameterPath::instanceNumber(segs.back()))
    throw ProfileError(inst.where, "'" + inst.path + "' must end with an instance number, e.g. " + inst.path + ".1");
  std::string path;
  for (const auto& seg : segs) {
    auto number = datamodel::ParameterPath::instanceNumber(seg);
    if (number && !tree.hasObject(path + seg + ".")) {
      auto added = tree.addObject(path, WriteOrigin::Device, *number);
      if (added.fault) throw ProfileError(inst.where, faultText(added.fault));
    }
    path += seg + ".";
    if (!number && !tree.hasObject(path))
      throw ProfileError(inst.where, path + ": no such object in the data model (fault 9005)");
  }
}

}  // namespace

std::shared_ptr<const DeviceTemplate> DeviceTemplate::build(Profile profile, datamodel::ModelLoader& loader) {
  SourceLocation profileWhere{profile.file.string(), 0, 0, "datamodels"};
  if (profile.datamodels.empty()) throw ProfileError(profileWhere, "the profile names no data-model files");

  std::vector<std::shared_ptr<const datamodel::Model>> roots, services;
  for (const auto& ref : profile.datamodels) {
    std::vector<std::shared_ptr<const datamodel::Model>> models;
    try {
      models = loader.load(ref.file);
    } catch (const datamodel::DataModelError& e) {
      throw ProfileError(ref.where, e.what());
    }
    if (models.empty()) throw ProfileError(ref.where, ref.file.string() + " defines no <model>");
    for (auto& m : models) (m->isService ? services : roots).push_back(m);
  }
  if (roots.size() != 1)
    throw ProfileError(profileWhere, "exactly one root data model (e.g. Device:2) is needed, found " +
                                         std::to_string(roots.size()));
  std::string rootName = rootNameOf(*roots[0]);
  std::vector<const datamodel::Model*> serviceModels;
  for (const auto& s : services) serviceModels.push_back(s.get());
  std::shared_ptr<const datamodel::Schema> schema;
  try {
    schema = datamodel::Schema::build(*roots[0], serviceModels, rootName + ".Services.");
  } catch (const std::exception& e) {
    throw ProfileError(profileWhere, e.what());
  }

  InstanceTree tree(schema);
  for (const auto& inst : profile.instances) ensureInstance(tree, inst);

  std::shared_ptr<DeviceTemplate> t(new DeviceTemplate(std::move(profile), std::move(tree)));
  const Profile& p = t->profile_;

  // The serial number and OUI feed {serial} and {oui}: find their final (most derived) values first.
  const ProfileValue* serial = nullptr;
  for (const auto& v : p.values) {
    if (!v.rootRelative) continue;
    if (v.path == "DeviceInfo.SerialNumber") serial = &v;
    if (v.path == "DeviceInfo.ManufacturerOUI") t->oui_ = ValueTemplate::parse(v.value).expand({});
  }
  if (serial) {
    t->serial_ = ValueTemplate::parse(serial->value);
    // docs/profiles.md: the serial number must not contain {serial}, which would expand to "".
    if (t->serial_.usesSerial())
      throw ProfileError(serial->where, "the serial number cannot contain {serial}");
  }
  TemplateContext first = t->context(1);

  std::vector<ProfileValue> values = p.values;
  if (p.connectionRequestWhere && schema->findObject(rootName + ".ManagementServer.")) {
    const auto& cr = p.connectionRequest;
    std::string host = cr.host.find(':') != std::string::npos ? "[" + cr.host + "]" : cr.host;
    values.push_back({"ManagementServer.ConnectionRequestURL",
                      "http://" + host + ":" + std::to_string(cr.port) + cr.path, *p.connectionRequestWhere, true});
  }
  std::map<std::string, std::size_t> perDeviceIndex;
  for (const auto& v : values) {
    std::string path = v.rootRelative ? rootName + "." + v.path : v.path;
    ValueTemplate tmpl = ValueTemplate::parse(v.value);
    if (auto f = t->tree_.set(path, tmpl.expand(first), WriteOrigin::Device))
      throw ProfileError(v.where, faultText(f));
    // A later constant value for the same path cancels an earlier per-device one.
    if (auto it = perDeviceIndex.find(path); it != perDeviceIndex.end()) {
      std::size_t removed = it->second;
      t->perDevice_.erase(t->perDevice_.begin() + static_cast<std::ptrdiff_t>(removed));
      perDeviceIndex.erase(it);
      for (auto& entry : perDeviceIndex)
        if (entry.second > removed) --entry.second;
    }
    if (!tmpl.isConstant()) {
      perDeviceIndex[path] = t->perDevice_.size();
      t->perDevice_.push_back({path, std::move(tmpl), v.where});
    }
  }
  // TR-106 A.2.7 activeNotify="forceDefaultEnabled": active notification is on until the ACS turns it off.
  std::vector<std::string> activeByDefault;
  t->tree_.forEachParameter([&](const std::string& path, const datamodel::ParameterDef& def, std::string_view) {
    if (def.activeNotify == datamodel::ActiveNotify::ForceDefaultEnabled) activeByDefault.push_back(path);
  });
  for (const auto& path : activeByDefault) t->tree_.setNotification(path, 2);
  for (const auto& n : p.notifications)
    if (auto f = t->tree_.setNotification(n.path, n.value)) throw ProfileError(n.where, faultText(f));

  checkBehaviours(p.behaviours, t->tree_);

  for (const auto& ip : p.cwmp.informParameters)
    if (!t->tree_.findParameter(ip.path))
      throw ProfileError(ip.where, ip.path + ": no such parameter (fault 9005)");

  // Turn the per-device values into slots; device 1's values (already checked above) fill the table.
  auto slots = std::make_shared<InstanceTree::SlotTable>();
  for (std::uint32_t k = 0; k < t->perDevice_.size(); ++k) {
    auto& v = t->perDevice_[k];
    v.def = t->tree_.findParameter(v.path);
    slots->emplace_back(t->tree_.get(v.path, datamodel::ReadView::Device).value);
    t->tree_.bindSlot(v.path, k);
  }
  // Values that behaviours rewrite at every session live in the device's slot table too: written in
  // the tree, they would give each device its own copy of every node on the paths to them (about 3 KB
  // per gateway device).
  std::set<std::string> slotted;
  for (const auto& v : t->perDevice_) slotted.insert(v.path);
  auto slotBehaviour = [&](const std::string& path) {
    if (!slotted.insert(path).second) return;
    t->behaviourSlots_.emplace_back(t->tree_.get(path, datamodel::ReadView::Device).value);
    slots->push_back(t->behaviourSlots_.back());
    t->tree_.bindSlot(path, static_cast<std::uint32_t>(slots->size() - 1));
  };
  for (const auto& c : p.behaviours.counters) slotBehaviour(c.path);
  for (const auto& w : p.behaviours.walks) slotBehaviour(w.path);
  t->tree_.setSlots(std::move(slots));
  return t;
}

TemplateContext DeviceTemplate::context(std::uint64_t index) const {
  TemplateContext c;
  c.index = index;
  c.oui = oui_;
  c.serial = serial_.expand(c);
  return c;
}

InstanceTree DeviceTemplate::instantiate(std::uint64_t index) const {
  InstanceTree tree = tree_;
  if (index == 1 || (perDevice_.empty() && behaviourSlots_.empty())) return tree;
  TemplateContext c = context(index);
  auto slots = std::make_shared<InstanceTree::SlotTable>();
  slots->reserve(perDevice_.size() + behaviourSlots_.size());
  for (const auto& v : perDevice_) {
    datamodel::CheckedValue checked = datamodel::checkValue(v.def->syntax, v.value.expand(c), WriteOrigin::Device);
    if (checked.fault)
      throw ProfileError(v.where, "device index " + std::to_string(index) + ": " + v.path + ": " + faultText(checked.fault));
    // Equal expansions (one MAC used by several parameters) share one string.
    auto same = std::find_if(slots->begin(), slots->end(),
                             [&](const datamodel::SharedValue& s) { return s.view() == checked.canonical; });
    slots->push_back(same != slots->end() ? *same : datamodel::SharedValue(checked.canonical));
  }
  slots->insert(slots->end(), behaviourSlots_.begin(), behaviourSlots_.end());
  tree.setSlots(std::move(slots));
  return tree;
}

}  // namespace cpemu::profile
