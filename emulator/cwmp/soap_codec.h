// SOAP 1.1 envelopes for CWMP (TR-069 A6 §3.5, Annex A): decodes what the ACS sends, encodes what the
// CPE sends. libxml2 with no network, no DTD, no entity expansion, and a size limit.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <variant>

#include "cwmp/messages.h"

namespace cpemu::cwmp {

struct DecodeLimits {
  std::size_t maxBytes = 4u << 20;        // a larger body is refused with 9004
  std::size_t maxArrayItems = 100000;     // items in one SOAP-ENC array
};

// One message received from the ACS.
struct IncomingMessage {
  CwmpVersion version = CwmpVersion::V1_0;  // from the body element's namespace (+ UseCWMPVersion)
  SoapHeader header;
  std::string method;  // wire name of the body element, "Fault" for a SOAP Fault
  std::variant<AcsRequest, AcsResponse, CwmpFault> body;
};

// What to answer when the ACS's message cannot be used: the CWMP fault (9000 unknown method,
// 9003 invalid arguments / not well-formed, 9004 too large, 9006 wrong xsi:type, ...), plus the cwmp:ID
// and version recovered from the message when possible, so the Fault can echo them.
struct DecodeError {
  CwmpFault fault;
  std::optional<std::string> id;
  CwmpVersion version = CwmpVersion::V1_0;
  std::string method;  // the unknown or malformed method, when known
};

using DecodeResult = std::variant<IncomingMessage, DecodeError>;

// Decoding rules (details and spec references in soap_decoder.cpp):
//  - refused with 9004: more than limits.maxBytes, or an array with more than limits.maxArrayItems items;
//  - refused with 9003: not well-formed XML, a DOCTYPE (SOAP 1.1 §3), not a SOAP 1.1 Envelope (soapFaultCode
//    "VersionMismatch"), an unknown header with mustUnderstand="1" (soapFaultCode "MustUnderstand"), not exactly
//    one Body element, a missing argument the BBF schema requires, a malformed boolean/number;
//  - refused with 9000: an element in a cwmp namespace that is not an ACS request or response we decode;
//  - tolerated: arguments in any order, qualified or unqualified, extra arguments, missing or wrong
//    soap-enc:arrayType, any item element name in an array, whitespace around names, numbers and booleans.
// A SOAP Fault without a cwmp:Fault detail decodes to a CwmpFault with faultCode 0.
DecodeResult decodeAcsMessage(std::string_view xml, const DecodeLimits& limits = {});

// Encodes a CPE message in `version`'s namespace with the given header elements. Every value carries
// xsi:type; arrays carry soap-enc:arrayType with their item count; text is XML-escaped.
// Every header field that is set is written (cwmp:ID, HoldRequests and UseCWMPVersion with
// soap-env:mustUnderstand="1"; SessionTimeout and SupportedCWMPVersions without it); choosing them per
// version is the session's job. A CwmpFault (or FaultStruct) with an empty faultString gets
// standardFaultString(faultCode); a DecodeError's fault can be sent as it is. Text that XML 1.0 cannot carry (control characters other than tab, LF and CR,
// U+FFFE/U+FFFF, invalid UTF-8) is replaced by U+FFFD, so the output is always well-formed.
std::string encodeCpeRequest(const CpeRequest& request, CwmpVersion version, const SoapHeader& header);
std::string encodeCpeResponse(const CpeResponse& response, CwmpVersion version, const SoapHeader& header);

// The standard FaultString for a CWMP fault code (TR-069 A6 Table A.5.1), e.g. 9005 "Invalid parameter name";
// also the ACS codes 8000-8006. "" for a code with no standard text (vendor 9800-9899, unassigned).
std::string_view standardFaultString(unsigned faultCode);

// The SOAP faultcode TR-069 A6 Table A.5.1 gives a CWMP fault code: "Client" or "Server" ("Server" for codes
// the table does not list).
std::string_view soapFaultCodeFor(unsigned faultCode);

}  // namespace cpemu::cwmp
