#include "diagnostics/diagnostic.h"

#include <array>
#include <cstdio>
#include <ctime>
#include <stdexcept>

namespace cpemu::diagnostics {
namespace {

// The writable test parameters of each diagnostic (TR-181 2.19), and its result tables.
constexpr std::array<std::string_view, 7> kIpPingInputs{
    "Interface", "ProtocolVersion", "Host", "NumberOfRepetitions", "Timeout", "DataBlockSize", "DSCP"};
constexpr std::array<std::string_view, 8> kTraceRouteInputs{
    "Interface", "ProtocolVersion", "Host", "NumberOfTries",
    "Timeout",   "DataBlockSize",   "DSCP", "MaxHopCount"};
constexpr std::array<std::string_view, 1> kTraceRouteTables{"RouteHops"};
constexpr std::array<std::string_view, 10> kDownloadInputs{"Interface",
                                                           "DownloadURL",
                                                           "DSCP",
                                                           "EthernetPriority",
                                                           "TimeBasedTestDuration",
                                                           "TimeBasedTestMeasurementInterval",
                                                           "TimeBasedTestMeasurementOffset",
                                                           "ProtocolVersion",
                                                           "NumberOfConnections",
                                                           "EnablePerConnectionResults"};
constexpr std::array<std::string_view, 11> kUploadInputs{"Interface",
                                                         "UploadURL",
                                                         "DSCP",
                                                         "EthernetPriority",
                                                         "TestFileLength",
                                                         "TimeBasedTestDuration",
                                                         "TimeBasedTestMeasurementInterval",
                                                         "TimeBasedTestMeasurementOffset",
                                                         "ProtocolVersion",
                                                         "NumberOfConnections",
                                                         "EnablePerConnectionResults"};
constexpr std::array<std::string_view, 2> kTransferTables{"PerConnectionResult", "IncrementalResult"};
constexpr std::array<std::string_view, 10> kUdpEchoInputs{"Interface",
                                                          "Host",
                                                          "Port",
                                                          "NumberOfRepetitions",
                                                          "Timeout",
                                                          "DataBlockSize",
                                                          "DSCP",
                                                          "InterTransmissionTime",
                                                          "ProtocolVersion",
                                                          "EnableIndividualPacketResults"};
constexpr std::array<std::string_view, 1> kUdpEchoTables{"IndividualPacketResult"};
constexpr std::array<std::string_view, 5> kNsLookupInputs{"Interface", "HostName", "DNSServer", "Timeout",
                                                          "NumberOfRepetitions"};
constexpr std::array<std::string_view, 1> kNsLookupTables{"Result"};

const std::array<Diagnostic, 6> kDiagnostics{{
    {"IPPing", "IP.Diagnostics.IPPing", kIpPingInputs, {}, runIpPing},
    {"TraceRoute", "IP.Diagnostics.TraceRoute", kTraceRouteInputs, kTraceRouteTables, runTraceRoute},
    {"DownloadDiagnostics", "IP.Diagnostics.DownloadDiagnostics", kDownloadInputs, kTransferTables,
     runDownloadDiagnostics},
    {"UploadDiagnostics", "IP.Diagnostics.UploadDiagnostics", kUploadInputs, kTransferTables,
     runUploadDiagnostics},
    {"UDPEchoDiagnostics", "IP.Diagnostics.UDPEchoDiagnostics", kUdpEchoInputs, kUdpEchoTables,
     runUdpEchoDiagnostics},
    {"NSLookupDiagnostics", "DNS.Diagnostics.NSLookupDiagnostics", kNsLookupInputs, kNsLookupTables,
     runNsLookup},
}};

}  // namespace

std::span<const Diagnostic> allDiagnostics() {
  return kDiagnostics;
}

IpVersion parseIpVersion(const std::string& text) {
  if (text == "IPv4") return IpVersion::V4;
  if (text == "IPv6") return IpVersion::V6;
  return IpVersion::Any;
}

std::string formatMicroTime(device::TimePoint t) {
  const auto us = std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count();
  std::time_t s = static_cast<std::time_t>(us / 1000000);
  long fraction = static_cast<long>(us % 1000000);
  if (fraction < 0) {
    fraction += 1000000;
    --s;
  }
  std::tm tm{};
  gmtime_r(&s, &tm);
  char buf[48];
  std::size_t n = std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  std::snprintf(buf + n, sizeof buf - n, ".%06ldZ", fraction);
  return buf;
}

std::string DiagnosticContext::input(std::string_view name) const {
  auto r = device_.tree().get(object_ + std::string(name), datamodel::ReadView::Device);
  return r.fault ? std::string() : r.value;
}

std::uint64_t DiagnosticContext::inputUnsigned(std::string_view name, std::uint64_t fallback) const {
  std::string v = input(name);
  try {
    std::uint64_t n = v.empty() ? 0 : std::stoull(v);
    return n == 0 ? fallback : n;
  } catch (const std::exception&) {
    return fallback;
  }
}

bool DiagnosticContext::has(std::string_view name) const {
  return device_.tree().findParameter(object_ + std::string(name)) != nullptr;
}

void DiagnosticContext::set(std::string_view name, std::string_view value) {
  const std::string path = object_ + std::string(name);
  if (auto f = device_.tree().set(path, value, datamodel::WriteOrigin::Device))
    throw std::logic_error("diagnostics: cannot write " + path + " = '" + std::string(value) +
                           "': " + f.message);
}

std::string DiagnosticContext::addRow(std::string_view table) {
  const std::string path = object_ + std::string(table) + ".";
  auto r = device_.tree().addObject(path, datamodel::WriteOrigin::Device);
  if (r.fault) throw std::logic_error("diagnostics: cannot add a row to " + path + ": " + r.fault.message);
  return std::string(table) + "." + std::to_string(r.value) + ".";
}

Resolved DiagnosticContext::resolveTarget(std::string_view test, const std::string& host, IpVersion version) {
  Resolved target = network_.resolve(host, version);
  if (!target.ok()) log_.info(device_.label(), std::string(test) + ": cannot resolve '" + host + "'");
  return target;
}

std::string DiagnosticContext::failed(std::string_view test, const std::string& target,
                                      const NetworkError& error) {
  log_.info(device_.label(), std::string(test) + " " + target + ": " + error.state + ": " + error.detail);
  return error.state;
}

std::string DiagnosticContext::modelSourceAddress(IpVersion version) const {
  const auto& tree = device_.tree();
  auto addressOf = [&](const std::string& interfacePath) {
    for (const char* table : {"IPv4Address", "IPv6Address"}) {
      const bool v4 = std::string_view(table) == "IPv4Address";
      if ((version == IpVersion::V4 && !v4) || (version == IpVersion::V6 && v4)) continue;
      std::vector<datamodel::ParameterName> rows;
      if (tree.getNames(interfacePath + "." + table + ".", true, rows)) continue;
      for (const auto& row : rows) {
        auto a = tree.get(row.path + "IPAddress", datamodel::ReadView::Device);
        if (!a.fault && !a.value.empty()) return a.value;
      }
    }
    return std::string();
  };
  std::string chosen = input("Interface");  // "Device.IP.Interface.1" (a trailing dot is tolerated)
  if (!chosen.empty() && chosen.back() == '.') chosen.pop_back();
  if (!chosen.empty()) return addressOf(chosen);
  std::vector<datamodel::ParameterName> interfaces;
  if (tree.getNames(device_.rootName() + ".IP.Interface.", true, interfaces)) return "";
  for (const auto& i : interfaces) {
    std::string path = i.path;
    if (!path.empty() && path.back() == '.') path.pop_back();
    if (std::string a = addressOf(path); !a.empty()) return a;
  }
  return "";
}

}  // namespace cpemu::diagnostics
