// Reads YAML device profiles (yaml-cpp), following `extends:` and resolving data-model files.
#pragma once

#include <filesystem>
#include <vector>

#include "profile/profile.h"

namespace cpemu::profile {

class ProfileLoader {
 public:
  // Folders searched for data-model files named by a bare name (after the profile's own folder).
  explicit ProfileLoader(std::vector<std::filesystem::path> dataModelPath = {});

  // Throws ProfileError naming file, line, column and key for anything that is wrong.
  Profile load(const std::filesystem::path& file) const;

  const std::vector<std::filesystem::path>& dataModelPath() const { return dataModelPath_; }

 private:
  void loadInto(const std::filesystem::path& file, Profile& out, std::vector<std::filesystem::path>& stack) const;
  std::vector<std::filesystem::path> dataModelPath_;
};

}  // namespace cpemu::profile
