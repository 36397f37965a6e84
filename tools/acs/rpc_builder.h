// Builds the SOAP envelopes the ACS sends: the script's ACS->CPE requests (TR-069 A6 Annex A.3.2/A.4.1),
// with field names exactly as in cwmp-1-2.xsd, and the ACS's answers to CPE requests (InformResponse,
// TransferCompleteResponse, ..., SOAP Faults).
//
// Bodies are built once, when the script is read, with the `cwmp:` prefix; the envelope binds that
// prefix to the namespace of the session (the one the CPE's Inform used, TR-069 A6 §3.5).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "acs/script_error.h"
#include "acs/script_node.h"

namespace cpemu::acs {

// One ACS->CPE request, ready to be put into an envelope.
struct RpcRequest {
  std::string method;   // body element's local name: "GetParameterValues", "ChangeDUState" for raw
  std::string bodyXml;  // "<cwmp:GetParameterValues>...</cwmp:GetParameterValues>"
  ScriptLocation source;
};

// The SOAP Header elements the ACS may send (TR-069 A6 Table A.3.1 ... §A.2.2 in CWMP 1.4).
struct EnvelopeHeader {
  std::string id;                             // cwmp:ID
  bool holdRequests = false;                  // cwmp:HoldRequests true
  std::optional<std::string> useCwmpVersion;  // cwmp:UseCWMPVersion (CWMP 1.4)
};

// The names of all ACS->CPE RPCs the builder knows, in TR-069 A6 order.
const std::vector<std::string>& knownRpcNames();

// Reads one entry of a session's `rpcs:` list:
//   - GetParameterValues: {ParameterNames: [A, B]}   (an RPC name and its fields)
//   - GetParameterValues: [A, B]                    (short form for the one list field)
//   - Reboot                                        (no fields: all take their defaults)
//   - raw: '<cwmp:X>...</cwmp:X>'                    (any body element, sent verbatim)
// Throws ScriptError naming file:line and the key for an unknown RPC, unknown field, missing field or a
// value of the wrong shape. Values are not checked against the schema's facets (lengths, patterns), so a
// script can probe the CPE's fault handling.
RpcRequest buildRpc(const ScriptNode& entry);

// A whole SOAP 1.1 envelope with the cwmp prefix bound to `cwmpNamespace`.
std::string buildEnvelope(std::string_view cwmpNamespace, const EnvelopeHeader& header,
                          std::string_view bodyXml);

// Bodies of the ACS's answers to CPE requests (TR-069 A6 Annex A.3.2, A.4.2).
std::string informResponseBody(unsigned maxEnvelopes);
std::string emptyResponseBody(std::string_view method);  // "<cwmp:TransferCompleteResponse/>"
std::string getRpcMethodsResponseBody(const std::vector<std::string>& methods);
// A SOAP Fault carrying a cwmp:Fault detail (TR-069 A6 §A.5): faultcode "Server" for the ACS's own
// trouble (8002 internal error, 8004 resources exceeded, 8005 retry request), "Client" otherwise.
std::string faultBody(unsigned faultCode, std::string_view faultString);

// TR-069 A6 §A.5.1 (Table 60): the ACS's fault codes and their FaultStrings.
inline constexpr unsigned kMinAcsFaultCode = 8000;
inline constexpr unsigned kMaxAcsFaultCode = 8899;
// "Retry request" for 8005; "Reserved" / "Vendor-specific fault" for the ranges the spec leaves open.
std::string acsFaultString(unsigned faultCode);

std::string xmlEscape(std::string_view text);

}  // namespace cpemu::acs
