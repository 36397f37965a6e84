// What one profile makes of its data models: the shared Schema and the tree every device starts from.
// Values that differ per device ({index}, {serial}, {mac:NN}) are slots in that tree: a device owns only
// its slot table (a few hundred bytes), every node stays shared until the device itself changes it.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "datamodel/instance_tree.h"
#include "datamodel/model_loader.h"
#include "profile/profile.h"
#include "profile/value_template.h"

namespace cpemu::profile {

class DeviceTemplate {
 public:
  // Loads the data models (through `loader`, which caches files across profiles) and applies the
  // profile. Throws ProfileError naming the profile line for every value the data model rejects.
  static std::shared_ptr<const DeviceTemplate> build(Profile profile, datamodel::ModelLoader& loader);

  const Profile& profile() const { return profile_; }
  const std::shared_ptr<const datamodel::Schema>& schema() const { return tree_.schemaPtr(); }
  // The tree of device index 1.
  const datamodel::InstanceTree& tree() const { return tree_; }

  // Device `index` (1-based): shares every node with tree() except where its per-device values differ.
  datamodel::InstanceTree instantiate(std::uint64_t index) const;
  TemplateContext context(std::uint64_t index) const;
  std::size_t perDeviceValueCount() const { return perDevice_.size(); }

 private:
  struct PerDeviceValue {
    std::string path;
    ValueTemplate value;
    SourceLocation where;
    const datamodel::ParameterDef* def = nullptr;
  };
  DeviceTemplate(Profile profile, datamodel::InstanceTree tree) : profile_(std::move(profile)), tree_(std::move(tree)) {}

  Profile profile_;
  datamodel::InstanceTree tree_;
  std::vector<PerDeviceValue> perDevice_;
  // Slots after the per-device ones: parameters that behaviours rewrite (counters, uptime, walks), with
  // the template's value; every device starts with these.
  std::vector<datamodel::SharedValue> behaviourSlots_;
  ValueTemplate serial_;
  std::string oui_;
};

}  // namespace cpemu::profile
