// Where tests find their inputs: the repository, the official BBF files, and the built cpemu binary.
#pragma once

#include <filesystem>
#include <string>

namespace cpemu::test {

std::filesystem::path sourceDir();       // the repository root
std::filesystem::path datamodelsDir();   // <repo>/datamodels
std::filesystem::path profilesDir();     // <repo>/profiles
std::filesystem::path fixturesDir();     // <repo>/tests/fixtures
std::filesystem::path cpemuBinary();     // the built cpemu executable

// The official BBF files (../shared/bbf, or $CPEMU_BBF_DIR). When they are absent the calling test is
// skipped, unless CPEMU_REQUIRE_BBF=1 (as in CI), where their absence is a failure.
std::filesystem::path bbfFile(const std::string& name);

}  // namespace cpemu::test

// Use at the top of a test that needs an official BBF file.
#define CPEMU_REQUIRE_BBF_FILE(var, name)                                                  \
  const std::filesystem::path var = ::cpemu::test::bbfFile(name);                          \
  if (var.empty()) GTEST_SKIP() << "official BBF file " << name << " not available"
