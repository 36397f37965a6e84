// One device's instantiated data model: object instances and parameter values over a shared Schema.
//
// The tree is persistent (immutable nodes, path copying): copying an InstanceTree is O(1) and shares
// every node, and a change copies only the nodes from the root to the changed one that another tree still
// shares (nodes this tree alone holds are changed in place). So values a device
// did not change stay shared with its profile's template tree, and SetParameterValues is atomic for free:
// the changes are applied to a working copy that replaces the root only when every change succeeded.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "datamodel/fault_code.h"
#include "datamodel/schema.h"
#include "datamodel/shared_value.h"
#include "datamodel/value_checker.h"

namespace cpemu::datamodel {

struct Node;
using NodePtr = std::shared_ptr<const Node>;

enum class NodeKind : std::uint8_t { Object, Table, Instance };

struct Node {
  const ObjectDef* def = nullptr;  // for a Table: the {i} object's definition
  NodeKind kind = NodeKind::Object;
  bool slotsBelow = false;         // a value in this node or beneath it reads from the device's slot table
  std::uint32_t instance = 0;      // Instance: its number
  std::uint32_t nextInstance = 1;  // Table: the number the next new instance gets (never reused)
  std::vector<NodePtr> children;   // Object/Instance: one per def->children, same order; Table: by number
  std::vector<SharedValue> values; // Object/Instance: one per def->parameters
  // Empty = all off; else one byte per def->parameters: notification 0..6 (TR-069 A.3.2.4) in the low
  // bits, kSubscriberAccess when the AccessList holds "Subscriber".
  std::vector<std::uint8_t> notification;
  static constexpr std::uint8_t kSubscriberAccess = 0x80;
};

// Who reads: the ACS sees "" for hidden/secured/command parameters (TR-106 A.2.3.6), the device sees all.
enum class ReadView { Acs, Device };

struct ParameterValue {
  std::string path;
  const ParameterDef* def = nullptr;
  std::string value;
};

struct ParameterName {
  std::string path;  // objects end with '.'
  bool writable = false;
};

template <typename T>
struct Result {
  T value{};
  Fault fault;
  explicit operator bool() const { return !fault; }
};

struct SetRequest {
  std::string path;
  std::string value;
};

struct SetFailure {
  std::size_t index;  // position in the request list
  Fault fault;
};

class InstanceTree {
 public:
  // A fresh device: every single-instance object reachable without a table exists, tables are empty,
  // values are the model's defaults.
  explicit InstanceTree(std::shared_ptr<const Schema> schema);

  const Schema& schema() const { return *schema_; }
  const std::shared_ptr<const Schema>& schemaPtr() const { return schema_; }

  // One parameter's value (full name). 9005 for anything that is not an existing parameter.
  Result<std::string> get(std::string_view path, ReadView view = ReadView::Acs) const;
  // Whether a Partial Path Name names an existing object, table or instance ("Device.IP.Interface.1.").
  bool hasObject(std::string_view partialPath) const;
  // Definition of an existing parameter (nullptr when it does not exist).
  const ParameterDef* findParameter(std::string_view path) const;

  // GetParameterValues semantics (TR-069 A.3.2.2): a full name or a Partial Path Name (all beneath it).
  Fault getValues(std::string_view path, std::vector<ParameterValue>& out, ReadView view = ReadView::Acs) const;
  // GetParameterNames semantics (TR-069 A.3.2.3), including "" for the whole tree.
  Fault getNames(std::string_view path, bool nextLevel, std::vector<ParameterName>& out) const;

  // Visits every parameter in document order (device view).
  void forEachParameter(const std::function<void(const std::string& path, const ParameterDef&,
                                                 std::string_view value)>& visit) const;

  // Sets one value after checking name, writability (for the ACS) and syntax; stores the canonical form.
  Fault set(std::string_view path, std::string_view value, WriteOrigin origin);
  // SetParameterValues atomicity (TR-069 A.3.2.1): all applied, or none and one failure per bad entry.
  std::vector<SetFailure> setAll(const std::vector<SetRequest>& requests, WriteOrigin origin);

  // AddObject on a table path ("Device.IP.Interface."); returns the new instance number. A device-side
  // caller may ask for a specific number (profiles, restoring state); it must not be in use.
  Result<std::uint32_t> addObject(std::string_view tablePath, WriteOrigin origin,
                                  std::optional<std::uint32_t> number = std::nullopt);
  // DeleteObject on an instance path ("Device.IP.Interface.2.").
  Fault deleteObject(std::string_view instancePath, WriteOrigin origin);
  // The number a table ("Device.IP.Interface.") gives its next instance; 0 when it is not a table.
  std::uint32_t nextInstance(std::string_view tablePath) const;
  // Restoring saved state: the table's next number. Numbers are never reused (TR-069 A.3.2.6), so `n`
  // must be above every existing instance's number (9003 otherwise).
  Fault setNextInstance(std::string_view tablePath, std::uint32_t n);

