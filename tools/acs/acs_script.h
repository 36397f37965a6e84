// The ACS's script: which RPCs to send in which CWMP session. YAML or JSON (yaml-cpp reads both).
//
//   cwmp_version: "1.4"          # highest CWMP version the ACS speaks (UseCWMPVersion); default 1.4
//   sessions:                    # one entry per CPE session, consumed in order, per CPE (serial number)
//     - reject: {fault: 8005}    # turn the session away (or {http_status: 503}) ...
//       repeat: 2                #   ... twice before this entry is used up
//     - match: {event: "0 BOOTSTRAP", serial: GW00000001}   # optional
//       rpcs:
//         - GetParameterValues: [Device.DeviceInfo.SoftwareVersion]
//         - Reboot: {CommandKey: r1}
//   default: {rpcs: []}          # for sessions no entry is left for
//
// Each CPE has its own cursor into `sessions`. A session takes the first entry at or after that cursor
// whose `match` it satisfies; entries passed over are skipped for that CPE. An entry serves `repeat`
// sessions (default 1) before the cursor moves past it. With none left, `default`.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "acs/cpe_message.h"
#include "acs/rpc_builder.h"
#include "acs/script_error.h"

namespace cpemu::acs {

// Conditions on the Inform that opens a session; all given ones must hold.
struct SessionMatch {
  std::vector<std::string> events;  // every one of these event codes is in the Inform
  std::optional<std::string> serialNumber;
  std::optional<std::string> oui;
  std::optional<std::string> productClass;

  bool matches(const DeviceIdentity& device, const std::vector<InformEvent>& informEvents) const;
  std::string describe() const;  // "event 0 BOOTSTRAP, serial GW1" or "any session"
};

// How the ACS turns a session away instead of serving it, to test a CPE's retries (TR-069 A6 §3.2.1.1).
// Exactly one of the two is set.
struct SessionRejection {
  // The Inform is answered with this SOAP Fault (TR-069 A6 §A.5.1: ACS faults are 8000-8899, e.g. 8005
  // Retry request), with HTTP status 200 as §3.4.1 wants for every CWMP payload.
  std::optional<unsigned> faultCode;
  std::string faultString;  // the spec's text for faultCode unless the script gives one
  // The Inform POST is answered with this HTTP status (400-599) and an empty body.
  std::optional<int> httpStatus;

  std::string describe() const;  // "Fault 8005 Retry request", "HTTP 503"
};

struct ScriptSession {
  SessionMatch match;
  std::vector<RpcRequest> rpcs;
  std::optional<SessionRejection> reject;  // when set, the session is turned away at its Inform
  unsigned repeat = 1;                     // how many sessions this entry serves before the cursor moves on
  ScriptLocation source;
};

struct AcsScript {
  std::optional<std::string> cwmpVersion;  // "1.0" ... "1.4"
  std::vector<ScriptSession> sessions;
  ScriptSession defaultSession;  // no RPCs unless the script says so
  std::string source;            // file name, for messages
};

// Throws ScriptError naming file, line and key for anything wrong (syntax, unknown key, unknown RPC or
// field, a value of the wrong shape).
AcsScript loadAcsScript(const std::filesystem::path& file);
AcsScript parseAcsScript(std::string_view text, const std::string& sourceName);

// "1.0" ... "1.4" -> 0 ... 4; nullopt for anything else.
std::optional<int> cwmpMinorVersion(std::string_view version);

}  // namespace cpemu::acs
