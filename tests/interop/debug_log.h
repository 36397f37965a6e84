// GenieACS's debug log (GENIEACS_DEBUG_FILE, cwmp-debug.yaml): every CWMP HTTP message in both directions,
// one YAML document each. The tests read what cpemu sent from it, as GenieACS received it, and check it
// against the CWMP schema; the SOAP is read with the test ACS's own parser (tools/acs/cpe_message.h).
#pragma once

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "acs/cpe_message.h"

namespace cpemu::interop {

struct LoggedMessage {
  std::string event;  // "incoming HTTP request": a POST from the CPE; "outgoing HTTP response": the ACS's
  std::chrono::system_clock::time_point at;
  std::string deviceId;
  int status = 0;  // statusCode of a response
  std::string body;
};

// Every message of the log, in order. Throws std::runtime_error when the file cannot be parsed.
std::vector<LoggedMessage> readDebugLog(const std::filesystem::path& file);

struct SeenInform {
  std::chrono::system_clock::time_point at;
  acs::CpeMessage message;
  bool hasEvent(const std::string& code) const;
  std::string events() const;  // "0 BOOTSTRAP, 1 BOOT" for messages
};

// The Informs `deviceId` sent, in order.
std::vector<SeenInform> informsOf(const std::vector<LoggedMessage>& log, const std::string& deviceId);
// Every non-empty body a CPE sent (the POSTs), parsed; the raw body is kept for the schema check.
struct SentByCpe {
  std::string deviceId;
  std::string body;
};
std::vector<SentByCpe> sentByCpes(const std::vector<LoggedMessage>& log);

}  // namespace cpemu::interop