  // Visits every forcedInform parameter (TR-069 A.3.3.1: always in the Inform's ParameterList) with its
  // value as the ACS reads it, in document order. Walks only the branches that hold one.
  void forEachForcedInform(
      const std::function<void(const std::string& path, const ParameterDef&, std::string value)>& visit) const;

  // Visits every parameter whose notification attribute is not 0 (forceEnabled ones count as 2) and whose
  // value (device view) differs from its value in `before`, an earlier version of this tree. Parameters
  // of instances that `before` lacks are not visited. Nodes the two versions share are skipped, so the
  // cost follows what changed, not the size of the tree.
  void forEachNotifiedChange(const InstanceTree& before,
                             const std::function<void(const std::string& path, const ParameterDef&,
                                                      std::string_view value, int notification)>& visit) const;

  // How one parameter differs from the same parameter of another tree (forEachDifference).
  struct ParameterDifference {
    const std::string& path;
    const ParameterDef& def;
    std::string_view value;  // device view
    bool valueDiffers;       // also when `base` lacks the parameter's instance
    bool attributesDiffer;   // notification or Subscriber access; `base` lacking it counts as 0 and none
    int notification;        // as notification() reads it
    bool subscriberAccess;
  };
  // Visits every parameter whose value or attributes differ from those of `base` (e.g. the profile's tree
  // the device started from), including every parameter of instances `base` lacks. Nodes the two trees
  // share are skipped, so the cost follows what differs, not the size of the tree.
  void forEachDifference(const InstanceTree& base,
                         const std::function<void(const ParameterDifference&)>& visit) const;

  // Notification attribute (TR-069 A.3.2.4) of one parameter.
  Result<int> notification(std::string_view path) const;
  Fault setNotification(std::string_view path, int value);
  // AccessList (TR-069 A.3.2.4): whether "Subscriber" (the LAN-side user) may write the parameter.
  bool subscriberAccess(std::string_view path) const;
  Fault setSubscriberAccess(std::string_view path, bool allowed);

  // Per-device values (docs/profiles.md templates). A profile's template tree holds slot references
  // where a value differs per device; each device carries only its table of slot values. Writing a
  // slot-bound parameter changes the device's slot table, never the nodes, which stay shared.
  using SlotTable = std::vector<SharedValue>;
  // Template side: `path` (a parameter) reads from slot `index` of the device's table from now on.
  Fault bindSlot(std::string_view path, std::uint32_t index);
  // Device side: this device's slot values (canonical, already checked against their syntax).
  void setSlots(std::shared_ptr<const SlotTable> slots) { slots_ = std::move(slots); }
  const std::shared_ptr<const SlotTable>& slots() const { return slots_; }

  const NodePtr& root() const { return root_; }
  // Whether this tree and `other` are the same version: nodes and slot table shared, so nothing differs.
  // (Comparing roots alone misses writes that changed only the slot table.)
  bool sameStateAs(const InstanceTree& other) const { return root_ == other.root_ && slots_ == other.slots_; }
  // Heap bytes reachable from this tree that are not shared with `base` (memory accounting).
  std::size_t bytesNotSharedWith(const InstanceTree& base) const;

 private:
  struct Location;
  std::optional<Location> locate(std::string_view path) const;
  Fault writeValue(std::string_view path, std::string_view value, WriteOrigin origin);
  // The node at `loc`, made this tree's own (copy-on-write; see .cpp); `markSlots` flags the path to it.
  Node& own(const Location& loc, bool markSlots = false);
  SlotTable& ownSlots();  // the slot table, made this tree's own (copy-on-write)
  // Stores a parameter's attribute byte (notification | kSubscriberAccess), copying its node if it changes.
  void writeAttributes(const Location& loc, std::uint8_t attributes);

  std::shared_ptr<const Schema> schema_;
  NodePtr root_;
  std::shared_ptr<const SlotTable> slots_;
};

// A node for a new object or instance: values at their defaults, single-instance children created.
NodePtr makeObjectNode(const ObjectDef& def, NodeKind kind, std::uint32_t instance = 0);

}  // namespace cpemu::datamodel
