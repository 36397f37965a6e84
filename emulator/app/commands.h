// The cpemu subcommands. Each returns the process exit code: 0 success, 1 bad input.
#pragma once

#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace cpemu::app {

struct CommonOptions {
  std::vector<std::filesystem::path> dataModelPath;  // --datamodel-path, then CPEMU_DATAMODEL_PATH
  bool showWarnings = false;
};

int runCheck(const CommonOptions& common, const std::filesystem::path& profile, std::ostream& out, std::ostream& err);

struct DumpOptions {
  std::filesystem::path profile;
  std::string path;  // "" = whole tree
  std::uint64_t index = 1;
  bool showSecrets = false;
};
int runDump(const CommonOptions& common, const DumpOptions& options, std::ostream& out, std::ostream& err);

int runSchema(const CommonOptions& common, const std::vector<std::filesystem::path>& files, std::ostream& out,
              std::ostream& err);

}  // namespace cpemu::app
