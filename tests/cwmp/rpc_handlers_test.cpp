// The CPE's RPC handlers against a real gateway device (profiles/gateway.yaml over our data models):
// each RPC's success path and its CWMP faults, without SOAP or HTTP in between.
#include <gtest/gtest.h>

#include "cwmp/rpc/rpc_dispatcher.h"
#include "datamodel/model_loader.h"
#include "profile/device_template.h"
#include "profile/profile_loader.h"
#include "support/shipped_profiles.h"
#include "support/test_paths.h"

namespace cpemu::cwmp::rpc {
namespace {

class RpcHandlers : public ::testing::Test {
 protected:
  static std::shared_ptr<const profile::DeviceTemplate> gateway() { return test::shippedProfile("gateway.yaml"); }

  device::Device device{gateway(), 1};
  Context context{device, {}, device::TimePoint(std::chrono::seconds(1'000'000))};

  template <typename Request>
  CpeResponse call(const Request& r) {
    return dispatch(context, AcsRequest{r});
  }
  std::string value(const std::string& path) { return device.tree().get(path, datamodel::ReadView::Device).value; }
};

TEST_F(RpcHandlers, GetRPCMethods_ListsEveryCpeMethod) {
  auto r = std::get<GetRPCMethodsResponse>(call(GetRPCMethods{}));
  for (const char* m : {"GetRPCMethods", "SetParameterValues", "GetParameterValues", "GetParameterNames",
                        "SetParameterAttributes", "GetParameterAttributes", "AddObject", "DeleteObject", "Reboot",
                        "Download", "Upload", "FactoryReset", "GetQueuedTransfers", "GetAllQueuedTransfers",
                        "ScheduleInform", "ScheduleDownload", "CancelTransfer"})
    EXPECT_NE(std::find(r.methodList.begin(), r.methodList.end(), m), r.methodList.end()) << m;
}

TEST_F(RpcHandlers, GetParameterValues_PartialPathReturnsTypedValues) {
  auto r = std::get<GetParameterValuesResponse>(call(GetParameterValues{{"Device.DeviceInfo."}}));
  ASSERT_GT(r.parameterList.size(), 10u);
  bool sawUptime = false;
  for (const auto& p : r.parameterList) {
    EXPECT_TRUE(p.name.starts_with("Device.DeviceInfo."));
    if (p.name == "Device.DeviceInfo.UpTime") {
      sawUptime = true;
      EXPECT_EQ(p.type, "xsd:unsignedInt");
    }
  }
  EXPECT_TRUE(sawUptime);
}

TEST_F(RpcHandlers, GetParameterValues_OneUnknownNameFaultsTheRequestWith9005) {
  auto r = call(GetParameterValues{{"Device.DeviceInfo.Manufacturer", "Device.NoSuchThing."}});
  auto& f = std::get<CwmpFault>(r);
  EXPECT_EQ(f.faultCode, 9005u);
  EXPECT_NE(f.faultString.find("Device.NoSuchThing."), std::string::npos);
}

TEST_F(RpcHandlers, GetParameterValues_SecuredValuesReadEmpty) {
  auto r = std::get<GetParameterValuesResponse>(call(GetParameterValues{{"Device.ManagementServer.ConnectionRequestPassword"}}));
  ASSERT_EQ(r.parameterList.size(), 1u);
  EXPECT_EQ(r.parameterList[0].value, "");
  EXPECT_FALSE(value("Device.ManagementServer.ConnectionRequestPassword").empty());
}

TEST_F(RpcHandlers, GetParameterNames_NextLevelListsChildrenWithWritability) {
  auto r = std::get<GetParameterNamesResponse>(call(GetParameterNames{"Device.NAT.", true}));
  bool table = false;
  for (const auto& p : r.parameterList)
    if (p.name == "Device.NAT.PortMapping.") {
      table = true;
      EXPECT_TRUE(p.writable);
    }
  EXPECT_TRUE(table);
  auto bad = std::get<CwmpFault>(call(GetParameterNames{"Device.DeviceInfo.Manufacturer", true}));
  EXPECT_EQ(bad.faultCode, 9003u);
}

TEST_F(RpcHandlers, SetParameterValues_AppliesAllAndUpdatesParameterKey) {
  SetParameterValues req{{{"Device.ManagementServer.PeriodicInformInterval", "60", "xsd:unsignedInt"},
                          {"Device.DeviceInfo.ProvisioningCode", "ISP.1", "xsd:string"}},
                         "key-1"};
  auto r = std::get<SetParameterValuesResponse>(call(req));
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(value("Device.ManagementServer.PeriodicInformInterval"), "60");
  EXPECT_EQ(value("Device.DeviceInfo.ProvisioningCode"), "ISP.1");
  EXPECT_EQ(value("Device.ManagementServer.ParameterKey"), "key-1");
}

TEST_F(RpcHandlers, SetParameterValues_RollsBackAllOnOneInvalidValueAndReportsEachFailure) {
  std::string before = value("Device.ManagementServer.PeriodicInformInterval");
  std::string keyBefore = value("Device.ManagementServer.ParameterKey");
  SetParameterValues req{{{"Device.ManagementServer.PeriodicInformInterval", "77", "xsd:unsignedInt"},
                          {"Device.ManagementServer.PeriodicInformEnable", "maybe", "xsd:boolean"},
                          {"Device.DeviceInfo.Manufacturer", "x", "xsd:string"},
                          {"Device.Nope", "1", "xsd:string"},
                          {"Device.ManagementServer.CWMPRetryMinimumWaitInterval", "0", "xsd:unsignedInt"},
                          {"Device.DeviceInfo.ProvisioningCode", "1", "xsd:int"}},
                         "key-2"};
  auto f = std::get<CwmpFault>(call(req));
  EXPECT_EQ(f.faultCode, 9003u);
  std::map<std::string, unsigned> codes;
  for (const auto& e : f.setParameterValuesFaults) codes[e.parameterName] = e.faultCode;
  EXPECT_EQ(codes["Device.ManagementServer.PeriodicInformEnable"], 9006u);
  EXPECT_EQ(codes["Device.DeviceInfo.Manufacturer"], 9008u);
  EXPECT_EQ(codes["Device.Nope"], 9005u);
  EXPECT_EQ(codes["Device.ManagementServer.CWMPRetryMinimumWaitInterval"], 9007u);
  EXPECT_EQ(codes["Device.DeviceInfo.ProvisioningCode"], 9006u);  // xsi:type disagrees with the model
  EXPECT_EQ(codes.count("Device.ManagementServer.PeriodicInformInterval"), 0u);
  EXPECT_EQ(value("Device.ManagementServer.PeriodicInformInterval"), before);
  EXPECT_EQ(value("Device.ManagementServer.ParameterKey"), keyBefore);
}

TEST_F(RpcHandlers, SetParameterValues_DuplicateNameIsInvalidArguments) {
  SetParameterValues req{{{"Device.DeviceInfo.ProvisioningCode", "a", ""}, {"Device.DeviceInfo.ProvisioningCode", "b", ""}}, "k"};
  EXPECT_EQ(std::get<CwmpFault>(call(req)).faultCode, 9003u);
}

TEST_F(RpcHandlers, SetParameterValues_LenientTypesWhenProfileAsks) {
  context.options.strictTypes = false;
  SetParameterValues req{{{"Device.ManagementServer.PeriodicInformInterval", "90", "xsd:string"}}, "k"};
  EXPECT_TRUE(std::holds_alternative<SetParameterValuesResponse>(call(req)));
  EXPECT_EQ(value("Device.ManagementServer.PeriodicInformInterval"), "90");
}

TEST_F(RpcHandlers, Attributes_SetThenGetNotificationAndAccessList) {
  SetParameterAttributes set{{{"Device.ManagementServer.PeriodicInformInterval", true, 2, true, {"Subscriber"}}}};
  ASSERT_TRUE(std::holds_alternative<SetParameterAttributesResponse>(call(set)));
  auto r = std::get<GetParameterAttributesResponse>(
      call(GetParameterAttributes{{"Device.ManagementServer.PeriodicInformInterval"}}));
  ASSERT_EQ(r.parameterList.size(), 1u);
  EXPECT_EQ(r.parameterList[0].notification, 2);
  ASSERT_EQ(r.parameterList[0].accessList.size(), 1u);
  EXPECT_EQ(r.parameterList[0].accessList[0], "Subscriber");
}

TEST_F(RpcHandlers, SetParameterAttributes_TurningOffAForceEnabledNotificationIs9009) {
  // TR-181 marks SoftwareVersion activeNotify="forceEnabled": it always reports 2.
  SetParameterAttributes set{{{"Device.DeviceInfo.SoftwareVersion", true, 0, false, {}}}};
  EXPECT_EQ(std::get<CwmpFault>(call(set)).faultCode, 9009u);
  auto r = std::get<GetParameterAttributesResponse>(call(GetParameterAttributes{{"Device.DeviceInfo.SoftwareVersion"}}));
  EXPECT_EQ(r.parameterList.at(0).notification, 2);
}

TEST_F(RpcHandlers, SetParameterAttributes_PartialPathAppliesToEveryParameterBeneath) {
  SetParameterAttributes set{{{"Device.Time.", true, 1, false, {}}}};
  ASSERT_TRUE(std::holds_alternative<SetParameterAttributesResponse>(call(set)));
  auto r = std::get<GetParameterAttributesResponse>(call(GetParameterAttributes{{"Device.Time."}}));
  ASSERT_FALSE(r.parameterList.empty());
  for (const auto& a : r.parameterList) EXPECT_EQ(a.notification, 1) << a.name;
}

TEST_F(RpcHandlers, SetParameterAttributes_ActiveOnCanDenyParameterIs9009AndChangesNothing) {
  // Any parameter whose model says activeNotify="canDeny" (TR-181 marks counters and uptime so).
  std::string canDeny;
  device.tree().forEachParameter([&](const std::string& path, const datamodel::ParameterDef& def, std::string_view) {
    if (canDeny.empty() && def.activeNotify == datamodel::ActiveNotify::CanDeny) canDeny = path;
  });
  ASSERT_FALSE(canDeny.empty());
  const std::string normal = "Device.ManagementServer.PeriodicInformInterval";
  ASSERT_EQ(device.tree().notification(normal).value, 0);
  SetParameterAttributes set{{{normal, true, 1, false, {}}, {canDeny, true, 2, false, {}}}};
  EXPECT_EQ(std::get<CwmpFault>(call(set)).faultCode, 9009u);
  EXPECT_EQ(device.tree().notification(normal).value, 0);
}

TEST_F(RpcHandlers, AddAndDeleteObject_NumbersNeverReusedAndKeyUpdated) {
  auto a = std::get<AddObjectResponse>(call(AddObject{"Device.NAT.PortMapping.", "add-1"}));
  auto b = std::get<AddObjectResponse>(call(AddObject{"Device.NAT.PortMapping.", "add-2"}));
  EXPECT_EQ(b.instanceNumber, a.instanceNumber + 1);
  EXPECT_EQ(value("Device.ManagementServer.ParameterKey"), "add-2");
  auto d = std::get<DeleteObjectResponse>(call(DeleteObject{"Device.NAT.PortMapping." + std::to_string(b.instanceNumber) + ".", "del-1"}));
  EXPECT_EQ(d.status, 0);
  EXPECT_EQ(value("Device.ManagementServer.ParameterKey"), "del-1");
  auto c = std::get<AddObjectResponse>(call(AddObject{"Device.NAT.PortMapping.", "add-3"}));
  EXPECT_EQ(c.instanceNumber, b.instanceNumber + 1);
}

TEST_F(RpcHandlers, AddObject_FaultsOnNonTablesAndReadOnlyTables) {
  EXPECT_EQ(std::get<CwmpFault>(call(AddObject{"Device.DeviceInfo.", "k"})).faultCode, 9005u);
  EXPECT_EQ(std::get<CwmpFault>(call(AddObject{"Device.NAT.PortMapping", "k"})).faultCode, 9005u);
  EXPECT_EQ(std::get<CwmpFault>(call(AddObject{"Device.Hosts.Host.", "k"})).faultCode, 9005u);
  EXPECT_EQ(std::get<CwmpFault>(call(DeleteObject{"Device.NAT.PortMapping.999.", "k"})).faultCode, 9005u);
}

TEST_F(RpcHandlers, RebootFactoryResetScheduleInform_AreDeferredUntilAfterTheSession) {
  EXPECT_TRUE(std::holds_alternative<RebootResponse>(call(Reboot{"r-1"})));
  EXPECT_EQ(device.pending().reboot, "r-1");
  EXPECT_TRUE(std::holds_alternative<FactoryResetResponse>(call(FactoryReset{})));
  EXPECT_TRUE(device.pending().factoryReset);
  EXPECT_TRUE(std::holds_alternative<ScheduleInformResponse>(call(ScheduleInform{30, "s-1"})));
  ASSERT_EQ(device.scheduledInforms().size(), 1u);
  EXPECT_EQ(device.scheduledInforms()[0].due, device::TimePoint(std::chrono::seconds(1'000'030)));
  EXPECT_EQ(device.scheduledInforms()[0].commandKey, "s-1");
  EXPECT_EQ(std::get<CwmpFault>(call(ScheduleInform{0, "s-2"})).faultCode, 9003u);
}

TEST_F(RpcHandlers, Transfers_QueuedListedAndCancelled) {
  Download dl;
  dl.commandKey = "fw-1";
  dl.fileType = "1 Firmware Upgrade Image";
  dl.url = "http://127.0.0.1:1/fw.bin";
  dl.fileSize = 1234;
  auto r = std::get<DownloadResponse>(call(dl));
  EXPECT_EQ(r.status, 1);
  Upload up;
  up.commandKey = "log-1";
  up.fileType = "2 Vendor Log File";
  up.url = "http://127.0.0.1:1/upload";
  EXPECT_TRUE(std::holds_alternative<UploadResponse>(call(up)));
  auto all = std::get<GetAllQueuedTransfersResponse>(call(GetAllQueuedTransfers{}));
  ASSERT_EQ(all.transferList.size(), 2u);
  EXPECT_TRUE(all.transferList[0].isDownload);
  EXPECT_EQ(all.transferList[0].fileSize, 1234u);
  EXPECT_FALSE(all.transferList[1].isDownload);
  EXPECT_EQ(std::get<GetQueuedTransfersResponse>(call(GetQueuedTransfers{})).transferList.size(), 2u);
  EXPECT_TRUE(std::holds_alternative<CancelTransferResponse>(call(CancelTransfer{"fw-1"})));
  EXPECT_EQ(std::get<CwmpFault>(call(CancelTransfer{"fw-1"})).faultCode, 9003u);
  device::Transfer busy;
  busy.commandKey = "busy";
  busy.state = 2;  // in progress
  device.transfers().add(busy);
  EXPECT_EQ(std::get<CwmpFault>(call(CancelTransfer{"busy"})).faultCode, 9021u);
}

TEST_F(RpcHandlers, Download_FaultsForBadFileTypeAndProtocol) {
  Download dl;
  dl.fileType = "9 Nonsense";
  dl.url = "http://x/";
  EXPECT_EQ(std::get<CwmpFault>(call(dl)).faultCode, 9003u);
  dl.fileType = "X 00D09E Vendor Blob";
  dl.url = "ftp://x/file";
  EXPECT_EQ(std::get<CwmpFault>(call(dl)).faultCode, 9013u);
}

TEST_F(RpcHandlers, ScheduleDownload_ChecksTimeWindows) {
  ScheduleDownload sd;
  sd.commandKey = "sd";
  sd.fileType = "1 Firmware Upgrade Image";
  sd.url = "https://127.0.0.1/fw";
  EXPECT_EQ(std::get<CwmpFault>(call(sd)).faultCode, 9003u);  // no window
  sd.timeWindowList = {{10, 5, "1 At Any Time", "", 0}};
  EXPECT_EQ(std::get<CwmpFault>(call(sd)).faultCode, 9003u);  // end before start
  sd.timeWindowList = {{0, 60, "1 At Any Time", "", 0}, {30, 90, "2 Immediately", "", 0}};
  EXPECT_EQ(std::get<CwmpFault>(call(sd)).faultCode, 9003u);  // overlap
  sd.timeWindowList = {{0, 60, "1 At Any Time", "", 0}, {120, 180, "3 When Idle", "", 1}};
  EXPECT_TRUE(std::holds_alternative<ScheduleDownloadResponse>(call(sd)));
}

TEST_F(RpcHandlers, Transfers_QueueFullIs9004) {
  Download dl;
  dl.fileType = "3 Vendor Configuration File";
  dl.url = "http://127.0.0.1/cfg";
  for (std::size_t i = 0; i < device::TransferQueue::kCapacity; ++i) {
    dl.commandKey = "c" + std::to_string(i);
    ASSERT_TRUE(std::holds_alternative<DownloadResponse>(call(dl)));
  }
  EXPECT_EQ(std::get<CwmpFault>(call(dl)).faultCode, 9004u);
}

}  // namespace
}  // namespace cpemu::cwmp::rpc
