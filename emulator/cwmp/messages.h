// CWMP messages as plain structs (TR-069 A6 Annex A.3–A.4). The codec turns them into SOAP and back;
// RPC handlers and the session only ever see these.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "cwmp/cwmp_version.h"

namespace cpemu::cwmp {

// ---- common structures ----------------------------------------------------------------------------

struct ParameterValueStruct {
  std::string name;
  std::string value;
  std::string type;  // xsi:type as sent/received, e.g. "xsd:string", "xsd:unsignedInt"; may be empty on input
};

struct EventStruct {
  std::string eventCode;  // "0 BOOTSTRAP", "M Reboot", "X 00D09E MyEvent"
  std::string commandKey;
};

struct DeviceIdStruct {
  std::string manufacturer;
  std::string oui;
  std::string productClass;
  std::string serialNumber;
};

struct FaultStruct {  // inside TransferComplete; code 0 = success
  unsigned faultCode = 0;
  std::string faultString;
};

struct SetParameterValuesFault {
  std::string parameterName;
  unsigned faultCode = 0;
  std::string faultString;
};

// A SOAP Fault carrying a cwmp:Fault detail (TR-069 A.5). Sent by the CPE in place of a response, or
// received from the ACS in place of a response to a CPE request.
struct CwmpFault {
  unsigned faultCode = 0;
  std::string faultString;
  std::vector<SetParameterValuesFault> setParameterValuesFaults;
  // The SOAP faultcode when it is not the one TR-069 A.5 derives from faultCode ("Client"/"Server"):
  // "MustUnderstand" or "VersionMismatch" (SOAP 1.1 §4.4.1). Empty on almost every fault. On a decoded ACS
  // fault: the faultcode element's text as sent.
  std::string soapFaultCode;
};

// ---- CPE -> ACS requests ---------------------------------------------------------------------------

struct Inform {
  DeviceIdStruct deviceId;
  std::vector<EventStruct> events;
  unsigned maxEnvelopes = 1;
  std::string currentTime;  // dateTime
  unsigned retryCount = 0;
  std::vector<ParameterValueStruct> parameterList;
};

struct TransferComplete {
  std::string commandKey;
  FaultStruct fault;
  std::string startTime;
  std::string completeTime;
};

struct AutonomousTransferComplete {
  std::string announceURL;
  std::string transferURL;
  bool isDownload = true;
  std::string fileType;
  std::uint64_t fileSize = 0;
  std::string targetFileName;
  FaultStruct fault;
  std::string startTime;
  std::string completeTime;
};

struct GetRPCMethods {};  // both directions

struct RequestDownload {
  std::string fileType;
  std::vector<std::pair<std::string, std::string>> fileTypeArg;  // Name, Value
};

using CpeRequest = std::variant<Inform, TransferComplete, AutonomousTransferComplete, GetRPCMethods, RequestDownload>;

// ---- ACS -> CPE requests ---------------------------------------------------------------------------

struct GetParameterNames {
  std::string parameterPath;
  bool nextLevel = false;
};
struct GetParameterValues {
  std::vector<std::string> parameterNames;
};
struct SetParameterValues {
  std::vector<ParameterValueStruct> parameterList;
  std::string parameterKey;
};
struct GetParameterAttributes {
  std::vector<std::string> parameterNames;
};
struct SetParameterAttributesStruct {
  std::string name;
  bool notificationChange = false;
  int notification = 0;
  bool accessListChange = false;
  std::vector<std::string> accessList;
};
struct SetParameterAttributes {
  std::vector<SetParameterAttributesStruct> parameterList;
};
struct AddObject {
  std::string objectName;
  std::string parameterKey;
};
struct DeleteObject {
  std::string objectName;
  std::string parameterKey;
};
struct Reboot {
  std::string commandKey;
};
struct FactoryReset {};
struct ScheduleInform {
  unsigned delaySeconds = 0;
  std::string commandKey;
};
struct Download {
  std::string commandKey;
  std::string fileType;
  std::string url;
  std::string username;
  std::string password;
  std::uint64_t fileSize = 0;
  std::string targetFileName;
  unsigned delaySeconds = 0;
  std::string successURL;
  std::string failureURL;
};
struct Upload {
  std::string commandKey;
  std::string fileType;
  std::string url;
  std::string username;
  std::string password;
  unsigned delaySeconds = 0;
};
struct TimeWindowStruct {
  unsigned windowStart = 0;
  unsigned windowEnd = 0;
  std::string windowMode;  // "1 At Any Time", "2 Immediately", "3 When Idle", "4 Confirmation Needed"
  std::string userMessage;
  int maxRetries = 0;
};
struct ScheduleDownload {
  std::string commandKey;
  std::string fileType;
  std::string url;
  std::string username;
  std::string password;
  std::uint64_t fileSize = 0;
  std::string targetFileName;
  std::vector<TimeWindowStruct> timeWindowList;
};
struct CancelTransfer {
  std::string commandKey;
};
struct GetQueuedTransfers {};
struct GetAllQueuedTransfers {};

using AcsRequest =
    std::variant<GetRPCMethods, GetParameterNames, GetParameterValues, SetParameterValues, GetParameterAttributes,
                 SetParameterAttributes, AddObject, DeleteObject, Reboot, FactoryReset, ScheduleInform, Download,
                 Upload, ScheduleDownload, CancelTransfer, GetQueuedTransfers, GetAllQueuedTransfers>;

// ---- ACS -> CPE responses --------------------------------------------------------------------------

struct InformResponse {
  unsigned maxEnvelopes = 1;
};
struct TransferCompleteResponse {};
struct AutonomousTransferCompleteResponse {};
struct RequestDownloadResponse {};
struct GetRPCMethodsResponse {  // both directions
  std::vector<std::string> methodList;
};

using AcsResponse = std::variant<InformResponse, TransferCompleteResponse, AutonomousTransferCompleteResponse,
                                 RequestDownloadResponse, GetRPCMethodsResponse>;

// ---- CPE -> ACS responses --------------------------------------------------------------------------

struct ParameterInfoStruct {
  std::string name;
  bool writable = false;
};
struct GetParameterNamesResponse {
  std::vector<ParameterInfoStruct> parameterList;
};
struct GetParameterValuesResponse {
  std::vector<ParameterValueStruct> parameterList;
};
struct SetParameterValuesResponse {
  int status = 0;  // 0 applied, 1 applied but takes effect later
};
struct ParameterAttributeStruct {
  std::string name;
  int notification = 0;
  std::vector<std::string> accessList;
};
struct GetParameterAttributesResponse {
  std::vector<ParameterAttributeStruct> parameterList;
};
struct SetParameterAttributesResponse {};
struct AddObjectResponse {
  std::uint32_t instanceNumber = 0;
  int status = 0;
};
struct DeleteObjectResponse {
  int status = 0;
};
struct RebootResponse {};
struct FactoryResetResponse {};
struct ScheduleInformResponse {};
struct DownloadResponse {
  int status = 1;  // 1: not yet done (TransferComplete follows)
  std::string startTime = "0001-01-01T00:00:00Z";
  std::string completeTime = "0001-01-01T00:00:00Z";
};
struct UploadResponse {
  int status = 1;
  std::string startTime = "0001-01-01T00:00:00Z";
  std::string completeTime = "0001-01-01T00:00:00Z";
};
struct ScheduleDownloadResponse {};
struct CancelTransferResponse {};
struct QueuedTransferStruct {
  std::string commandKey;
  int state = 1;  // 1 not yet started, 2 in progress, 3 completed
};
struct GetQueuedTransfersResponse {
  std::vector<QueuedTransferStruct> transferList;
};
struct AllQueuedTransferStruct {
  std::string commandKey;
  int state = 1;
  bool isDownload = true;
  std::string fileType;
  std::uint64_t fileSize = 0;
  std::string targetFileName;
};
struct GetAllQueuedTransfersResponse {
  std::vector<AllQueuedTransferStruct> transferList;
};

using CpeResponse =
    std::variant<GetRPCMethodsResponse, GetParameterNamesResponse, GetParameterValuesResponse,
                 SetParameterValuesResponse, GetParameterAttributesResponse, SetParameterAttributesResponse,
                 AddObjectResponse, DeleteObjectResponse, RebootResponse, FactoryResetResponse,
                 ScheduleInformResponse, DownloadResponse, UploadResponse, ScheduleDownloadResponse,
                 CancelTransferResponse, GetQueuedTransfersResponse, GetAllQueuedTransfersResponse, CwmpFault>;

// ---- envelope ---------------------------------------------------------------------------------------

// SOAP Header elements (TR-069 A6 Table A.3.1 ... 1.4 additions).
struct SoapHeader {
  std::optional<std::string> id;                     // cwmp:ID, echoed in the response
  std::optional<bool> holdRequests;                  // cwmp:HoldRequests (ACS -> CPE)
  std::optional<unsigned> sessionTimeout;            // cwmp:SessionTimeout (CWMP 1.3+)
  std::optional<std::string> supportedCWMPVersions;  // "1.0,1.1,1.2,1.3,1.4" (CPE -> ACS, in Inform)
  std::optional<std::string> useCWMPVersion;         // "1.4" (ACS -> CPE, in InformResponse)
};

// The method name of a message, as on the wire ("GetParameterValues", "InformResponse", "Fault").
template <typename Variant>
std::string methodName(const Variant& message);

}  // namespace cpemu::cwmp
