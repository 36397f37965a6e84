#include "datamodel/instance_tree.h"

#include <algorithm>
#include <stdexcept>
#include <unordered_set>

#include "datamodel/parameter_path.h"

namespace cpemu::datamodel {

struct InstanceTree::Location {
  std::vector<std::pair<const Node*, std::size_t>> chain;  // ancestors and the child index taken
  const Node* node = nullptr;                              // object, table or instance reached
  int parameter = -1;                                      // >= 0 when the path names a parameter
  std::string path;                                        // normalised path of `node` (ends with '.')
};

namespace {

Fault invalidName(std::string_view path, std::string_view why = "no such parameter or object") {
  return {FaultCode::InvalidParameterName, std::string(path) + ": " + std::string(why)};
}

std::size_t childIndexByName(const ObjectDef& parent, std::string_view name) {
  for (std::size_t i = 0; i < parent.children.size(); ++i)
    if (parent.children[i]->name == name) return i;
  return parent.children.size();
}

std::size_t childIndex(const ObjectDef& parent, const ObjectDef* child) {
  for (std::size_t i = 0; i < parent.children.size(); ++i)
    if (parent.children[i] == child) return i;
  return parent.children.size();
}

using SlotTable = InstanceTree::SlotTable;

std::string_view text(const SharedValue& v, const SlotTable* slots) {
  if (!v.isSlot()) return v.view();
  return slots && v.slotIndex() < slots->size() ? (*slots)[v.slotIndex()].view() : std::string_view();
}

// Reads a stored or computed value. …NumberOfEntries parameters count their table, so they can never
// disagree with the instances that exist (TR-106 A.2.8).
std::string readValue(const Node& node, std::size_t index, ReadView view, const SlotTable* slots) {
  const ParameterDef& def = node.def->parameters[index];
  if (view == ReadView::Acs && (def.syntax.hidden || def.syntax.secured || def.syntax.command))
    return std::string(def.syntax.nullValue());
  if (def.countsTable) {
    std::size_t i = childIndex(*node.def, def.countsTable);
    if (i < node.children.size()) return std::to_string(node.children[i]->children.size());
  }
  return std::string(text(node.values[index], slots));
}

bool objectWritable(const Node& node) {
  return node.kind != NodeKind::Object && node.def->access == Access::ReadWrite;
}

}  // namespace

NodePtr makeObjectNode(const ObjectDef& def, NodeKind kind, std::uint32_t instance) {
  auto node = std::make_shared<Node>();
  node->def = &def;
  node->kind = kind;
  node->instance = instance;
  if (kind == NodeKind::Table) return node;
  node->values = def.initialValues;
  node->children.reserve(def.children.size());
  for (const ObjectDef* child : def.children)
    node->children.push_back(makeObjectNode(*child, child->multiInstance ? NodeKind::Table : NodeKind::Object));
  return node;
}

InstanceTree::InstanceTree(std::shared_ptr<const Schema> schema)
    : schema_(std::move(schema)), root_(makeObjectNode(schema_->root(), NodeKind::Object)) {}

namespace {

struct Found {
  const Node* node;
  int parameter;  // >= 0 when the path names a parameter of `node`
};

// Follows a name (TR-069 A6 §A.2.2.1) from the root without allocating: every Get and every Inform looks
// names up, and building segment lists for each lookup was a fifth of a fleet's CPU. `descend(parent,
// childIndex)` is told each step down (locate() records them). None when the name names nothing.
template <typename Descend>
std::optional<Found> walkPath(const Node& root, std::string_view rootName, std::string_view text, Descend&& descend) {
  if (text.empty() || text.size() > 1024 || text.front() == '.') return std::nullopt;
  const bool partial = text.back() == '.';
  if (partial) text.remove_suffix(1);
  const Node* node = &root;
  for (std::size_t start = 0, i = 0;; ++i) {
    const std::size_t dot = text.find('.', start);
    const bool last = dot == std::string_view::npos;
    const std::string_view seg = text.substr(start, last ? std::string_view::npos : dot - start);
    if (!ParameterPath::validSegment(seg)) return std::nullopt;
    if (i == 0) {
      if (seg != rootName) return std::nullopt;
    } else if (node->kind == NodeKind::Table) {
      auto number = ParameterPath::instanceNumber(seg);
      if (!number) return std::nullopt;
      auto it = std::lower_bound(node->children.begin(), node->children.end(), *number,
                                 [](const NodePtr& n, std::uint32_t v) { return n->instance < v; });
      if (it == node->children.end() || (*it)->instance != *number) return std::nullopt;
      descend(node, static_cast<std::size_t>(it - node->children.begin()));
      node = it->get();
    } else if (std::size_t c = childIndexByName(*node->def, seg); c < node->children.size()) {
      descend(node, c);
      node = node->children[c].get();
    } else {
      if (!last || partial) return std::nullopt;
      int p = node->def->parameterIndex(seg);
      if (p < 0) return std::nullopt;
      return Found{node, p};
    }
    if (last) break;
    start = dot + 1;
  }
  if (!partial) return std::nullopt;  // an object named without its trailing dot
  return Found{node, -1};
}

}  // namespace

std::optional<InstanceTree::Location> InstanceTree::locate(std::string_view text) const {
  Location loc;
  if (text.empty()) {  // TR-069: an empty name stands for the top of the hierarchy
    loc.node = root_.get();
    loc.path = schema_->rootName() + ".";
    return loc;
  }
  auto found = walkPath(*root_, schema_->rootName(), text,
                        [&](const Node* parent, std::size_t child) { loc.chain.emplace_back(parent, child); });
  if (!found) return std::nullopt;
  loc.node = found->node;
  loc.parameter = found->parameter;
  loc.path = text;  // every segment was checked: the name is already in its normal form
  return loc;
}

Result<std::string> InstanceTree::get(std::string_view path, ReadView view) const {
  auto found = walkPath(*root_, schema_->rootName(), path, [](const Node*, std::size_t) {});
  if (!found || found->parameter < 0) return {{}, invalidName(path)};
  return {readValue(*found->node, static_cast<std::size_t>(found->parameter), view, slots_.get()), {}};
}

bool InstanceTree::hasObject(std::string_view partialPath) const {
  if (partialPath.empty()) return true;  // the top of the hierarchy
  auto found = walkPath(*root_, schema_->rootName(), partialPath, [](const Node*, std::size_t) {});
  return found && found->parameter < 0;
}

const ParameterDef* InstanceTree::findParameter(std::string_view path) const {
  auto found = walkPath(*root_, schema_->rootName(), path, [](const Node*, std::size_t) {});
  if (!found || found->parameter < 0) return nullptr;
  return &found->node->def->parameters[static_cast<std::size_t>(found->parameter)];
}

namespace {

void collectValues(const Node& node, const std::string& path, ReadView view, const SlotTable* slots,
                   std::vector<ParameterValue>& out) {
  if (node.kind != NodeKind::Table) {
    for (std::size_t i = 0; i < node.def->parameters.size(); ++i)
      out.push_back({path + node.def->parameters[i].name, &node.def->parameters[i], readValue(node, i, view, slots)});
    for (std::size_t c = 0; c < node.children.size(); ++c)
      collectValues(*node.children[c], path + node.def->children[c]->name + ".", view, slots, out);
  } else {
    for (const auto& inst : node.children)
      collectValues(*inst, path + std::to_string(inst->instance) + ".", view, slots, out);
  }
}

void collectNames(const Node& node, const std::string& path, bool includeSelf, bool recurse,
                  std::vector<ParameterName>& out) {
  if (includeSelf) out.push_back({path, objectWritable(node)});
  if (node.kind == NodeKind::Table) {
    for (const auto& inst : node.children) {
      std::string p = path + std::to_string(inst->instance) + ".";
      if (recurse) collectNames(*inst, p, true, true, out);
      else out.push_back({p, objectWritable(*inst)});
    }
    return;
  }
  for (const auto& param : node.def->parameters) out.push_back({path + param.name, param.writable()});
  for (std::size_t c = 0; c < node.children.size(); ++c) {
    std::string p = path + node.def->children[c]->name + ".";
    if (recurse) collectNames(*node.children[c], p, true, true, out);
    else out.push_back({p, objectWritable(*node.children[c])});
  }
}

int notificationOf(const Node& node, std::size_t i) {
  if (node.def->parameters[i].activeNotify == ActiveNotify::ForceEnabled) return 2;
  return node.notification.empty() ? 0 : node.notification[i] & ~Node::kSubscriberAccess;
}

void collectForced(const Node& node, const std::string& path, const SlotTable* slots,
                   const std::function<void(const std::string&, const ParameterDef&, std::string)>& visit) {
  if (!node.def->forcedInformBelow) return;
  if (node.kind == NodeKind::Table) {
    for (const auto& inst : node.children) collectForced(*inst, path + std::to_string(inst->instance) + ".", slots, visit);
    return;
  }
  for (std::size_t i = 0; i < node.def->parameters.size(); ++i)
    if (node.def->parameters[i].forcedInform)
      visit(path + node.def->parameters[i].name, node.def->parameters[i], readValue(node, i, ReadView::Acs, slots));
  for (std::size_t c = 0; c < node.children.size(); ++c)
    if (node.def->children[c]->forcedInformBelow)
      collectForced(*node.children[c], path + node.def->children[c]->name + ".", slots, visit);
}

struct ChangeWalk {
  const SlotTable* slots;
  const SlotTable* beforeSlots;
  const std::function<void(const std::string&, const ParameterDef&, std::string_view, int)>& visit;

