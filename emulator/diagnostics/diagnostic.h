// One TR-143 diagnostic as the DiagnosticsActivity runs it: where it lives in the data model, which of its
// parameters are the test's inputs, and the function that runs it (one .cpp per diagnostic).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "device/device.h"
#include "diagnostics/network.h"
#include "log/logger.h"

namespace cpemu::diagnostics {

// What a running diagnostic reads and writes. Paths given to it are relative to the diagnostic's object
// ("Host", "RouteHops."); every write is the device's (WriteOrigin::Device).
class DiagnosticContext {
 public:
  DiagnosticContext(device::Device& device, Network& network, log::Logger& log, std::string objectPath)
      : device_(device), network_(network), log_(log), object_(std::move(objectPath)) {}

  device::Device& device() { return device_; }
  Network& network() { return network_; }
  log::Logger& log() { return log_; }
  const std::string& object() const { return object_; }  // "Device.IP.Diagnostics.IPPing."

  std::string input(std::string_view name) const;
  // An unsigned input; `fallback` when it is empty or 0 (the model's zero default means "not set").
  std::uint64_t inputUnsigned(std::string_view name, std::uint64_t fallback) const;
  bool inputBool(std::string_view name) const { return input(name) == "true"; }
  // Writes a result; a value the data model refuses is a bug of ours, so it throws std::logic_error.
  void set(std::string_view name, std::string_view value);
  void set(std::string_view name, std::uint64_t value) { set(name, std::string_view(std::to_string(value))); }
  // Adds a row to a result table ("RouteHops.") and returns its path relative to the object ("RouteHops.3.").
  std::string addRow(std::string_view table);
  bool has(std::string_view name) const;  // the model has this parameter

  // The test's target as an address of `version`; logs when it cannot be resolved (the test then ends in
  // Error_CannotResolveHostName).
  Resolved resolveTarget(std::string_view test, const std::string& host, IpVersion version);
  // Logs what the network could not do and returns the DiagnosticsState it maps to.
  std::string failed(std::string_view test, const std::string& target, const NetworkError& error);

  // The address the device would send from, as its data model says: the Interface input's address of
  // the version asked for, else the first IP interface's. Used when the network does not know better.
  std::string modelSourceAddress(IpVersion version) const;

 private:
  device::Device& device_;
  Network& network_;
  log::Logger& log_;
  std::string object_;
};

// The outcome of one run: the DiagnosticsState to report ("Complete", "Error_…").
using DiagnosticFunction = std::string (*)(DiagnosticContext&);

struct Diagnostic {
  std::string_view name;                           // "IPPing": the key in the profile's `diagnostics.fail`
  std::string_view object;                         // relative to the root: "IP.Diagnostics.IPPing"
  std::span<const std::string_view> inputs;        // writable test parameters (TR-181 "test parameters")
  std::span<const std::string_view> resultTables;  // result tables emptied for every new run
  DiagnosticFunction run;
};

// Every diagnostic the DiagnosticsActivity knows, in the order it runs them.
std::span<const Diagnostic> allDiagnostics();

// TR-106 dateTime with microseconds, UTC: "2026-11-25T16:40:00.123456Z" (TR-181 asks for microsecond
// precision in ROMTime, BOMTime, EOMTime, …).
std::string formatMicroTime(device::TimePoint t);

// The diagnostics defined in their own files.
std::string runIpPing(DiagnosticContext& c);
std::string runTraceRoute(DiagnosticContext& c);
std::string runNsLookup(DiagnosticContext& c);
std::string runDownloadDiagnostics(DiagnosticContext& c);
std::string runUploadDiagnostics(DiagnosticContext& c);
std::string runUdpEchoDiagnostics(DiagnosticContext& c);

}  // namespace cpemu::diagnostics
