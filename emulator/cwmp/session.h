// One CWMP session from the CPE side (TR-069 A6 §3.7): Inform -> InformResponse -> the CPE's own
// requests -> empty POST -> the ACS's requests, each answered, until the ACS ends the session (HTTP 204
// or an empty 200). Blocking; the device's agent decides when to run one.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "cwmp/cwmp_version.h"
#include "cwmp/inform_builder.h"
#include "cwmp/rpc/rpc_handlers.h"
#include "device/device.h"
#include "log/logger.h"
#include "transport/http_session.h"

namespace cpemu::cwmp {

struct SessionOptions {
  CwmpVersion maxVersion = CwmpVersion::V1_4;  // the Inform's namespace and SupportedCWMPVersions
  InformOptions inform;
  rpc::HandlerOptions handlers;
  std::size_t maxExchanges = 10000;  // a runaway ACS cannot keep a session forever
  // Saves the device's state (store/). Called after the InformResponse and after each ACS request is
  // handled, before its response is sent, so a change the ACS saw acknowledged survives a crash. When it
  // throws, the session fails without answering.
  std::function<void()> persist;
  // CurrentTime in the Inform and the time ScheduleInform counts from; null: the system clock.
  device::Clock* clock = nullptr;
};

// The protocol settings a device of this profile speaks with (profile key `cwmp:`: version,
// inform_parameters, strict_types); `cpemu run` and `cpemu fleet` both start from them.
SessionOptions sessionOptionsFor(const profile::Profile& profile);

struct SessionOutcome {
  bool ok = false;
  std::string error;      // why the session failed, for the log
  bool informAccepted = false;
  CwmpVersion version = CwmpVersion::V1_0;
  unsigned acsRequests = 0;
};

class CwmpSession {
 public:
  CwmpSession(device::Device& device, transport::HttpSession& http, log::Logger& log, SessionOptions options);

  // Runs the whole session. `retryCount` is the Inform's RetryCount (sessions failed since the last success).
  SessionOutcome run(unsigned retryCount);

 private:
  std::string send(std::string_view body, std::optional<std::string_view> soapAction, transport::HttpResponse& out);
  void logSoap(std::string_view direction, std::string_view body);
  std::string persist();  // "" when saved (or nothing to save to), else why not
  std::string sendTransferCompletes(CwmpVersion version);  // "" or why the session failed
  device::TimePoint now() const;

  device::Device& device_;
  transport::HttpSession& http_;
  log::Logger& log_;
  SessionOptions options_;
  std::string label_;
};

}  // namespace cpemu::cwmp
