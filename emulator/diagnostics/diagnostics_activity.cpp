#include "diagnostics/diagnostics_activity.h"

#include <exception>

#include "device/event_queue.h"
#include "diagnostics/diagnostic.h"
#include "diagnostics/real_network.h"
#include "diagnostics/simulated_network.h"

namespace cpemu::diagnostics {
namespace {

const std::string kState = "DiagnosticsState";

std::string objectPath(const device::Device& device, const Diagnostic& d) {
  return device.rootName() + "." + std::string(d.object) + ".";
}

std::vector<std::string> inputsOf(const device::Device& device, const Diagnostic& d) {
  std::vector<std::string> values;
  const std::string object = std::string(d.object) + ".";
  for (auto name : d.inputs) values.push_back(device.value(object + std::string(name)));
  return values;
}

// A splitmix64 step: spreads (seed, device, diagnostic, run) over 64 bits.
std::uint64_t mix(std::uint64_t h, std::uint64_t v) {
  std::uint64_t z = h ^ (v + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2));
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

// TR-181 DiagnosticsState: results are retained until the test runs again (and are indeterminate in any
// state but Complete). A new request, a cancel or a changed input starts from the profile's values: every
// read-only parameter of the object goes back to its template value and every result table is emptied.
void clearResults(device::Device& device, const Diagnostic& d) {
  auto& tree = device.tree();
  const std::string object = objectPath(device, d);
  for (auto table : d.resultTables) {
    std::vector<datamodel::ParameterName> rows;
    if (tree.getNames(object + std::string(table) + ".", true, rows)) continue;
    for (const auto& row : rows) tree.deleteObject(row.path, datamodel::WriteOrigin::Device);
  }
  std::vector<datamodel::ParameterValue> values;
  if (tree.getValues(object, values, datamodel::ReadView::Device)) return;
  const auto& profileTree = device.deviceTemplate().tree();
  for (const auto& v : values) {
    if (v.def->writable() || v.def->countsTable || v.path.find('.', object.size()) != std::string::npos)
      continue;
    auto initial = profileTree.get(v.path, datamodel::ReadView::Device);
    if (!initial.fault && initial.value != v.value)
      tree.set(v.path, initial.value, datamodel::WriteOrigin::Device);
  }
}

}  // namespace

DiagnosticsActivity::DiagnosticsActivity(profile::DiagnosticsSettings settings, log::Logger& log)
    : DiagnosticsActivity(std::make_shared<const profile::DiagnosticsSettings>(std::move(settings)), log) {}

DiagnosticsActivity::DiagnosticsActivity(std::shared_ptr<const profile::DiagnosticsSettings> settings,
                                         log::Logger& log)
    : settings_(std::move(settings)), log_(log), tracked_(allDiagnostics().size()) {}

DiagnosticsActivity::~DiagnosticsActivity() = default;

DiagnosticsActivity::Work DiagnosticsActivity::workFor(const device::Device& device, const Diagnostic& d,
                                                       std::size_t i) const {
  const std::string state = device.value(std::string(d.object) + "." + kState);
  if (state == "Requested") return Work::Run;
  if (state == "Canceled") return Work::Reset;
  // None with results of ours: the ACS changed an input (SetParameterValues set None at once) or canceled.
  if (state.empty() || state == "None") return tracked_[i].inputs ? Work::Reset : Work::None;
  // Complete or Error_*: TR-181 "modifying any of the writable parameters in this object except for this
  // one MUST result in the value of this parameter being set to None".
  if (!tracked_[i].inputs) return Work::Adopt;  // results from before a restart: take the inputs as they are
  return inputsOf(device, d) == *tracked_[i].inputs ? Work::None : Work::Reset;
}

std::optional<device::TimePoint> DiagnosticsActivity::nextDue(const device::Device& device,
                                                              device::TimePoint now) const {
  if (echoServer_ && echoSynced_ != echoServer_->counters()) return now;
  if (!checked_ || !checked_->sameStateAs(device.tree())) {
    checked_ = device.tree();
    checkedDue_ = echoServerOutOfStep(device);
    const auto all = allDiagnostics();
    for (std::size_t i = 0; i < all.size() && !checkedDue_; ++i)
      checkedDue_ = workFor(device, all[i], i) != Work::None;
  }
  return checkedDue_ ? std::optional(now) : std::nullopt;
}

void DiagnosticsActivity::run(device::Device& device, device::TimePoint now) {
  const auto all = allDiagnostics();
  for (std::size_t i = 0; i < all.size(); ++i) {
    const Diagnostic& d = all[i];
    switch (workFor(device, d, i)) {
      case Work::None:
        break;
      case Work::Adopt:
        tracked_[i].inputs = inputsOf(device, d);
        break;
      case Work::Reset:
        log_.info(device.label(), std::string(d.name) + ": DiagnosticsState None, results cleared");
        clearResults(device, d);
        device.setValue(std::string(d.object) + "." + kState, "None");
        tracked_[i].inputs.reset();
        break;
      case Work::Run:
        runDiagnostic(device, d, i, now);
        break;
    }
  }
  syncEchoServer(device);
  checked_ = device.tree();
  checkedDue_ = false;
}

// TR-143 / TR-181 DiagnosticsState: the test runs after the session that requested it (the agent runs
// activities between sessions), with the inputs as they are now; its earlier results are cleared first.
// Complete or an Error_ state, "8 DIAGNOSTICS COMPLETE" either way (TR-069 §3.7.1.5 Table 7).
void DiagnosticsActivity::runDiagnostic(device::Device& device, const Diagnostic& d, std::size_t i,
                                        device::TimePoint now) {
  Tracked& tracked = tracked_[i];
  tracked.inputs = inputsOf(device, d);
  clearResults(device, d);
  std::string state;
  if (auto forced = settings_->fail.find(std::string(d.name)); forced != settings_->fail.end()) {
    state = forced->second;  // the profile's `diagnostics.fail`, for ACS back-testing
  } else {
    try {
      auto net = network(device, d, i, now);
      DiagnosticContext context(device, *net, log_, objectPath(device, d));
      state = d.run(context);
    } catch (const std::exception& e) {
      log_.error(device.label(), std::string(d.name) + ": " + e.what());
      state = "Error_Internal";
      clearResults(device, d);  // no half-written results (TR-181: they are indeterminate anyway)
    }
  }
  if (auto f = device.setValue(std::string(d.object) + "." + kState, state)) {
    log_.error(device.label(), std::string(d.name) + ": cannot report " + state + ": " + f.message);
    device.setValue(std::string(d.object) + "." + kState, "Error_Internal");
  }
  ++tracked.runs;
  device.events().add(device::event::DiagnosticsComplete);
  log_.info(device.label(), std::string(d.name) + ": " + device.value(std::string(d.object) + "." + kState));
}

std::unique_ptr<Network> DiagnosticsActivity::network(const device::Device& device, const Diagnostic& d,
                                                      std::size_t i, device::TimePoint now) const {
  if (settings_->mode == profile::DiagnosticsMode::Real) return std::make_unique<RealNetwork>();
  std::uint64_t seed = mix(mix(settings_->seed, device.index()), tracked_[i].runs);
  for (unsigned char c : d.name) seed = mix(seed, c);
  return std::make_unique<SimulatedNetwork>(*settings_, seed, now);
}

// ---- UDPEchoConfig: the responder (real mode) -------------------------------------------------------

DiagnosticsActivity::EchoConfig DiagnosticsActivity::echoConfig(const device::Device& device) {
  EchoConfig c;
  c.enable = device.value("IP.Diagnostics.UDPEchoConfig.Enable") == "true";
  if (!c.enable) return c;
  c.sourceFilter = device.value("IP.Diagnostics.UDPEchoConfig.SourceIPAddress");
  c.echoPlus = device.value("IP.Diagnostics.UDPEchoConfig.EchoPlusEnabled") == "true";
  try {
    c.port = static_cast<unsigned>(std::stoul(device.value("IP.Diagnostics.UDPEchoConfig.UDPPort")));
  } catch (const std::exception&) {
    c.port = 0;
  }
  // Interface: listen on that IP interface's (first IPv4) address; empty: on every address.
  c.interface = device.value("IP.Diagnostics.UDPEchoConfig.Interface");
  if (!c.interface.empty() && c.interface.back() == '.') c.interface.pop_back();
  if (!c.interface.empty()) {
    auto a = device.tree().get(c.interface + ".IPv4Address.1.IPAddress", datamodel::ReadView::Device);
    if (!a.fault) c.address = a.value;
  }
  return c;
}

bool DiagnosticsActivity::echoServerOutOfStep(const device::Device& device) const {
  if (settings_->mode != profile::DiagnosticsMode::Real) return false;
  EchoConfig wanted = echoConfig(device);
  return echoConfig_ ? !(wanted == *echoConfig_) : wanted.enable;
}

void DiagnosticsActivity::syncEchoServer(device::Device& device) {
  if (echoServerOutOfStep(device)) {
    EchoConfig wanted = echoConfig(device);
    echoServer_.reset();
    echoSynced_.reset();
    echoConfig_ = wanted;
    if (!wanted.enable) {
      log_.info(device.label(), "UDPEchoConfig: echo responder off");
    } else if (wanted.port == 0 || wanted.port > 65535) {
      log_.warning(device.label(),
                   "UDPEchoConfig: UDPPort " + std::to_string(wanted.port) + " is not a UDP port");
    } else if (!wanted.interface.empty() && wanted.address.empty()) {
      log_.warning(device.label(), "UDPEchoConfig: Interface " + wanted.interface + " has no IPv4 address");
    } else {
      try {
        echoServer_ = std::make_unique<UdpEchoServer>(UdpEchoServerOptions{
            wanted.address, static_cast<std::uint16_t>(wanted.port), wanted.sourceFilter, wanted.echoPlus});
        log_.info(device.label(),
                  "UDPEchoConfig: echo responder on UDP port " + std::to_string(echoServer_->port()));
      } catch (const std::exception& e) {
        log_.warning(device.label(), std::string("UDPEchoConfig: ") + e.what());
      }
      // TR-181 UDPEchoConfig: the counters count from when the responder was enabled.
      for (const char* counter : {"PacketsReceived", "PacketsResponded", "BytesReceived", "BytesResponded"})
        device.setValue(std::string("IP.Diagnostics.UDPEchoConfig.") + counter, "0");
    }
  }
  if (!echoServer_) return;
  UdpEchoCounters now = echoServer_->counters();
  if (echoSynced_ == now) return;
  const std::string p = "IP.Diagnostics.UDPEchoConfig.";
  auto clamp32 = [](std::uint64_t n) { return std::to_string(std::min<std::uint64_t>(n, 4294967295u)); };
  device.setValue(p + "PacketsReceived", clamp32(now.packetsReceived));
  device.setValue(p + "PacketsResponded", clamp32(now.packetsResponded));
  device.setValue(p + "BytesReceived", clamp32(now.bytesReceived));
  device.setValue(p + "BytesResponded", clamp32(now.bytesResponded));
  if (now.packetsReceived) {
    device.setValue(p + "TimeFirstPacketReceived", formatMicroTime(now.firstPacket));
    device.setValue(p + "TimeLastPacketReceived", formatMicroTime(now.lastPacket));
  }
  echoSynced_ = now;
}

}  // namespace cpemu::diagnostics
