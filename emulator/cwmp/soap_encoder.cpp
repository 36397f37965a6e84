// Encoding of CPE messages (TR-069 A6 Annex A.3-A.4) into SOAP 1.1 envelopes. Element order and names follow
// cwmp-1-2.xsd; every message here validates against it (tests/cwmp/codec_schema_test.cpp).
#include "cwmp/soap_codec.h"

#include <variant>

#include "cwmp/soap_envelope_writer.h"

namespace cpemu::cwmp {

namespace {

void writeParameterValueList(SoapEnvelopeWriter& w, const std::vector<ParameterValueStruct>& list) {
  w.openArray("ParameterList", "cwmp:ParameterValueStruct", list.size());
  for (const ParameterValueStruct& p : list) {
    w.open("ParameterValueStruct");
    w.text("Name", p.name);
    w.typedValue("Value", p.type, p.value);  // TR-069 A6 §A.2.1: every Value carries xsi:type
    w.close("ParameterValueStruct");
  }
  w.close("ParameterList");
}

void writeStringArray(SoapEnvelopeWriter& w, std::string_view tag, const std::vector<std::string>& items) {
  w.openArray(tag, "xsd:string", items.size());
  for (const std::string& item : items) w.text("string", item);
  w.close(tag);
}

// FaultStruct of TransferComplete/AutonomousTransferComplete: FaultCode 0 and an empty string on success.
void writeTransferFault(SoapEnvelopeWriter& w, const FaultStruct& fault) {
  w.open("FaultStruct");
  w.number("FaultCode", fault.faultCode);
  w.text("FaultString", fault.faultCode != 0 && fault.faultString.empty()
                            ? standardFaultString(fault.faultCode)
                            : std::string_view(fault.faultString));
  w.close("FaultStruct");
}

// ---- CPE -> ACS requests ----

void write(SoapEnvelopeWriter& w, const Inform& m) {
  w.open("cwmp:Inform");
  w.open("DeviceId");
  w.text("Manufacturer", m.deviceId.manufacturer);
  w.text("OUI", m.deviceId.oui);
  w.text("ProductClass", m.deviceId.productClass);
  w.text("SerialNumber", m.deviceId.serialNumber);
  w.close("DeviceId");
  w.openArray("Event", "cwmp:EventStruct", m.events.size());
  for (const EventStruct& e : m.events) {
    w.open("EventStruct");
    w.text("EventCode", e.eventCode);
    w.text("CommandKey", e.commandKey);
    w.close("EventStruct");
  }
  w.close("Event");
  w.number("MaxEnvelopes", m.maxEnvelopes);
  w.text("CurrentTime", m.currentTime);
  w.number("RetryCount", m.retryCount);
  writeParameterValueList(w, m.parameterList);
  w.close("cwmp:Inform");
}

void write(SoapEnvelopeWriter& w, const TransferComplete& m) {
  w.open("cwmp:TransferComplete");
  w.text("CommandKey", m.commandKey);
  writeTransferFault(w, m.fault);
  w.text("StartTime", m.startTime);
  w.text("CompleteTime", m.completeTime);
  w.close("cwmp:TransferComplete");
}

void write(SoapEnvelopeWriter& w, const AutonomousTransferComplete& m) {
  w.open("cwmp:AutonomousTransferComplete");
  w.text("AnnounceURL", m.announceURL);
  w.text("TransferURL", m.transferURL);
  w.boolean("IsDownload", m.isDownload);
  w.text("FileType", m.fileType);
  w.number("FileSize", m.fileSize);
  w.text("TargetFileName", m.targetFileName);
  writeTransferFault(w, m.fault);
  w.text("StartTime", m.startTime);
  w.text("CompleteTime", m.completeTime);
  w.close("cwmp:AutonomousTransferComplete");
}

void write(SoapEnvelopeWriter& w, const GetRPCMethods&) {
  w.open("cwmp:GetRPCMethods");
  w.close("cwmp:GetRPCMethods");
}

void write(SoapEnvelopeWriter& w, const RequestDownload& m) {
  w.open("cwmp:RequestDownload");
  w.text("FileType", m.fileType);
  w.openArray("FileTypeArg", "cwmp:ArgStruct", m.fileTypeArg.size());
  for (const auto& [name, value] : m.fileTypeArg) {
    w.open("ArgStruct");
    w.text("Name", name);
    w.text("Value", value);
    w.close("ArgStruct");
  }
  w.close("FileTypeArg");
  w.close("cwmp:RequestDownload");
}

// ---- CPE -> ACS responses ----

void write(SoapEnvelopeWriter& w, const GetRPCMethodsResponse& m) {
  w.open("cwmp:GetRPCMethodsResponse");
  writeStringArray(w, "MethodList", m.methodList);
  w.close("cwmp:GetRPCMethodsResponse");
}

void write(SoapEnvelopeWriter& w, const GetParameterNamesResponse& m) {
  w.open("cwmp:GetParameterNamesResponse");
  w.openArray("ParameterList", "cwmp:ParameterInfoStruct", m.parameterList.size());
  for (const ParameterInfoStruct& p : m.parameterList) {
    w.open("ParameterInfoStruct");
    w.text("Name", p.name);
    w.boolean("Writable", p.writable);
    w.close("ParameterInfoStruct");
  }
  w.close("ParameterList");
  w.close("cwmp:GetParameterNamesResponse");
}

void write(SoapEnvelopeWriter& w, const GetParameterValuesResponse& m) {
  w.open("cwmp:GetParameterValuesResponse");
  writeParameterValueList(w, m.parameterList);
  w.close("cwmp:GetParameterValuesResponse");
}

void write(SoapEnvelopeWriter& w, const SetParameterValuesResponse& m) {
  w.open("cwmp:SetParameterValuesResponse");
  w.signedNumber("Status", m.status);
  w.close("cwmp:SetParameterValuesResponse");
}

void write(SoapEnvelopeWriter& w, const GetParameterAttributesResponse& m) {
  w.open("cwmp:GetParameterAttributesResponse");
  w.openArray("ParameterList", "cwmp:ParameterAttributeStruct", m.parameterList.size());
  for (const ParameterAttributeStruct& p : m.parameterList) {
    w.open("ParameterAttributeStruct");
    w.text("Name", p.name);
    w.signedNumber("Notification", p.notification);
    writeStringArray(w, "AccessList", p.accessList);
    w.close("ParameterAttributeStruct");
  }
  w.close("ParameterList");
  w.close("cwmp:GetParameterAttributesResponse");
}

void write(SoapEnvelopeWriter& w, const SetParameterAttributesResponse&) {
  w.open("cwmp:SetParameterAttributesResponse");
  w.close("cwmp:SetParameterAttributesResponse");
}

void write(SoapEnvelopeWriter& w, const AddObjectResponse& m) {
  w.open("cwmp:AddObjectResponse");
  w.number("InstanceNumber", m.instanceNumber);
  w.signedNumber("Status", m.status);
  w.close("cwmp:AddObjectResponse");
}

void write(SoapEnvelopeWriter& w, const DeleteObjectResponse& m) {
  w.open("cwmp:DeleteObjectResponse");
  w.signedNumber("Status", m.status);
  w.close("cwmp:DeleteObjectResponse");
}

void write(SoapEnvelopeWriter& w, const RebootResponse&) {
  w.open("cwmp:RebootResponse");
  w.close("cwmp:RebootResponse");
}

void write(SoapEnvelopeWriter& w, const FactoryResetResponse&) {
  w.open("cwmp:FactoryResetResponse");
  w.close("cwmp:FactoryResetResponse");
}

void write(SoapEnvelopeWriter& w, const ScheduleInformResponse&) {
  w.open("cwmp:ScheduleInformResponse");
  w.close("cwmp:ScheduleInformResponse");
}

void write(SoapEnvelopeWriter& w, const DownloadResponse& m) {
  w.open("cwmp:DownloadResponse");
  w.signedNumber("Status", m.status);
  w.text("StartTime", m.startTime);
  w.text("CompleteTime", m.completeTime);
  w.close("cwmp:DownloadResponse");
}

void write(SoapEnvelopeWriter& w, const UploadResponse& m) {
  w.open("cwmp:UploadResponse");
  w.signedNumber("Status", m.status);
  w.text("StartTime", m.startTime);
  w.text("CompleteTime", m.completeTime);
  w.close("cwmp:UploadResponse");
}

void write(SoapEnvelopeWriter& w, const ScheduleDownloadResponse&) {
  w.open("cwmp:ScheduleDownloadResponse");
  w.close("cwmp:ScheduleDownloadResponse");
}

void write(SoapEnvelopeWriter& w, const CancelTransferResponse&) {
  w.open("cwmp:CancelTransferResponse");
  w.close("cwmp:CancelTransferResponse");
}

void write(SoapEnvelopeWriter& w, const GetQueuedTransfersResponse& m) {
  w.open("cwmp:GetQueuedTransfersResponse");
  w.openArray("TransferList", "cwmp:QueuedTransferStruct", m.transferList.size());
  for (const QueuedTransferStruct& t : m.transferList) {
    w.open("QueuedTransferStruct");
    w.text("CommandKey", t.commandKey);
    w.signedNumber("State", t.state);
    w.close("QueuedTransferStruct");
  }
  w.close("TransferList");
  w.close("cwmp:GetQueuedTransfersResponse");
}

void write(SoapEnvelopeWriter& w, const GetAllQueuedTransfersResponse& m) {
  w.open("cwmp:GetAllQueuedTransfersResponse");
  w.openArray("TransferList", "cwmp:AllQueuedTransferStruct", m.transferList.size());
  for (const AllQueuedTransferStruct& t : m.transferList) {
    w.open("AllQueuedTransferStruct");
    w.text("CommandKey", t.commandKey);
    w.signedNumber("State", t.state);
    w.boolean("IsDownload", t.isDownload);
    w.text("FileType", t.fileType);
    w.number("FileSize", t.fileSize);
    w.text("TargetFileName", t.targetFileName);
    w.close("AllQueuedTransferStruct");
  }
  w.close("TransferList");
  w.close("cwmp:GetAllQueuedTransfersResponse");
}

// TR-069 A6 §A.5: a CWMP fault is a SOAP Fault whose faultcode is Client or Server, whose faultstring is
// "CWMP fault", and whose detail holds cwmp:Fault with the CWMP code, its string and, for SetParameterValues,
// one SetParameterValuesFault per rejected parameter.
void write(SoapEnvelopeWriter& w, const CwmpFault& m) {
  w.open("soap-env:Fault");
  w.text("faultcode",
         m.soapFaultCode.empty() ? soapFaultCodeFor(m.faultCode) : std::string_view(m.soapFaultCode));
  w.text("faultstring", "CWMP fault");
  w.open("detail");
  w.open("cwmp:Fault");
  w.number("FaultCode", m.faultCode);
  w.text("FaultString",
         m.faultString.empty() ? standardFaultString(m.faultCode) : std::string_view(m.faultString));
  for (const SetParameterValuesFault& f : m.setParameterValuesFaults) {
    w.open("SetParameterValuesFault");
    w.text("ParameterName", f.parameterName);
    w.number("FaultCode", f.faultCode);
    w.text("FaultString",
           f.faultString.empty() ? standardFaultString(f.faultCode) : std::string_view(f.faultString));
    w.close("SetParameterValuesFault");
  }
  w.close("cwmp:Fault");
  w.close("detail");
  w.close("soap-env:Fault");
}

template <typename Variant>
std::string encode(const Variant& message, CwmpVersion version, const SoapHeader& header) {
  SoapEnvelopeWriter writer(version, header);
  std::visit([&writer](const auto& m) { write(writer, m); }, message);
  return std::move(writer).finish();
}

}  // namespace

std::string encodeCpeRequest(const CpeRequest& request, CwmpVersion version, const SoapHeader& header) {
  return encode(request, version, header);
}

std::string encodeCpeResponse(const CpeResponse& response, CwmpVersion version, const SoapHeader& header) {
  return encode(response, version, header);
}

}  // namespace cpemu::cwmp
