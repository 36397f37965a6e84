// What the ACS saw in one CWMP session: the Inform, the CPE's own requests, and every ACS request with
// the CPE's answer. Tests read these in-process; `--record FILE` writes them as JSON lines.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "acs/cpe_message.h"

namespace cpemu::acs {

// A request the CPE sent (Inform aside) and what the ACS answered (TR-069 A6 §3.7.2.3).
struct CpeRequestRecord {
  std::string method;                    // "TransferComplete"
  std::string id;                        // its cwmp:ID
  std::string xml;                       // the CPE's envelope, as received
  std::string commandKey;                // TransferComplete / AutonomousTransferComplete
  std::optional<CwmpFaultDetail> fault;  // their FaultStruct
  std::string answer;                    // "TransferCompleteResponse", or "Fault 8000"
};

// One ACS request and the CPE's answer (a response or a SOAP Fault).
struct RpcExchange {
  std::string requestMethod;   // "GetParameterValues"
  std::string requestId;       // cwmp:ID the ACS sent
  std::string requestXml;      // the envelope the ACS sent
  std::string responseMethod;  // "GetParameterValuesResponse", "Fault"; "" while unanswered
  std::string responseId;      // cwmp:ID the CPE echoed
  std::string responseXml;
  std::optional<CwmpFaultDetail> fault;            // when the CPE answered with a SOAP Fault
  std::vector<ParameterValue> responseParameters;  // GetParameterValuesResponse's ParameterList
  std::string responseSummary;                     // "GetParameterValuesResponse (12 parameters)"
};

struct SessionRecord {
  int number = 0;  // 1, 2, ... in the order sessions started on this ACS
  std::string remoteAddress;
  std::uint16_t remotePort = 0;
  std::string path;       // request path the Inform arrived at ("/acs"; the Location's after a redirect)
  std::string startedAt;  // UTC, ISO 8601
  std::string endedAt;    // "" while open
  int scriptEntry = -1;   // index into the script's sessions, -1 for `default`

  // From the Inform (TR-069 A6 §A.3.3.1)
  DeviceIdentity deviceId;
  std::vector<InformEvent> events;
  std::vector<ParameterValue> informParameters;
  std::string informId;                              // its cwmp:ID
  std::string cwmpNamespace;                         // "urn:dslforum-org:cwmp-1-2"
  std::optional<std::string> supportedCwmpVersions;  // header, CWMP 1.4
  std::optional<std::string> useCwmpVersion;         // what the ACS answered with
  unsigned maxEnvelopes = 0;
  unsigned retryCount = 0;
  std::string currentTime;
  std::string informXml;

  std::vector<CpeRequestRecord> cpeRequests;
  std::vector<RpcExchange> exchanges;
  bool completed = false;  // the ACS answered 204 after the script's last RPC (TR-069 A6 §3.7.1.4)
  std::string endReason;   // "complete", "superseded by a new Inform", "idle timeout", "ACS stopped"

  bool hasEvent(const std::string& eventCode) const;
  const ParameterValue* informParameter(const std::string& name) const;
};

nlohmann::json toJson(const SessionRecord& record);

}  // namespace cpemu::acs
