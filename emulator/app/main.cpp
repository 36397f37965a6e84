// cpemu: the TR-069 CPE emulator. Parses the command line and hands over to the library.
#include <CLI/CLI.hpp>

#include <charconv>
#include <cstdint>
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

// CLI11 reads unsigned options with strtoull(base 0): "--index 010" would be device 8 and "--index -1"
// device 2^64-1. Device numbers are decimal: check them and hand CLI11 the canonical decimal text.
CLI::Validator decimalNumber() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        std::uint64_t n = 0;
        auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
        if (text.empty() || ec != std::errc{} || end != text.data() + text.size())
          return "'" + text + "' is not a decimal number from 0 to 18446744073709551615";
        text = std::to_string(n);
        return "";
      },
      "NUMBER");
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"cpemu " CPEMU_VERSION " - TR-069 (CWMP) CPE device emulator", "cpemu"};
  app.set_version_flag("--version", "cpemu " CPEMU_VERSION);
  app.require_subcommand(1);
  // The shared options may also follow the subcommand (`cpemu check --datamodel-path DIR PROFILE`, as
  // docs/profiles.md writes it): a subcommand hands options it does not know to this parser.
  app.fallthrough();

  cpemu::app::CommonOptions common;
  std::vector<std::string> dataModelDirs;
  // One folder per --datamodel-path, so that it cannot swallow the PROFILE that follows it.
  app.add_option("--datamodel-path", dataModelDirs,
                 "Folder searched for data-model files named in profiles and imports (repeatable; "
                 "CPEMU_DATAMODEL_PATH adds more, colon-separated)")
      ->allow_extra_args(false);
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
      ->transform(decimalNumber())
      ->default_val(1);
  dumpCmd->add_flag("--show-secrets", dump.showSecrets,
                    "Print hidden/secured values (passwords) instead of the empty string an ACS reads");

  std::vector<std::string> schemaFiles;
  auto* schema = app.add_subcommand(
      "schema", "Load data-model XML files and print model=NAME objects=N parameters=M per model");
  schema->add_option("FILE", schemaFiles, "BBF data-model XML files")->required();

  cpemu::app::RunOptions run;
  std::string runProfile, stateDir;
  unsigned maxSessions = 0;
  auto* runCmd = app.add_subcommand("run", "Run one emulated device against an ACS");
  runCmd->add_option("PROFILE", runProfile, "Profile YAML file")->required();
  runCmd->add_option("--acs", run.acsUrl, "ACS URL (overrides acs.url / ManagementServer.URL)");
  runCmd->add_option("--state-dir", stateDir, "Folder where the device keeps its state across restarts");
  runCmd->add_option("--set", run.sets, "PATH=VALUE: override a parameter after the profile (repeatable)");
  runCmd->add_option("--index", run.index, "Device index for {index} templates")
      ->transform(decimalNumber())
      ->default_val(1);
  runCmd->add_option("--log-level", run.logLevel, "error, warning, info (one line per session and RPC) or debug (full SOAP)")
      ->default_val("info");
  runCmd->add_option("--max-sessions", maxSessions, "Exit after this many sessions (0: run until stopped)");
  runCmd->add_option("--ca-file", run.tls.caFile,
                     "PEM CA bundle to verify an https ACS (overrides acs.ca_file; default: system store)");
  runCmd->add_option("--client-cert", run.tls.clientCert,
                     "PEM client certificate for mutual TLS (with --client-key; overrides acs.client_cert)");
  runCmd->add_option("--client-key", run.tls.clientKey,
                     "PEM private key of --client-cert (overrides acs.client_key)");
  runCmd->add_flag("--insecure", run.tls.insecure, "Do not verify the ACS certificate (testing only)");
  std::optional<unsigned> crPort;
  runCmd->add_option("--cr-port", crPort, "Connection Request server port (overrides connection_request.port; 0: any free port)")
      ->check(CLI::Range(0u, 65535u));

  cpemu::app::FleetCommandOptions fleet;
  std::string fleetStateDir;
  unsigned fleetDuration = 0;
  std::optional<unsigned> fleetCrPort;
  auto* fleetCmd = app.add_subcommand("fleet", "Run many emulated devices in one process (docs/fleet.md)");
  fleetCmd->add_option("PROFILE[:COUNT]", fleet.groups, "Profiles and how many devices of each")->required();
  fleetCmd->add_option("--acs", fleet.acsUrl, "ACS URL for every device (overrides acs.url)");
  fleetCmd->add_option("--ramp", fleet.ramp, "Devices powered on per second (0: all at once)")
      ->check(CLI::NonNegativeNumber)
      ->default_val(0);
  fleetCmd->add_option("--workers", fleet.workers, "Devices worked on at once (sessions in parallel)")
      ->check(CLI::Range(1u, 4096u))
      ->default_val(32);
  fleetCmd->add_option("--state-dir", fleetStateDir, "Folder of the one database every device's state is kept in");
  CLI::Option* fleetCrPortOption = fleetCmd->add_option(
      "--cr-port", fleetCrPort, "One Connection Request port for the fleet (0: any free)");
  fleetCrPortOption->check(CLI::Range(0u, 65535u));
  fleetCmd
      ->add_option("--cr-port-range", fleet.connectionRequestPortRange,
                   "FIRST-LAST: a Connection Request port per device, device k on FIRST+k-1")
      ->excludes(fleetCrPortOption);
  fleetCmd->add_option("--summary", fleet.summaryFile, "Write the JSON summary here (default: stdout)");
  fleetCmd->add_option("--duration", fleetDuration, "Stop after this many seconds (0: until SIGINT/SIGTERM)");
  fleetCmd->add_option("--log-level", fleet.logLevel, "error, warning (default), info or debug")
      ->default_val("warning");
  fleetCmd->add_option("--ca-file", fleet.tls.caFile, "PEM CA bundle to verify an https ACS");
  fleetCmd->add_flag("--insecure", fleet.tls.insecure, "Do not verify the ACS certificate (testing only)");

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
  if (runCmd->parsed()) {
    run.profile = runProfile;
    if (!stateDir.empty()) run.stateDir = stateDir;
    if (maxSessions > 0) run.maxSessions = maxSessions;
    if (crPort) run.connectionRequestPort = static_cast<std::uint16_t>(*crPort);
    return cpemu::app::runDevice(common, run, std::cerr);
  }
  if (fleetCmd->parsed()) {
    if (!fleetStateDir.empty()) fleet.stateDir = fleetStateDir;
    if (fleetDuration > 0) fleet.durationSeconds = fleetDuration;
    if (fleetCrPort) fleet.connectionRequestPort = static_cast<std::uint16_t>(*fleetCrPort);
    return cpemu::app::runFleet(common, fleet, std::cerr);
  }
  if (schema->parsed()) {
    std::vector<std::filesystem::path> files(schemaFiles.begin(), schemaFiles.end());
    return cpemu::app::runSchema(common, files, std::cout, std::cerr);
  }
  return 2;
}
