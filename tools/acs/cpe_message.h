// What the ACS reads from a CPE's POST body: one SOAP envelope (TR-069 A6 §3.5, Annex A) holding an
// Inform or another CPE request, a response to an ACS request, or a SOAP Fault. Parsed with libxml2
// without network access, DTDs or entity expansion. Deliberately independent of the emulator's own
// codec (cwmp/soap_codec.h), so the test ACS does not share the bugs of the code it tests.
#pragma once

#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace cpemu::acs {

struct DeviceIdentity {  // cwmp:DeviceIdStruct
  std::string manufacturer;
  std::string oui;
  std::string productClass;
  std::string serialNumber;
};

struct InformEvent {  // cwmp:EventStruct
  std::string eventCode;
  std::string commandKey;
};

struct ParameterValue {  // cwmp:ParameterValueStruct
  std::string name;
  std::string value;
  std::string type;  // the Value's xsi:type as sent, "" when absent
};

struct SetParameterValuesFaultEntry {
  std::string parameterName;
  unsigned faultCode = 0;
  std::string faultString;
};

// A SOAP Fault's cwmp:Fault detail (TR-069 A6 §A.5), or a TransferComplete FaultStruct.
struct CwmpFaultDetail {
  unsigned faultCode = 0;
  std::string faultString;
  std::vector<SetParameterValuesFaultEntry> setParameterValuesFaults;
};

struct CpeMessage {
  std::string
      cwmpNamespace;  // of the body element (of cwmp:Fault for a SOAP Fault), e.g. urn:dslforum-org:cwmp-1-2
  std::string id;     // cwmp:ID header, "" when absent
  std::optional<std::string> supportedCwmpVersions;  // cwmp:SupportedCWMPVersions header (CWMP 1.4)
  std::string method;  // body element's local name ("Inform", "GetParameterValuesResponse"); "Fault"

  // Inform (TR-069 A6 §A.3.3.1)
  DeviceIdentity deviceId;
  std::vector<InformEvent> events;
  unsigned maxEnvelopes = 0;
  std::string currentTime;
  unsigned retryCount = 0;

  // ParameterList of an Inform or a GetParameterValuesResponse
  std::vector<ParameterValue> parameters;
  // Items in the response's main list (ParameterList, MethodList, TransferList), for the log
  std::size_t listItems = 0;
  std::optional<std::string> status;          // Status of Set/Add/Delete/Download/Upload responses
  std::optional<std::string> instanceNumber;  // AddObjectResponse

  // TransferComplete / AutonomousTransferComplete: CommandKey and FaultStruct
  std::string commandKey;
  // SOAP Fault's detail, or a transfer's FaultStruct
  std::optional<CwmpFaultDetail> fault;

  bool isEmpty() const { return method.empty(); }
  bool isFault() const { return method == "Fault"; }
  bool isResponse() const;  // a response or a Fault (answers an ACS request)

  // "GetParameterValuesResponse (12 parameters)", "Fault 9005 Invalid parameter name"
  std::string summary() const;
};

class CpeMessageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// An empty (or all-whitespace) body gives an empty message (method ""). Throws CpeMessageError for a
// body that is not a SOAP envelope, is larger than `maxBytes`, or has a DTD.
CpeMessage parseCpeMessage(std::string_view body, std::size_t maxBytes = 4u << 20);

}  // namespace cpemu::acs
