#include "support/shipped_profiles.h"

#include <map>
#include <mutex>

#include "datamodel/model_loader.h"
#include "profile/profile_loader.h"
#include "support/test_paths.h"

namespace cpemu::test {

std::shared_ptr<const profile::DeviceTemplate> shippedProfile(const std::string& file) {
  static std::mutex mutex;
  static std::map<std::string, std::shared_ptr<const profile::DeviceTemplate>> loaded;
  std::lock_guard lock(mutex);
  auto& t = loaded[file];
  if (!t) {
    datamodel::ModelLoader loader;
    profile::ProfileLoader profiles;
    t = profile::DeviceTemplate::build(profiles.load(profilesDir() / file), loader);
  }
  return t;
}

}  // namespace cpemu::test
