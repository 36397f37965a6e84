// The fault tables of TR-069 A6 §A.5 shared by the encoder and the decoder. The encoder lives in
// soap_encoder.cpp, the decoder in soap_decoder.cpp.
#include "cwmp/soap_codec.h"

namespace cpemu::cwmp {

namespace {

enum class FaultSource { Client, Server };

struct FaultCodeEntry {
  unsigned code;
  FaultSource source;
  std::string_view text;
};

// TR-069 A6 §A.5.1 (CPE fault codes) and §A.5.2 (ACS fault codes), with their "Type" column: "Server" unless
// the request itself was at fault. Texts follow the cwmp-1-2.xsd CPEFaultCodeType / ACSFaultCodeType
// documentation, with its "Deployement" typo corrected.
constexpr FaultCodeEntry kFaultCodes[] = {
    {8000, FaultSource::Server, "Method not supported"},
    {8001, FaultSource::Server, "Request denied (no reason specified)"},
    {8002, FaultSource::Server, "Internal error"},
    {8003, FaultSource::Client, "Invalid arguments"},
    {8004, FaultSource::Server, "Resources exceeded"},
    {8005, FaultSource::Server, "Retry request"},
    {8006, FaultSource::Server, "ACS version incompatible with CPE"},
    {9000, FaultSource::Server, "Method not supported"},
    {9001, FaultSource::Server, "Request denied (no reason specified)"},
    {9002, FaultSource::Server, "Internal error"},
    {9003, FaultSource::Client, "Invalid arguments"},
    {9004, FaultSource::Server, "Resources exceeded"},
    {9005, FaultSource::Client, "Invalid parameter name"},
    {9006, FaultSource::Client, "Invalid parameter type"},
    {9007, FaultSource::Client, "Invalid parameter value"},
    {9008, FaultSource::Client, "Attempt to set a non-writable parameter"},
    {9009, FaultSource::Server, "Notification request rejected"},
    {9010, FaultSource::Server, "File transfer failure"},
    {9011, FaultSource::Server, "Upload failure"},
    {9012, FaultSource::Server, "File transfer server authentication failure"},
    {9013, FaultSource::Server, "Unsupported protocol for file transfer"},
    {9014, FaultSource::Server, "File transfer failure: unable to join multicast group"},
    {9015, FaultSource::Server, "File transfer failure: unable to contact file server"},
    {9016, FaultSource::Server, "File transfer failure: unable to access file"},
    {9017, FaultSource::Server, "File transfer failure: unable to complete download"},
    {9018, FaultSource::Server, "File transfer failure: file corrupted"},
    {9019, FaultSource::Server, "File transfer failure: file authentication failure"},
    {9020, FaultSource::Server,
     "File transfer failure: unable to complete download within specified time windows"},
    {9021, FaultSource::Client, "Cancelation of file transfer not permitted in current transfer state"},
    {9022, FaultSource::Client, "Invalid UUID Format"},
    {9023, FaultSource::Client, "Unknown Execution Environment"},
    {9024, FaultSource::Client, "Disabled Execution Environment"},
    {9025, FaultSource::Client, "Deployment Unit to Execution Environment Mismatch"},
    {9026, FaultSource::Client, "Duplicate Deployment Unit"},
    {9027, FaultSource::Server, "System Resources Exceeded"},
    {9028, FaultSource::Client, "Unknown Deployment Unit"},
    {9029, FaultSource::Client, "Invalid Deployment Unit State"},
    {9030, FaultSource::Client, "Invalid Deployment Unit Update - Downgrade not permitted"},
    {9031, FaultSource::Client, "Invalid Deployment Unit Update - Version not specified"},
    {9032, FaultSource::Client, "Invalid Deployment Unit Update - Version already exists"},
};

const FaultCodeEntry* findFaultCode(unsigned code) {
  for (const FaultCodeEntry& entry : kFaultCodes)
    if (entry.code == code) return &entry;
  return nullptr;
}

}  // namespace

std::string_view standardFaultString(unsigned faultCode) {
  const FaultCodeEntry* entry = findFaultCode(faultCode);
  return entry ? entry->text : std::string_view();
}

std::string_view soapFaultCodeFor(unsigned faultCode) {
  const FaultCodeEntry* entry = findFaultCode(faultCode);
  // Vendor (9800-9899) and future codes: the CPE could not carry out a well-formed request.
  return entry && entry->source == FaultSource::Client ? "Client" : "Server";
}

}  // namespace cpemu::cwmp
