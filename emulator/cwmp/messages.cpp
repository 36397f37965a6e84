#include "cwmp/messages.h"

#include <string_view>

namespace cpemu::cwmp {

namespace {

// The element name of each message in the SOAP Body (TR-069 A6 Annex A.3-A.4, cwmp-1-2.xsd).
std::string_view wireName(const Inform&) {
  return "Inform";
}
std::string_view wireName(const TransferComplete&) {
  return "TransferComplete";
}
std::string_view wireName(const AutonomousTransferComplete&) {
  return "AutonomousTransferComplete";
}
std::string_view wireName(const GetRPCMethods&) {
  return "GetRPCMethods";
}
std::string_view wireName(const RequestDownload&) {
  return "RequestDownload";
}

std::string_view wireName(const GetParameterNames&) {
  return "GetParameterNames";
}
std::string_view wireName(const GetParameterValues&) {
  return "GetParameterValues";
}
std::string_view wireName(const SetParameterValues&) {
  return "SetParameterValues";
}
std::string_view wireName(const GetParameterAttributes&) {
  return "GetParameterAttributes";
}
std::string_view wireName(const SetParameterAttributes&) {
  return "SetParameterAttributes";
}
std::string_view wireName(const AddObject&) {
  return "AddObject";
}
std::string_view wireName(const DeleteObject&) {
  return "DeleteObject";
}
std::string_view wireName(const Reboot&) {
  return "Reboot";
}
std::string_view wireName(const FactoryReset&) {
  return "FactoryReset";
}
std::string_view wireName(const ScheduleInform&) {
  return "ScheduleInform";
}
std::string_view wireName(const Download&) {
  return "Download";
}
std::string_view wireName(const Upload&) {
  return "Upload";
}
std::string_view wireName(const ScheduleDownload&) {
  return "ScheduleDownload";
}
std::string_view wireName(const CancelTransfer&) {
  return "CancelTransfer";
}
std::string_view wireName(const GetQueuedTransfers&) {
  return "GetQueuedTransfers";
}
std::string_view wireName(const GetAllQueuedTransfers&) {
  return "GetAllQueuedTransfers";
}

std::string_view wireName(const InformResponse&) {
  return "InformResponse";
}
std::string_view wireName(const TransferCompleteResponse&) {
  return "TransferCompleteResponse";
}
std::string_view wireName(const AutonomousTransferCompleteResponse&) {
  return "AutonomousTransferCompleteResponse";
}
std::string_view wireName(const RequestDownloadResponse&) {
  return "RequestDownloadResponse";
}
std::string_view wireName(const GetRPCMethodsResponse&) {
  return "GetRPCMethodsResponse";
}

std::string_view wireName(const GetParameterNamesResponse&) {
  return "GetParameterNamesResponse";
}
std::string_view wireName(const GetParameterValuesResponse&) {
  return "GetParameterValuesResponse";
}
std::string_view wireName(const SetParameterValuesResponse&) {
  return "SetParameterValuesResponse";
}
std::string_view wireName(const GetParameterAttributesResponse&) {
  return "GetParameterAttributesResponse";
}
std::string_view wireName(const SetParameterAttributesResponse&) {
  return "SetParameterAttributesResponse";
}
std::string_view wireName(const AddObjectResponse&) {
  return "AddObjectResponse";
}
std::string_view wireName(const DeleteObjectResponse&) {
  return "DeleteObjectResponse";
}
std::string_view wireName(const RebootResponse&) {
  return "RebootResponse";
}
std::string_view wireName(const FactoryResetResponse&) {
  return "FactoryResetResponse";
}
std::string_view wireName(const ScheduleInformResponse&) {
  return "ScheduleInformResponse";
}
std::string_view wireName(const DownloadResponse&) {
  return "DownloadResponse";
}
std::string_view wireName(const UploadResponse&) {
  return "UploadResponse";
}
std::string_view wireName(const ScheduleDownloadResponse&) {
  return "ScheduleDownloadResponse";
}
std::string_view wireName(const CancelTransferResponse&) {
  return "CancelTransferResponse";
}
std::string_view wireName(const GetQueuedTransfersResponse&) {
  return "GetQueuedTransfersResponse";
}
std::string_view wireName(const GetAllQueuedTransfersResponse&) {
  return "GetAllQueuedTransfersResponse";
}

// A SOAP Fault is the body element soap-env:Fault (TR-069 A6 §A.5).
std::string_view wireName(const CwmpFault&) {
  return "Fault";
}

// Nested variants (IncomingMessage::body holds AcsRequest/AcsResponse) are looked through.
template <typename... Alternatives>
std::string_view wireName(const std::variant<Alternatives...>& message) {
  return std::visit([](const auto& alternative) { return wireName(alternative); }, message);
}

}  // namespace

template <typename Variant>
std::string methodName(const Variant& message) {
  return std::string(wireName(message));
}

// Every message variant the protocol code uses; a new one needs its line here.
template std::string methodName<CpeRequest>(const CpeRequest&);
template std::string methodName<AcsRequest>(const AcsRequest&);
template std::string methodName<AcsResponse>(const AcsResponse&);
template std::string methodName<CpeResponse>(const CpeResponse&);
template std::string methodName<std::variant<AcsRequest, AcsResponse, CwmpFault>>(
    const std::variant<AcsRequest, AcsResponse, CwmpFault>&);

}  // namespace cpemu::cwmp
