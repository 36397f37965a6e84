// Realistic CPE messages, one or more for every CpeRequest and CpeResponse alternative, shared by the golden
// and schema tests of the SOAP codec. Values are made up but shaped like a TR-181 (Device:2) gateway's.
#pragma once

#include <string>
#include <vector>

#include "cwmp/messages.h"

namespace cpemu::cwmp::test {

struct SampleCpeRequest {
  std::string label;
  CpeRequest message;
};

struct SampleCpeResponse {
  std::string label;
  CpeResponse message;
};

inline Inform sampleBootstrapInform() {
  Inform m;
  m.deviceId = {"Example Emulated CPE", "0A1B2C", "EmuGateway", "EMU-000001"};
  m.events = {{"0 BOOTSTRAP", ""}, {"1 BOOT", ""}};
  m.maxEnvelopes = 1;
  m.currentTime = "2025-01-01T12:00:00Z";
  m.retryCount = 0;
  m.parameterList = {
      {"Device.RootDataModelVersion", "2.19", "xsd:string"},
      {"Device.DeviceInfo.HardwareVersion", "HW-1.0", "xsd:string"},
      {"Device.DeviceInfo.SoftwareVersion", "1.0.0", "xsd:string"},
      {"Device.DeviceInfo.ProvisioningCode", "", "xsd:string"},
      {"Device.ManagementServer.ParameterKey", "", ""},  // no type: written as xsd:string
      {"Device.ManagementServer.ConnectionRequestURL", "http://192.0.2.10:7547/connreq", "xsd:string"},
      {"Device.ManagementServer.AliasBasedAddressing", "false", "xsd:boolean"},
  };
  return m;
}

inline std::vector<SampleCpeRequest> sampleCpeRequests() {
  std::vector<SampleCpeRequest> samples;
  samples.push_back({"Inform bootstrap", sampleBootstrapInform()});
  {
    Inform m = sampleBootstrapInform();
    m.events = {{"2 PERIODIC", ""},
                {"4 VALUE CHANGE", ""},
                {"M Download", "fw-17"},
                {"7 TRANSFER COMPLETE", ""},
                {"X 0A1B2C Reconfigured", "k&1"}};
    m.retryCount = 3;
    m.parameterList.push_back({"Device.DeviceInfo.UpTime", "3600", "xsd:unsignedInt"});
    m.parameterList.push_back({"Device.WiFi.SSID.1.SSID", "Caf\xC3\xA9 <guest> & \"friends\"", "xsd:string"});
    m.parameterList.push_back({"Device.Time.CurrentLocalTime", "2025-01-01T13:00:00+01:00", "xsd:dateTime"});
    samples.push_back({"Inform periodic with value change", std::move(m)});
  }
  {
    Inform m = sampleBootstrapInform();
    m.events = {};
    m.parameterList = {};
    samples.push_back({"Inform with empty arrays", std::move(m)});
  }
  samples.push_back({"TransferComplete success",
                     TransferComplete{"fw-17", {0, ""}, "2025-01-01T12:00:05Z", "2025-01-01T12:01:40Z"}});
  samples.push_back({"TransferComplete failure",
                     TransferComplete{"fw-18", {9010, ""}, "2025-01-01T12:00:05Z", "0001-01-01T00:00:00Z"}});
  {
    AutonomousTransferComplete m;
    m.announceURL = "";
    m.transferURL = "http://files.example.net/fw/emu-1.0.1.bin";
    m.isDownload = true;
    m.fileType = "1 Firmware Upgrade Image";
    m.fileSize = 7340032;
    m.targetFileName = "emu-1.0.1.bin";
    m.fault = {0, ""};
    m.startTime = "2025-01-01T12:00:05Z";
    m.completeTime = "2025-01-01T12:01:40Z";
    samples.push_back({"AutonomousTransferComplete", std::move(m)});
  }
  samples.push_back({"GetRPCMethods", GetRPCMethods{}});
  samples.push_back({"RequestDownload", RequestDownload{"3 Vendor Configuration File",
                                                        {{"Version", "2"}, {"Profile", "home"}}}});
  samples.push_back({"RequestDownload without arguments", RequestDownload{"1 Firmware Upgrade Image", {}}});
  return samples;
}

inline std::vector<SampleCpeResponse> sampleCpeResponses() {
  std::vector<SampleCpeResponse> samples;
  samples.push_back(
      {"GetRPCMethodsResponse",
       GetRPCMethodsResponse{{"GetRPCMethods", "SetParameterValues", "GetParameterValues",
                              "GetParameterNames", "SetParameterAttributes", "GetParameterAttributes",
                              "AddObject", "DeleteObject", "Reboot", "Download", "Upload", "FactoryReset",
                              "ScheduleInform", "GetQueuedTransfers", "GetAllQueuedTransfers",
                              "ScheduleDownload", "CancelTransfer"}}});
  samples.push_back(
      {"GetParameterNamesResponse", GetParameterNamesResponse{{{"Device.DeviceInfo.", false},
                                                               {"Device.DeviceInfo.ProvisioningCode", true},
                                                               {"Device.DeviceInfo.UpTime", false}}}});
  samples.push_back({"GetParameterNamesResponse empty", GetParameterNamesResponse{}});
  samples.push_back(
      {"GetParameterValuesResponse",
       GetParameterValuesResponse{
           {{"Device.DeviceInfo.Manufacturer", "Example Emulated CPE", "xsd:string"},
            {"Device.DeviceInfo.UpTime", "86400", "xsd:unsignedInt"},
            {"Device.Ethernet.Interface.1.Enable", "true", "xsd:boolean"},
            {"Device.Ethernet.Interface.1.MaxBitRate", "-1", "xsd:int"},
            {"Device.Ethernet.Interface.1.Stats.BytesSent", "18446744073709551615", "xsd:unsignedLong"},
            {"Device.DeviceInfo.ProvisioningCode", "", "xsd:string"},
            {"Device.Security.Certificate.1.Signature", "AAEC", "xsd:base64Binary"}}}});
  samples.push_back({"SetParameterValuesResponse", SetParameterValuesResponse{0}});
  samples.push_back({"SetParameterValuesResponse not yet applied", SetParameterValuesResponse{1}});
  samples.push_back({"GetParameterAttributesResponse",
                     GetParameterAttributesResponse{{{"Device.DeviceInfo.SoftwareVersion", 2, {}},
                                                     {"Device.WiFi.SSID.1.SSID", 0, {"Subscriber"}}}}});
  samples.push_back({"SetParameterAttributesResponse", SetParameterAttributesResponse{}});
  samples.push_back({"AddObjectResponse", AddObjectResponse{3, 0}});
  samples.push_back({"DeleteObjectResponse", DeleteObjectResponse{0}});
  samples.push_back({"RebootResponse", RebootResponse{}});
  samples.push_back({"FactoryResetResponse", FactoryResetResponse{}});
  samples.push_back({"ScheduleInformResponse", ScheduleInformResponse{}});
  samples.push_back({"DownloadResponse pending", DownloadResponse{}});
  samples.push_back(
      {"DownloadResponse done", DownloadResponse{0, "2025-01-01T12:00:05Z", "2025-01-01T12:01:40Z"}});
  samples.push_back({"UploadResponse", UploadResponse{}});
  samples.push_back({"ScheduleDownloadResponse", ScheduleDownloadResponse{}});
  samples.push_back({"CancelTransferResponse", CancelTransferResponse{}});
  samples.push_back({"GetQueuedTransfersResponse", GetQueuedTransfersResponse{{{"fw-17", 2}, {"cfg-3", 1}}}});
  samples.push_back(
      {"GetAllQueuedTransfersResponse",
       GetAllQueuedTransfersResponse{{{"fw-17", 2, true, "1 Firmware Upgrade Image", 7340032, "emu.bin"},
                                      {"", 3, false, "4 Vendor Log File", 0, ""}}}});
  samples.push_back({"Fault 9000", CwmpFault{9000, "", {}, ""}});
  samples.push_back(
      {"Fault 9003 with SetParameterValuesFault",
       CwmpFault{9003,
                 "Invalid arguments",
                 {{"Device.WiFi.SSID.1.SSID", 9007, "Invalid parameter value: longer than 32 characters"},
                  {"Device.DeviceInfo.UpTime", 9008, ""}},
                 ""}});
  samples.push_back({"Fault MustUnderstand",
                     CwmpFault{9003, "Invalid arguments: header not understood", {}, "MustUnderstand"}});
  samples.push_back({"Fault vendor", CwmpFault{9801, "X_EXAMPLE vendor fault", {}, ""}});
  return samples;
}

}  // namespace cpemu::cwmp::test
