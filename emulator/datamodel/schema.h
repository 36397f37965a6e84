// Object and parameter definitions (BBF DM schema <object>/<parameter>), a model as loaded from XML, and
// the Schema: the linked definition tree one profile's devices share (root model + mounted service models).
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "datamodel/shared_value.h"
#include "datamodel/syntax.h"

namespace cpemu::datamodel {

enum class Access : std::uint8_t { ReadOnly, ReadWrite, WriteOnceReadOnly };
enum class Status : std::uint8_t { Current, Deprecated, Obsoleted, Deleted };
// TR-106 A.2.7 activeNotify: whether the ACS may enable active notification.
enum class ActiveNotify : std::uint8_t { Normal, ForceEnabled, ForceDefaultEnabled, CanDeny, WillDeny };

std::string_view accessName(Access access);

struct ObjectDef;

struct ParameterDef {
  std::string name;
  Access access = Access::ReadOnly;
  Status status = Status::Current;
  ActiveNotify activeNotify = ActiveNotify::Normal;
  bool forcedInform = false;
  Syntax syntax;
  // Set when this is the …NumberOfEntries parameter of a child table: the value is counted, not stored.
  const ObjectDef* countsTable = nullptr;

  bool writable() const { return access != Access::ReadOnly; }
};

struct ObjectDef {
  std::string path;  // template path as in the XML, e.g. "Device.IP.Interface.{i}."
  std::string name;  // last segment without "{i}", e.g. "Interface"
  bool multiInstance = false;
  Access access = Access::ReadOnly;  // readWrite on a table: the ACS may AddObject/DeleteObject
  Status status = Status::Current;
  std::uint32_t minEntries = 1;
  std::optional<std::uint32_t> maxEntries = 1;  // nullopt: unbounded
  std::string numEntriesParameter;
  std::string enableParameter;
  std::vector<std::vector<std::string>> uniqueKeys;
  std::vector<ParameterDef> parameters;  // in definition order; a device stores one value per entry
  bool implicit = false;  // created only because a descendant was defined (not counted as a definition)

  // Filled in by Schema: links, and each parameter's initial value, stored once for every instance.
  const ObjectDef* parent = nullptr;
  std::vector<const ObjectDef*> children;
  std::vector<SharedValue> initialValues;
  // Whether this object or one beneath it has a forcedInform parameter: every Inform walks only the
  // branches that hold one (InstanceTree::forEachForcedInform), not the whole tree.
  bool forcedInformBelow = false;

  const ParameterDef* findParameter(std::string_view name) const;
  int parameterIndex(std::string_view name) const;  // -1 when absent
  const ObjectDef* findChild(std::string_view name) const;
};

// One <model> as loaded: definitions in document order, not yet linked.
struct Model {
  std::string name;  // "Device:2.19"
  bool isService = false;
  std::vector<ObjectDef> objects;
  std::vector<ParameterDef> modelParameters;  // parameters directly under <model> (service models)
  std::string sourceFile;

  ObjectDef* findObject(std::string_view path);
  std::size_t objectDefinitionCount() const;
  std::size_t parameterDefinitionCount() const;  // object parameters, as the BBF README counts them
};

// The linked tree a device instantiates. Immutable once built, shared by every device of a profile.
class Schema {
 public:
  // Service models (isService) are mounted under `serviceMount` of the root model (TR-106 §3.1:
  // Device.Services.), their model-level parameters joining that object.
  static std::shared_ptr<const Schema> build(const Model& root, const std::vector<const Model*>& services = {},
                                             std::string_view serviceMount = "");

  const ObjectDef& root() const { return *root_; }
  const std::string& rootName() const { return root_->name; }  // "Device" or "InternetGatewayDevice"
  const std::string& modelName() const { return modelName_; }
  const std::vector<std::string>& serviceModelNames() const { return serviceModelNames_; }
  // Lookup by template path ("Device.IP.Interface.{i}.").
  const ObjectDef* findObject(std::string_view templatePath) const;
  std::size_t objectCount() const { return objects_.size(); }

 private:
  Schema() = default;
  ObjectDef& addObject(ObjectDef def);
  ObjectDef& ensureObject(const std::string& path);
  void link();

  std::deque<ObjectDef> objects_;
  std::unordered_map<std::string, ObjectDef*> byPath_;
  const ObjectDef* root_ = nullptr;
  std::string modelName_;
  std::vector<std::string> serviceModelNames_;
};

// "Device.IP.Interface.{i}." -> "Device.IP." ; "Device." -> "".
std::string parentTemplatePath(std::string_view path);

}  // namespace cpemu::datamodel