  void walk(const Node& now, const Node& before, const std::string& path) const {
    // Shared, and no value beneath reads from a slot table that changed: nothing beneath changed.
    if (&now == &before && (slots == beforeSlots || !now.slotsBelow)) return;
    if (now.kind == NodeKind::Table) {
      // Instances are kept in number order: match them up like a merge.
      auto b = before.children.begin();
      for (const auto& inst : now.children) {
        while (b != before.children.end() && (*b)->instance < inst->instance) ++b;
        if (b != before.children.end() && (*b)->instance == inst->instance)
          walk(*inst, **b, path + std::to_string(inst->instance) + ".");
      }
      return;
    }
    for (std::size_t i = 0; i < now.def->parameters.size(); ++i) {
      int n = notificationOf(now, i);
      if (n == 0) continue;
      std::string value = readValue(now, i, ReadView::Device, slots);
      if (value != readValue(before, i, ReadView::Device, beforeSlots))
        visit(path + now.def->parameters[i].name, now.def->parameters[i], value, n);
    }
    for (std::size_t c = 0; c < now.children.size() && c < before.children.size(); ++c)
      walk(*now.children[c], *before.children[c], path + now.def->children[c]->name + ".");
  }
};

struct DifferenceWalk {
  const SlotTable* slots;
  const SlotTable* baseSlots;
  const std::function<void(const InstanceTree::ParameterDifference&)>& visit;

