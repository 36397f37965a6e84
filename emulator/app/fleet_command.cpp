// `cpemu fleet`: many devices in one process (docs/fleet.md).
#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <optional>
#include <ostream>
#include <stdexcept>

#include "app/commands.h"
#include "datamodel/model_loader.h"
#include "fleet/fleet_runner.h"
#include "profile/profile_loader.h"

namespace cpemu::app {
namespace {

// "profiles/gateway.yaml:7000" -> (file, 7000); no count: 1.
bool parseGroup(const std::string& spec, std::filesystem::path& file, std::uint64_t& count, std::string& error) {
  count = 1;
  file = spec;
  auto colon = spec.rfind(':');
  if (colon == std::string::npos) return true;
  const std::string n = spec.substr(colon + 1);
  if (n.empty() || n.find_first_not_of("0123456789") != std::string::npos || n.size() > 9) {
    error = spec + ": expected PROFILE or PROFILE:COUNT with a COUNT from 1 to 999999999";
    return false;
  }
  count = std::stoull(n);
  if (count == 0) {
    error = spec + ": COUNT must be at least 1";
    return false;
  }
  file = spec.substr(0, colon);
  return true;
}

// "7000-7999" -> {7000, 7999}; whether the range makes sense is FleetRunner's to say.
bool parsePortRange(const std::string& spec, fleet::PortRange& range) {
  const auto dash = spec.find('-');
  if (dash == std::string::npos) return false;
  auto port = [](const std::string& text, std::uint16_t& out) {
    if (text.empty() || text.size() > 5 || text.find_first_not_of("0123456789") != std::string::npos)
      return false;
    const unsigned long n = std::stoul(text);
    out = static_cast<std::uint16_t>(n);
    return n <= 65535;
  };
  return port(spec.substr(0, dash), range.first) && port(spec.substr(dash + 1), range.last);
}

void writeSummary(const fleet::FleetStats::Snapshot& s, const std::string& file, std::ostream& err) {
  if (file.empty()) {
    std::fputs(s.json().c_str(), stdout);
    std::fflush(stdout);
    return;
  }
  std::ofstream out(file, std::ios::trunc);
  out << s.json();
  if (!out) err << "error: cannot write the summary to " << file << '\n';
}

}  // namespace

int runFleet(const CommonOptions& common, const FleetCommandOptions& options, std::ostream& err) {
  log::Level level;
  if (!log::parseLevel(options.logLevel, level)) {
    err << "error: --log-level must be error, warning, info or debug\n";
    return 2;
  }
  // Blocked from the start: a SIGUSR1 (summary) sent while the profiles load must not kill the process, and
  // every thread started later inherits the mask.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGUSR1);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);  // before any thread starts, so they all inherit it
  if (!tlsFilesReadable(options.tls, err)) return 1;
  fleet::FleetOptions fleetOptions;
  if (!options.connectionRequestPortRange.empty()) {
    fleet::PortRange range;
    if (!parsePortRange(options.connectionRequestPortRange, range)) {
      err << "error: --cr-port-range " << options.connectionRequestPortRange
          << ": expected FIRST-LAST, two ports from 1 to 65535, e.g. 7000-7999\n";
      return 2;
    }
    fleetOptions.connectionRequestPorts = range;
  }
  std::uint64_t total = 0;
  for (const auto& spec : options.groups) {
    std::filesystem::path file;
    std::uint64_t count = 0;
    std::string error;
    if (!parseGroup(spec, file, count, error)) {
      err << "error: " << error << '\n';
      return 2;
    }
    datamodel::ModelLoader loader;
    for (const auto& dir : common.dataModelPath) loader.addSearchDirectory(dir);
    try {
      profile::ProfileLoader profiles(common.dataModelPath);
      fleetOptions.groups.push_back({profile::DeviceTemplate::build(profiles.load(file), loader), count});
    } catch (const std::exception& e) {
      err << "error: " << e.what() << '\n';
      return 1;
    }
    total += count;
  }
  fleetOptions.acsUrl = options.acsUrl;
  fleetOptions.rampPerSecond = options.ramp;
  fleetOptions.workers = options.workers;
  fleetOptions.stateDir = options.stateDir;
  if (options.connectionRequestPort) fleetOptions.connectionRequestPort = *options.connectionRequestPort;
  fleetOptions.tls = options.tls;

  log::Logger logger(err, level);
  if (options.tls.insecure)
    logger.warning("fleet", "--insecure: the ACS certificate and host name are not verified");

  std::optional<fleet::FleetRunner> runner;
  try {
    runner.emplace(logger, std::move(fleetOptions));
  } catch (const std::invalid_argument& e) {  // options that do not fit together or with the profiles
    err << "error: " << e.what() << '\n';
    return 2;
  } catch (const std::exception& e) {
    err << "error: " << e.what() << '\n';
    return 1;
  }
  try {
    runner->start();
    logger.info("fleet", std::to_string(total) + " devices, " + std::to_string(options.workers) + " workers" +
                             (options.ramp > 0 ? ", ramp " + std::to_string(options.ramp) + "/s" : ", no ramp"));
    const bool terminal = isatty(STDERR_FILENO);
    const auto begin = std::chrono::steady_clock::now();
    while (true) {
      timespec second{1, 0};
      int received = sigtimedwait(&signals, nullptr, &second);
      if (received == SIGINT || received == SIGTERM) break;
      if (received == SIGUSR1) writeSummary(runner->stats(), options.summaryFile, err);
      if (terminal) err << "\r" << runner->stats().line() << "\033[K" << std::flush;
      if (options.durationSeconds &&
          std::chrono::steady_clock::now() - begin >= std::chrono::seconds(*options.durationSeconds))
        break;
    }
    if (terminal) err << '\n';
    runner->stop();
    auto stats = runner->stats();
    logger.info("fleet", stats.line());
    writeSummary(stats, options.summaryFile, err);
    return stats.failed == 0 ? 0 : 1;
  } catch (const std::exception& e) {
    err << "error: " << e.what() << '\n';
    return 1;
  }
}

}  // namespace cpemu::app
