// The cpemu subcommands. Each returns the process exit code: 0 success, 1 bad input.
#pragma once

#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "cwmp/device_setup.h"

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

struct RunOptions {
  std::filesystem::path profile;
  std::string acsUrl;                  // overrides ManagementServer.URL
  std::optional<std::filesystem::path> stateDir;
  std::vector<std::string> sets;       // PATH=VALUE overrides applied after the profile
  std::uint64_t index = 1;
  std::string logLevel = "info";
  std::optional<unsigned> maxSessions;
  // --ca-file (empty: the profile's acs.ca_file, else the system store), --client-cert and --client-key
  // (together; empty: the profile's pair), --insecure (tests against self-signed ACSs only)
  cwmp::TlsCommandLine tls;
  std::optional<std::uint16_t> connectionRequestPort;  // --cr-port: overrides connection_request.port (0: any)
};
// Runs one emulated device until SIGINT/SIGTERM (or --max-sessions). Exit 0, or 1 when it could not
// start or its last session failed.
int runDevice(const CommonOptions& common, const RunOptions& options, std::ostream& err);

struct FleetCommandOptions {
  std::vector<std::string> groups;  // PROFILE[:COUNT]
  std::string acsUrl;
  double ramp = 0;  // devices per second; 0: all at once
  unsigned workers = 32;
  std::optional<std::filesystem::path> stateDir;
  std::optional<std::uint16_t> connectionRequestPort;
  std::string connectionRequestPortRange;  // --cr-port-range FIRST-LAST: one port per device; "": none
  std::string summaryFile;  // "": stdout
  std::optional<unsigned> durationSeconds;
  std::string logLevel = "warning";
  cwmp::TlsCommandLine tls;  // --ca-file, --insecure: over each profile's acs: TLS settings
};
// Runs many devices in one process until SIGINT/SIGTERM (or --duration); SIGUSR1 writes the summary.
// Exit 0 when no session failed, 1 otherwise or when it could not start, 2 for bad options.
int runFleet(const CommonOptions& common, const FleetCommandOptions& options, std::ostream& err);

// The TLS files given on the command line can be read (said once at start rather than as a failed
// session at every retry). False after writing "error: --ca-file: cannot read ..." to `err`.
bool tlsFilesReadable(const cwmp::TlsCommandLine& tls, std::ostream& err);

int runSchema(const CommonOptions& common, const std::vector<std::filesystem::path>& files, std::ostream& out,
              std::ostream& err);

}  // namespace cpemu::app