  static bool subscriberOf(const Node& node, std::size_t i) {
    return !node.notification.empty() && (node.notification[i] & Node::kSubscriberAccess);
  }

  // `base`: the same node in the other tree; null when that tree lacks it (a new instance).
  void walk(const Node& now, const Node* base, const std::string& path) const {
    if (&now == base && (slots == baseSlots || !now.slotsBelow)) return;  // shared: nothing beneath differs
    if (now.kind == NodeKind::Table) {
      auto b = base ? base->children.begin() : now.children.end();
      const auto bEnd = base ? base->children.end() : now.children.end();
      for (const auto& inst : now.children) {
        while (b != bEnd && (*b)->instance < inst->instance) ++b;
        const Node* match = b != bEnd && (*b)->instance == inst->instance ? b->get() : nullptr;
        walk(*inst, match, path + std::to_string(inst->instance) + ".");
      }
      return;
    }
    for (std::size_t i = 0; i < now.def->parameters.size(); ++i) {
      const std::string value = readValue(now, i, ReadView::Device, slots);
      const int n = notificationOf(now, i);
      const bool subscriber = subscriberOf(now, i);
      const bool valueDiffers = !base || value != readValue(*base, i, ReadView::Device, baseSlots);
      const bool attributesDiffer =
          base ? n != notificationOf(*base, i) || subscriber != subscriberOf(*base, i) : n != 0 || subscriber;
      if (!valueDiffers && !attributesDiffer) continue;
      const std::string name = path + now.def->parameters[i].name;
      visit({name, now.def->parameters[i], value, valueDiffers, attributesDiffer, n, subscriber});
    }
    for (std::size_t c = 0; c < now.children.size(); ++c)
      walk(*now.children[c], base && c < base->children.size() ? base->children[c].get() : nullptr,
           path + now.def->children[c]->name + ".");
  }
};

}  // namespace

void InstanceTree::forEachForcedInform(
    const std::function<void(const std::string&, const ParameterDef&, std::string)>& visit) const {
  collectForced(*root_, schema_->rootName() + ".", slots_.get(), visit);
}

void InstanceTree::forEachDifference(const InstanceTree& base,
                                     const std::function<void(const ParameterDifference&)>& visit) const {
  if (base.schema_ != schema_) throw std::invalid_argument("forEachDifference: trees of different schemas");
  DifferenceWalk{slots_.get(), base.slots_.get(), visit}.walk(*root_, base.root_.get(), schema_->rootName() + ".");
}

void InstanceTree::forEachNotifiedChange(
    const InstanceTree& before,
    const std::function<void(const std::string&, const ParameterDef&, std::string_view, int)>& visit) const {
  if (before.schema_ != schema_) return;  // another model: nothing to compare against
  ChangeWalk{slots_.get(), before.slots_.get(), visit}.walk(*root_, *before.root_, schema_->rootName() + ".");
}

Fault InstanceTree::getValues(std::string_view path, std::vector<ParameterValue>& out, ReadView view) const {
  auto loc = locate(path);
  if (!loc) return invalidName(path);
  if (loc->parameter >= 0) {
    auto i = static_cast<std::size_t>(loc->parameter);
    out.push_back({loc->path, &loc->node->def->parameters[i], readValue(*loc->node, i, view, slots_.get())});
    return {};
  }
  collectValues(*loc->node, loc->path, view, slots_.get(), out);
  return {};
}

Fault InstanceTree::getNames(std::string_view path, bool nextLevel, std::vector<ParameterName>& out) const {
  auto loc = locate(path);
  if (!loc) return invalidName(path);
  if (loc->parameter >= 0) {
    // TR-069 A.3.2.3: NextLevel true is only meaningful for a Partial Path Name.
    if (nextLevel) return {FaultCode::InvalidArguments, std::string(path) + ": NextLevel true on a parameter name"};
    out.push_back({loc->path, loc->node->def->parameters[static_cast<std::size_t>(loc->parameter)].writable()});
    return {};
  }
  if (path.empty() && nextLevel) {
    out.push_back({loc->path, false});
    return {};
  }
  collectNames(*loc->node, loc->path, !nextLevel, !nextLevel, out);
  return {};
}

void InstanceTree::forEachParameter(
    const std::function<void(const std::string&, const ParameterDef&, std::string_view)>& visit) const {
  std::vector<ParameterValue> all;
  collectValues(*root_, schema_->rootName() + ".", ReadView::Device, slots_.get(), all);
  for (const auto& v : all) visit(v.path, *v.def, v.value);
}

// Copy-on-write along the path to `loc`: a node that another tree (a copy, a snapshot such as the
// notification baseline, the profile's template) also holds is copied; a node only this tree holds is
// changed in place, so the second and later writes after a snapshot copy nothing. A use count of 1 cannot
// rise behind our back: another owner would need a reference to copy from.
Node& InstanceTree::own(const Location& loc, bool markSlots) {
  if (root_.use_count() != 1) root_ = std::make_shared<Node>(*root_);
  Node* node = const_cast<Node*>(root_.get());  // created non-const by make_shared
  node->slotsBelow = node->slotsBelow || markSlots;
  for (const auto& step : loc.chain) {
    NodePtr& child = node->children[step.second];
    if (child.use_count() != 1) child = std::make_shared<Node>(*child);
    node = const_cast<Node*>(child.get());
    node->slotsBelow = node->slotsBelow || markSlots;
  }
  return *node;
}

InstanceTree::SlotTable& InstanceTree::ownSlots() {
  if (!slots_) slots_ = std::make_shared<SlotTable>();
  else if (slots_.use_count() != 1) slots_ = std::make_shared<SlotTable>(*slots_);
  return const_cast<SlotTable&>(*slots_);  // created non-const by make_shared
}

Fault InstanceTree::writeValue(std::string_view path, std::string_view value, WriteOrigin origin) {
  auto loc = locate(path);
  if (!loc || loc->parameter < 0) return invalidName(path);
  auto index = static_cast<std::size_t>(loc->parameter);
  const ParameterDef& def = loc->node->def->parameters[index];
  if (origin == WriteOrigin::Acs) {
    bool writable = def.access == Access::ReadWrite ||
                    (def.access == Access::WriteOnceReadOnly &&
                     text(loc->node->values[index], slots_.get()) == loc->node->def->initialValues[index].view());
    if (!writable) return {FaultCode::NonWritableParameter, loc->path + ": parameter is not writable"};
  }
  if (def.countsTable) return {FaultCode::NonWritableParameter, loc->path + ": counted from the table"};
  CheckedValue checked = checkValue(def.syntax, value, origin);
  if (checked.fault) {
    checked.fault.message = loc->path + ": " + checked.fault.message;
    return checked.fault;
  }
  const SharedValue& stored = loc->node->values[index];
  if (text(stored, slots_.get()) == checked.canonical) return {};  // unchanged: keep sharing
  if (stored.isSlot() && slots_ && stored.slotIndex() < slots_->size()) {
    // A per-device value: only the slot table changes, so behaviours that rewrite counters at every
    // session do not give each device its own copy of every node on the way to them.
    ownSlots()[stored.slotIndex()] = SharedValue(checked.canonical);
    return {};
  }
  own(*loc).values[index] = SharedValue(checked.canonical);
  return {};
}

Fault InstanceTree::set(std::string_view path, std::string_view value, WriteOrigin origin) {
  return writeValue(path, value, origin);
}

std::vector<SetFailure> InstanceTree::setAll(const std::vector<SetRequest>& requests, WriteOrigin origin) {
  NodePtr before = root_;
  std::shared_ptr<const SlotTable> slotsBefore = slots_;
  std::vector<SetFailure> failures;
  for (std::size_t i = 0; i < requests.size(); ++i)
    if (Fault f = writeValue(requests[i].path, requests[i].value, origin)) failures.push_back({i, std::move(f)});
  if (!failures.empty()) {
    root_ = std::move(before);
    slots_ = std::move(slotsBefore);
  }
  return failures;
}

Result<std::uint32_t> InstanceTree::addObject(std::string_view tablePath, WriteOrigin origin,
                                               std::optional<std::uint32_t> number) {
  auto loc = locate(tablePath);
  if (!loc || loc->parameter >= 0 || loc->node->kind != NodeKind::Table)
    return {0, invalidName(tablePath, "not a multi-instance object")};
  const Node& table = *loc->node;
  if (origin == WriteOrigin::Acs && table.def->access != Access::ReadWrite)
    return {0, invalidName(tablePath, "instances of this table cannot be added by the ACS")};
  if (table.def->maxEntries && table.children.size() >= *table.def->maxEntries)
    return {0, {FaultCode::ResourcesExceeded, loc->path + ": table is full (maxEntries " +
                                                  std::to_string(*table.def->maxEntries) + ")"}};
  std::uint32_t n = number.value_or(table.nextInstance);
  auto at = std::lower_bound(table.children.begin(), table.children.end(), n,
                             [](const NodePtr& c, std::uint32_t v) { return c->instance < v; });
  if (at != table.children.end() && (*at)->instance == n)
    return {0, {FaultCode::InvalidArguments, loc->path + std::to_string(n) + ". already exists"}};
  if (n == UINT32_MAX) return {0, {FaultCode::ResourcesExceeded, loc->path + ": instance numbers exhausted"}};
  const auto position = at - table.children.begin();
  Node& owned = own(*loc);
  // TR-069 A.3.2.6: numbers only grow, so a deleted instance's number is never handed out again.
  owned.nextInstance = std::max(owned.nextInstance, n + 1);
  NodePtr instance = makeObjectNode(*table.def, NodeKind::Instance, n);
  // TR-181 Alias (CWMP): an alias the CPE assigns starts with "cpe-".
  int alias = table.def->parameterIndex("Alias");
  if (alias >= 0 && instance->values[static_cast<std::size_t>(alias)].view().empty()) {
    auto withAlias = std::make_shared<Node>(*instance);
    withAlias->values[static_cast<std::size_t>(alias)] = SharedValue("cpe-" + std::to_string(n));
    instance = std::move(withAlias);
  }
  owned.children.insert(owned.children.begin() + position, std::move(instance));
  return {n, {}};
}

Fault InstanceTree::deleteObject(std::string_view instancePath, WriteOrigin origin) {
  auto loc = locate(instancePath);
  if (!loc || loc->parameter >= 0 || loc->node->kind != NodeKind::Instance)
    return invalidName(instancePath, "not an object instance");
  if (origin == WriteOrigin::Acs && loc->node->def->access != Access::ReadWrite)
    return invalidName(instancePath, "instances of this table cannot be deleted by the ACS");
  auto [tableNode, index] = loc->chain.back();
  Location tableLoc;
  tableLoc.chain.assign(loc->chain.begin(), loc->chain.end() - 1);
  tableLoc.node = tableNode;
  Node& table = own(tableLoc);
  table.children.erase(table.children.begin() + static_cast<std::ptrdiff_t>(index));
  return {};
}

std::uint32_t InstanceTree::nextInstance(std::string_view tablePath) const {
  auto loc = locate(tablePath);
  if (!loc || loc->parameter >= 0 || loc->node->kind != NodeKind::Table) return 0;
  return loc->node->nextInstance;
}

Fault InstanceTree::setNextInstance(std::string_view tablePath, std::uint32_t n) {
  auto loc = locate(tablePath);
  if (!loc || loc->parameter >= 0 || loc->node->kind != NodeKind::Table)
    return invalidName(tablePath, "not a multi-instance object");
  const Node& table = *loc->node;
  if (table.nextInstance == n) return {};
  if (n == 0 || (!table.children.empty() && table.children.back()->instance >= n))
    return {FaultCode::InvalidArguments,
            loc->path + ": next instance " + std::to_string(n) + " would reuse an existing number"};
  own(*loc).nextInstance = n;
  return {};
}

Fault InstanceTree::bindSlot(std::string_view path, std::uint32_t index) {
  auto loc = locate(path);
  if (!loc || loc->parameter < 0) return invalidName(path);
  own(*loc, true).values[static_cast<std::size_t>(loc->parameter)] = SharedValue::slot(index);
  return {};
}

Result<int> InstanceTree::notification(std::string_view path) const {
  auto loc = locate(path);
  if (!loc || loc->parameter < 0) return {0, invalidName(path)};
  auto index = static_cast<std::size_t>(loc->parameter);
  return {notificationOf(*loc->node, index), {}};
}

Fault InstanceTree::setNotification(std::string_view path, int value) {
  auto loc = locate(path);
  if (!loc || loc->parameter < 0) return invalidName(path);
  if (value < 0 || value > 6)
    return {FaultCode::InvalidParameterValue, loc->path + ": notification must be 0..6, got " + std::to_string(value)};
  auto index = static_cast<std::size_t>(loc->parameter);
  const ParameterDef& def = loc->node->def->parameters[index];
  // TR-069 A.3.2.4 values: 2 active, 5 active lightweight, 6 passive + active lightweight.
  // TR-106 A.2.7: canDeny/willDeny parameters may refuse active notification, forceEnabled ones cannot
  // have it turned off (fault 9009 either way).
  bool active = value == 2 || value == 5 || value == 6;
  if (active && (def.activeNotify == ActiveNotify::CanDeny || def.activeNotify == ActiveNotify::WillDeny))
    return {FaultCode::NotificationRequestRejected, loc->path + ": active notification is not allowed"};
  if (def.activeNotify == ActiveNotify::ForceEnabled && value != 2)
    return {FaultCode::NotificationRequestRejected, loc->path + ": active notification is always on"};
  std::uint8_t current = loc->node->notification.empty() ? 0 : loc->node->notification[index];
  writeAttributes(*loc, static_cast<std::uint8_t>((current & Node::kSubscriberAccess) | value));
  return {};
}

bool InstanceTree::subscriberAccess(std::string_view path) const {
  auto loc = locate(path);
  if (!loc || loc->parameter < 0 || loc->node->notification.empty()) return false;
  return loc->node->notification[static_cast<std::size_t>(loc->parameter)] & Node::kSubscriberAccess;
}

Fault InstanceTree::setSubscriberAccess(std::string_view path, bool allowed) {
  auto loc = locate(path);
  if (!loc || loc->parameter < 0) return invalidName(path);
  auto index = static_cast<std::size_t>(loc->parameter);
  std::uint8_t current = loc->node->notification.empty() ? 0 : loc->node->notification[index];
  writeAttributes(*loc, static_cast<std::uint8_t>(allowed ? current | Node::kSubscriberAccess
                                                           : current & ~Node::kSubscriberAccess));
  return {};
}

void InstanceTree::writeAttributes(const Location& loc, std::uint8_t attributes) {
  auto index = static_cast<std::size_t>(loc.parameter);
  std::uint8_t current = loc.node->notification.empty() ? 0 : loc.node->notification[index];
  if (current == attributes) return;  // unchanged: keep sharing
  Node& owned = own(loc);
  if (owned.notification.empty()) owned.notification.assign(owned.def->parameters.size(), 0);
  owned.notification[index] = attributes;
}

namespace {

void collectShared(const Node& n, std::unordered_set<const void*>& nodes, std::unordered_set<const void*>& values) {
  if (!nodes.insert(&n).second) return;
  for (const auto& v : n.values) values.insert(v.identity());
  for (const auto& c : n.children) collectShared(*c, nodes, values);
}

std::size_t privateBytes(const Node& n, const std::unordered_set<const void*>& nodes,
                         std::unordered_set<const void*>& values, std::unordered_set<const void*>& seen) {
  if (nodes.count(&n) || !seen.insert(&n).second) return 0;
  // make_shared's control block shares the node's allocation: ~16 bytes of counters on top of the Node.
  std::size_t bytes = sizeof(Node) + 16 + n.children.capacity() * sizeof(NodePtr) +
                      n.values.capacity() * sizeof(SharedValue) + n.notification.capacity();
  for (const auto& v : n.values)
    if (v.identity() && values.insert(v.identity()).second) bytes += v.heapBytes();
  for (const auto& c : n.children) bytes += privateBytes(*c, nodes, values, seen);
  return bytes;
}

}  // namespace

std::size_t InstanceTree::bytesNotSharedWith(const InstanceTree& base) const {
  std::unordered_set<const void*> nodes, values, seen;
  collectShared(*base.root_, nodes, values);
  std::size_t bytes = sizeof(InstanceTree) + privateBytes(*root_, nodes, values, seen);
  if (slots_ && slots_ != base.slots_) {
    bytes += 16 + sizeof(SlotTable) + slots_->capacity() * sizeof(SharedValue);  // control block + vector
    for (const auto& v : *slots_)
      if (v.identity() && values.insert(v.identity()).second) bytes += v.heapBytes();
  }
  return bytes;
}

}  // namespace cpemu::datamodel
