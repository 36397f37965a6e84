// cpemu: the TR-069 CPE emulator. Parses the command line and hands over to the library.
#include <CLI/CLI.hpp>

#include <cstdlib>
#include <iostream>

#include "app/commands.h"

namespace {

std::vector<std::filesystem::path> pathFromEnvironment() {
  std::vector<std::filesystem::path> dirs;
  if (const char* env = std::getenv("CPEMU_DATAMODEL_PATH")) {
    std::string_view s = env;
    while (!s.empty()) {
      auto colon = s.find(':');
      if (colon != 0) dirs.emplace_back(std::string(s.substr(0, colon)));
      if (colon == std::string_view::npos) break;
      s.remove_prefix(colon + 1);
    }
  }
  return dirs;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"cpemu " CPEMU_VERSION " - TR-069 (CWMP) CPE device emulator", "cpemu"};
  app.set_version_flag("--version", "cpemu " CPEMU_VERSION);
  app.require_subcommand(1);

  cpemu::app::CommonOptions common;
  std::vector<std::string> dataModelDirs;
  app.add_option("--datamodel-path", dataModelDirs,
                 "Folder searched for data-model files named in profiles and imports (repeatable; "
                 "CPEMU_DATAMODEL_PATH adds more, colon-separated)");
  app.add_flag("--warnings", common.showWarnings, "List every tolerated defect found in data-model files");

  std::string checkProfile;
  auto* check = app.add_subcommand("check", "Validate a profile against its data models");
  check->add_option("PROFILE", checkProfile, "Profile YAML file")->required();

  cpemu::app::DumpOptions dump;
  std::string dumpProfile;
  auto* dumpCmd = app.add_subcommand(
      "dump", "Print a device's instantiated tree: path<TAB>type<TAB>access<TAB>value, one parameter a line");
  dumpCmd->add_option("PROFILE", dumpProfile, "Profile YAML file")->required();
  dumpCmd->add_option("PATH", dump.path, "Parameter or partial path (e.g. Device.IP.); default the whole tree");
  dumpCmd->add_option("--index", dump.index, "Device index for {index} templates (fleets count from 1)")
      ->default_val(1);
  dumpCmd->add_flag("--show-secrets", dump.showSecrets,
                    "Print hidden/secured values (passwords) instead of the empty string an ACS reads");

  std::vector<std::string> schemaFiles;
  auto* schema = app.add_subcommand(
      "schema", "Load data-model XML files and print model=NAME objects=N parameters=M per model");
  schema->add_option("FILE", schemaFiles, "BBF data-model XML files")->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  for (const auto& d : dataModelDirs) common.dataModelPath.emplace_back(d);
  for (auto& d : pathFromEnvironment()) common.dataModelPath.push_back(std::move(d));

  if (check->parsed()) return cpemu::app::runCheck(common, checkProfile, std::cout, std::cerr);
  if (dumpCmd->parsed()) {
    dump.profile = dumpProfile;
    return cpemu::app::runDump(common, dump, std::cout, std::cerr);
  }
  if (schema->parsed()) {
    std::vector<std::filesystem::path> files(schemaFiles.begin(), schemaFiles.end());
    return cpemu::app::runSchema(common, files, std::cout, std::cerr);
  }
  return 2;
}
