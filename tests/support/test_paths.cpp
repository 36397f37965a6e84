#include "support/test_paths.h"

#include <gtest/gtest.h>

#include <cstdlib>

namespace cpemu::test {

std::filesystem::path sourceDir() { return CPEMU_SOURCE_DIR; }
std::filesystem::path datamodelsDir() { return sourceDir() / "datamodels"; }
std::filesystem::path profilesDir() { return sourceDir() / "profiles"; }
std::filesystem::path fixturesDir() { return sourceDir() / "tests" / "fixtures"; }
std::filesystem::path cpemuBinary() { return CPEMU_BINARY; }

std::filesystem::path bbfFile(const std::string& name) {
  const char* env = std::getenv("CPEMU_BBF_DIR");
  std::filesystem::path dir = env && *env ? env : CPEMU_DEFAULT_BBF_DIR;
  std::filesystem::path file = dir / name;
  if (std::filesystem::is_regular_file(file)) return file;
  const char* require = std::getenv("CPEMU_REQUIRE_BBF");
  if (require && std::string(require) == "1") ADD_FAILURE() << "required BBF file missing: " << file;
  return {};
}

}  // namespace cpemu::test
