// A folder of small test profiles: write YAML, load it, build the device, or catch the ProfileError.
// Header-only so that the profile_tests target picks it up without a CMake entry.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "datamodel/instance_tree.h"
#include "datamodel/model_loader.h"
#include "profile/device_template.h"
#include "profile/profile_error.h"
#include "profile/profile_loader.h"
#include "support/temp_dir.h"
#include "support/test_paths.h"

namespace cpemu::test {

// The `datamodels:` section naming cpemu's own Device:2 model by absolute path.
inline std::string deviceModelSection() {
  return "datamodels:\n  - \"" + (datamodelsDir() / "cpemu-device-2.xml").string() + "\"\n";
}

// 1-based line of the first occurrence of `needle` in `text` (0 when absent), so that expected error
// lines follow the YAML written in the test rather than hand-counted numbers.
inline int lineOf(std::string_view text, std::string_view needle) {
  auto pos = text.find(needle);
  if (pos == std::string_view::npos) return 0;
  int line = 1;
  for (std::size_t i = 0; i < pos; ++i)
    if (text[i] == '\n') ++line;
  return line;
}

// 1-based column of the first occurrence of `needle` in `text` (0 when absent).
inline int columnOf(std::string_view text, std::string_view needle) {
  auto pos = text.find(needle);
  if (pos == std::string_view::npos) return 0;
  auto lineStart = text.rfind('\n', pos);
  return static_cast<int>(lineStart == std::string_view::npos ? pos + 1 : pos - lineStart);
}

class ProfileWorkspace {
 public:
  std::filesystem::path write(const std::string& name, const std::string& yaml) const {
    return dir_.write(name, yaml);
  }
  const std::filesystem::path& dir() const { return dir_.path(); }

  profile::Profile load(const std::string& name) const {
    return profile::ProfileLoader().load(dir_.path() / name);
  }

  std::shared_ptr<const profile::DeviceTemplate> build(const std::string& name) {
    return profile::DeviceTemplate::build(load(name), loader_);
  }
  std::shared_ptr<const profile::DeviceTemplate> buildFile(const std::filesystem::path& file) {
    return profile::DeviceTemplate::build(profile::ProfileLoader().load(file), loader_);
  }

  // Writes `yaml` as `name` and builds it; the test fails (and nullptr is returned) on any error.
  std::shared_ptr<const profile::DeviceTemplate> writeAndBuild(const std::string& name,
                                                               const std::string& yaml) {
    write(name, yaml);
    try {
      return build(name);
    } catch (const std::exception& e) {
      ADD_FAILURE() << "building " << name << " failed: " << e.what();
      return nullptr;
    }
  }

  // Loads and builds `name`, expecting a ProfileError; the test fails when there is none.
  std::optional<profile::ProfileError> buildError(const std::string& name) {
    try {
      build(name);
    } catch (const profile::ProfileError& e) {
      return e;
    } catch (const std::exception& e) {
      ADD_FAILURE() << "expected a ProfileError, got another exception: " << e.what();
      return std::nullopt;
    }
    ADD_FAILURE() << "expected a ProfileError building " << name << ", but it built";
    return std::nullopt;
  }

  datamodel::ModelLoader& modelLoader() { return loader_; }

 private:
  TempDir dir_;
  datamodel::ModelLoader loader_;
};

// The value of one parameter for the device view (secrets included); fails the test for a missing one.
inline std::string valueOf(const datamodel::InstanceTree& tree, std::string_view path) {
  auto r = tree.get(path, datamodel::ReadView::Device);
  if (r.fault) ADD_FAILURE() << path << ": " << r.fault.message;
  return r.value;
}

}  // namespace cpemu::test

// Checks the parts of a ProfileError a person uses to find the mistake.
#define EXPECT_PROFILE_ERROR_AT(error, expectedFile, expectedLine, expectedKey)    \
  do {                                                                             \
    EXPECT_EQ((error).where().file, std::filesystem::path(expectedFile).string()); \
    EXPECT_EQ((error).where().line, (expectedLine)) << (error).what();             \
    EXPECT_EQ((error).where().key, (expectedKey)) << (error).what();               \
  } while (false)

#define EXPECT_MESSAGE_HAS(error, text) EXPECT_PRED_FORMAT2(::testing::IsSubstring, (text), (error).what())
