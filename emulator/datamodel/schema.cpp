#include "datamodel/schema.h"

#include <algorithm>

#include <stdexcept>

namespace cpemu::datamodel {

std::string_view accessName(Access access) {
  switch (access) {
    case Access::ReadWrite:
      return "readWrite";
    case Access::WriteOnceReadOnly:
      return "writeOnceReadOnly";
    default:
      return "readOnly";
  }
}

std::string parentTemplatePath(std::string_view path) {
  if (path.ends_with('.')) path.remove_suffix(1);
  if (path.ends_with(".{i}")) path.remove_suffix(4);
  auto dot = path.rfind('.');
  if (dot == std::string_view::npos) return "";
  return std::string(path.substr(0, dot + 1));
}

const ParameterDef* ObjectDef::findParameter(std::string_view n) const {
  int i = parameterIndex(n);
  return i < 0 ? nullptr : &parameters[static_cast<std::size_t>(i)];
}

int ObjectDef::parameterIndex(std::string_view n) const {
  for (std::size_t i = 0; i < parameters.size(); ++i)
    if (parameters[i].name == n) return static_cast<int>(i);
  return -1;
}

const ObjectDef* ObjectDef::findChild(std::string_view n) const {
  for (const ObjectDef* c : children)
    if (c->name == n) return c;
  return nullptr;
}

ObjectDef* Model::findObject(std::string_view path) {
  for (auto& o : objects)
    if (o.path == path) return &o;
  return nullptr;
}

std::size_t Model::objectDefinitionCount() const {
  std::size_t n = 0;
  for (const auto& o : objects)
    if (!o.implicit) ++n;
  return n;
}

std::size_t Model::parameterDefinitionCount() const {
  std::size_t n = 0;
  for (const auto& o : objects) n += o.parameters.size();
  return n;
}

namespace {

// Splits a template path into its name and multi-instance flag: "A.B.{i}." -> ("B", true).
void deriveName(ObjectDef& def) {
  std::string_view p = def.path;
  if (p.ends_with('.')) p.remove_suffix(1);
  def.multiInstance = p.ends_with(".{i}");
  if (def.multiInstance) p.remove_suffix(4);
  auto dot = p.rfind('.');
  def.name = std::string(dot == std::string_view::npos ? p : p.substr(dot + 1));
}

// Drops definitions a CPE no longer implements (status="deleted").
void dropDeleted(ObjectDef& def) {
  std::erase_if(def.parameters, [](const ParameterDef& p) { return p.status == Status::Deleted; });
}

}  // namespace

ObjectDef& Schema::addObject(ObjectDef def) {
  deriveName(def);
  dropDeleted(def);
  auto it = byPath_.find(def.path);
  if (it != byPath_.end()) {
    // A second definition of the same path (e.g. an implicit parent made earlier) takes over.
    *it->second = std::move(def);
    return *it->second;
  }
  ObjectDef& stored = objects_.emplace_back(std::move(def));
  byPath_.emplace(stored.path, &stored);
  return stored;
}

ObjectDef& Schema::ensureObject(const std::string& path) {
  auto it = byPath_.find(path);
  if (it != byPath_.end()) return *it->second;
  std::string parent = parentTemplatePath(path);
  if (!parent.empty()) ensureObject(parent);
  ObjectDef def;
  def.path = path;
  def.implicit = true;
  return addObject(std::move(def));
}

void Schema::link() {
  for (auto& def : objects_) {
    std::string parentPath = parentTemplatePath(def.path);
    if (parentPath.empty()) {
      if (!root_) root_ = &def;
      continue;
    }
    ObjectDef* parent = byPath_.at(parentPath);
    def.parent = parent;
    parent->children.push_back(&def);
  }
  for (auto& def : objects_) {
    def.initialValues.clear();
    for (const auto& p : def.parameters) def.initialValues.emplace_back(p.syntax.initialValue());
  }
  for (auto& def : objects_) {
    bool forced = std::any_of(def.parameters.begin(), def.parameters.end(),
                              [](const ParameterDef& p) { return p.forcedInform; });
    for (ObjectDef* d = &def; forced && d && !d->forcedInformBelow; d = const_cast<ObjectDef*>(d->parent))
      d->forcedInformBelow = true;
  }
  // TR-106 A.2.8: each table's …NumberOfEntries parameter in the parent counts its instances.
  for (auto& def : objects_) {
    if (!def.multiInstance || !def.parent) continue;
    std::string countName = def.numEntriesParameter.empty() ? def.name + "NumberOfEntries" : def.numEntriesParameter;
    auto* parent = const_cast<ObjectDef*>(def.parent);
    for (auto& p : parent->parameters)
      if (p.name == countName) p.countsTable = &def;
  }
}

std::shared_ptr<const Schema> Schema::build(const Model& root, const std::vector<const Model*>& services,
                                            std::string_view serviceMount) {
  std::shared_ptr<Schema> schema(new Schema());
  schema->modelName_ = root.name;
  for (const auto& def : root.objects) {
    if (def.status == Status::Deleted) continue;
    std::string parent = parentTemplatePath(def.path);
    if (!parent.empty()) schema->ensureObject(parent);
    schema->addObject(def);
  }
  for (const Model* service : services) {
    if (serviceMount.empty()) throw std::invalid_argument("service model " + service->name + " needs a mount point");
    ObjectDef& mount = schema->ensureObject(std::string(serviceMount));
    for (const auto& p : service->modelParameters) mount.parameters.push_back(p);
    for (const auto& def : service->objects) {
      if (def.status == Status::Deleted) continue;
      ObjectDef copy = def;
      copy.path = std::string(serviceMount) + def.path;
      std::string parent = parentTemplatePath(copy.path);
      if (!parent.empty()) schema->ensureObject(parent);
      schema->addObject(std::move(copy));
    }
    schema->serviceModelNames_.push_back(service->name);
  }
  schema->link();
  if (!schema->root_) throw std::invalid_argument("model " + root.name + " defines no root object");
  return schema;
}

const ObjectDef* Schema::findObject(std::string_view templatePath) const {
  auto it = byPath_.find(std::string(templatePath));
  return it == byPath_.end() ? nullptr : it->second;
}

}  // namespace cpemu::datamodel
