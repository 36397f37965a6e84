// TR-143 diagnostics as a device activity (device/activity.h): when the ACS has set a DiagnosticsState to
// Requested, the test runs once the session is over, its results go into the data model and the device
// informs with "8 DIAGNOSTICS COMPLETE". It also runs the UDPEchoConfig responder in real mode.
// docs/diagnostics.md describes the parameters, the simulated models and the real mechanics.
//
// One activity per device: it remembers the inputs each diagnostic's results were computed with (TR-181:
// changing an input afterwards sets DiagnosticsState back to None) and owns the device's echo responder.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "datamodel/instance_tree.h"
#include "device/activity.h"
#include "diagnostics/udp_echo_server.h"
#include "log/logger.h"
#include "profile/diagnostics_settings.h"

namespace cpemu::diagnostics {

struct Diagnostic;
class Network;

class DiagnosticsActivity final : public device::Activity {
 public:
  DiagnosticsActivity(profile::DiagnosticsSettings settings, log::Logger& log);
  // The devices of one profile (a fleet) share one copy of its settings.
  DiagnosticsActivity(std::shared_ptr<const profile::DiagnosticsSettings> settings, log::Logger& log);
  ~DiagnosticsActivity() override;

  // Cheap when nothing changed: the data model is a persistent tree, so an unchanged tree version
  // (sameStateAs) means no DiagnosticsState can have become Requested since the last look.
  std::optional<device::TimePoint> nextDue(const device::Device& device,
                                           device::TimePoint now) const override;
  void run(device::Device& device, device::TimePoint now) override;

  // The UDP echo responder (real mode, UDPEchoConfig.Enable true); null when not running.
  const UdpEchoServer* echoServer() const { return echoServer_.get(); }

 private:
  enum class Work { None, Run, Reset, Adopt };
  struct Tracked {
    std::optional<std::vector<std::string>> inputs;  // what the current results were computed with
    unsigned runs = 0;                               // seeds the simulated models of the next run
  };
  struct EchoConfig {
    bool enable = false;
    std::string interface;  // the Interface parameter
    std::string address;    // its first IPv4 address; empty: every address
    std::string sourceFilter;
    unsigned port = 0;
    bool echoPlus = false;
    bool operator==(const EchoConfig&) const = default;
  };

  Work workFor(const device::Device& device, const Diagnostic& d, std::size_t i) const;
  bool echoServerOutOfStep(const device::Device& device) const;
  void runDiagnostic(device::Device& device, const Diagnostic& d, std::size_t i, device::TimePoint now);
  void syncEchoServer(device::Device& device);
  std::unique_ptr<Network> network(const device::Device& device, const Diagnostic& d, std::size_t i,
                                   device::TimePoint now) const;
  static EchoConfig echoConfig(const device::Device& device);

  std::shared_ptr<const profile::DiagnosticsSettings> settings_;
  log::Logger& log_;
  std::vector<Tracked> tracked_;  // one per allDiagnostics()
  // nextDue's memo (mutable: nextDue is a const query the agent calls after every wake).
  mutable std::optional<datamodel::InstanceTree> checked_;  // the tree version nextDue last looked at
  mutable bool checkedDue_ = false;
  std::unique_ptr<UdpEchoServer> echoServer_;
  std::optional<EchoConfig> echoConfig_;       // what echoServer_ was started with (or failed to start with)
  std::optional<UdpEchoCounters> echoSynced_;  // the counters last written into the data model
};

}  // namespace cpemu::diagnostics
