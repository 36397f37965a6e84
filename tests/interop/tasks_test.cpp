// GenieACS tasks over Connection Request, queued back to back as an operator (or GenieACS's UI) queues
// them, without pauses: each must be done within its own timeout (HTTP 200 from the NBI), with no fault.
#include "interop/genieacs_test_fixture.h"

namespace cpemu::interop {
namespace {

using nlohmann::json;

constexpr const char* kGateway = "02C9E1-CPG2400-GW00000001";

json getValues(std::vector<std::string> names) {
  return {{"name", "getParameterValues"}, {"parameterNames", names}};
}

class TasksAgainstGenieAcs : public GenieAcsTest {
 protected:
  void SetUp() override {
    GenieAcsTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    provisionConnectionRequestCredentials();
    runDevice("gateway.yaml");
    ASSERT_TRUE(waitForInform(kGateway, [](const SeenInform& i) { return i.hasEvent("0 BOOTSTRAP"); }))
        << deviceLogs();
  }
  // The value GenieACS holds for `path` after reading it from the device.
  std::string read(const std::string& path) {
    EXPECT_EQ(acs().task(kGateway, getValues({path})), 200) << acs().faults().dump(2);
    auto d = acs().device(kGateway);
    const json* node = d ? genieNode(*d, path) : nullptr;
    return node ? genieValueText(*node) : "<absent>";
  }
  std::size_t informCount() { return informs(kGateway).size(); }
};

TEST_F(TasksAgainstGenieAcs, GetAndSetParameterValuesOfSeveralTypes) {
  // GenieACS names objects without the trailing dot; "Device.ManagementServer." is a fault of its own.
  EXPECT_EQ(acs().task(kGateway, getValues({"Device.DeviceInfo.UpTime", "Device.DeviceInfo.SoftwareVersion",
                                            "Device.ManagementServer.PeriodicInformInterval"})),
            200);
  auto d = acs().device(kGateway);
  ASSERT_TRUE(d);
  EXPECT_EQ(genieValueText(*genieNode(*d, "Device.DeviceInfo.SoftwareVersion")), "3.2.1");
  EXPECT_TRUE(genieNode(*d, "Device.ManagementServer.PeriodicInformInterval"));

  // string, unsignedInt, boolean, int (negative), dateTime: GenieACS writes dateTime with milliseconds.
  const json set = {{"name", "setParameterValues"},
                    {"parameterValues", json::array({json::array({"Device.DeviceInfo.ProvisioningCode", "lab-7", "xsd:string"}),
                                                     json::array({"Device.NAT.PortMapping.1.ExternalPort", 8443, "xsd:unsignedInt"}),
                                                     json::array({"Device.NAT.PortMapping.1.Enable", false, "xsd:boolean"}),
                                                     json::array({"Device.DeviceInfo.TemperatureStatus.TemperatureSensor.1.LowAlarmValue", -12, "xsd:int"}),
                                                     json::array({"Device.ManagementServer.ScheduleReboot", "2030-05-01T02:30:00.000Z", "xsd:dateTime"})})}};
  EXPECT_EQ(acs().task(kGateway, set), 200) << acs().faults().dump(2) << deviceLogs();
  // Read back from the device, not from GenieACS's memory of what it set.
  EXPECT_EQ(read("Device.DeviceInfo.ProvisioningCode"), "lab-7");
  EXPECT_EQ(read("Device.NAT.PortMapping.1.ExternalPort"), "8443");
  EXPECT_EQ(read("Device.NAT.PortMapping.1.Enable"), "false");
  EXPECT_EQ(read("Device.DeviceInfo.TemperatureStatus.TemperatureSensor.1.LowAlarmValue"), "-12");
  EXPECT_EQ(read("Device.ManagementServer.ScheduleReboot"), "2030-05-01T02:30:00.000Z");
  EXPECT_EQ(acs().faults(), json::array()) << deviceLogs();
}

TEST_F(TasksAgainstGenieAcs, AddAndDeleteObject) {
  ASSERT_EQ(acs().task(kGateway, {{"name", "addObject"}, {"objectName", "Device.NAT.PortMapping"}}), 200)
      << acs().faults().dump(2) << deviceLogs();
  auto d = acs().device(kGateway);
  ASSERT_TRUE(d);
  // The gateway has PortMapping.1; the new instance is 2. GenieACS records the instance and reads its
  // parameters only when asked to.
  ASSERT_TRUE(genieNode(*d, "Device.NAT.PortMapping.2")) << (*d)["Device"]["NAT"].dump(2);
  ASSERT_EQ(acs().task(kGateway, {{"name", "refreshObject"}, {"objectName", "Device.NAT.PortMapping.2"}}), 200);
  d = acs().device(kGateway);
  const json* port = d ? genieNode(*d, "Device.NAT.PortMapping.2.ExternalPort") : nullptr;
  ASSERT_TRUE(port);
  EXPECT_EQ(genieValueText(*port), "0");  // TR-181's default
  EXPECT_EQ(read("Device.NAT.PortMappingNumberOfEntries"), "2");

  ASSERT_EQ(acs().task(kGateway, {{"name", "deleteObject"}, {"objectName", "Device.NAT.PortMapping.2"}}), 200)
      << acs().faults().dump(2) << deviceLogs();
  EXPECT_EQ(read("Device.NAT.PortMappingNumberOfEntries"), "1");
  d = acs().device(kGateway);
  ASSERT_TRUE(d);
  EXPECT_FALSE(genieNode(*d, "Device.NAT.PortMapping.2"));
  EXPECT_EQ(acs().faults(), json::array()) << deviceLogs();
}

// Reboot: after the session, 1 BOOT + M Reboot (TR-069 §3.7.1.5); FactoryReset: 0 BOOTSTRAP and the
// profile's configuration back. Queued one right after the other.
TEST_F(TasksAgainstGenieAcs, RebootThenFactoryResetBackToBack) {
  ASSERT_EQ(acs().task(kGateway, {{"name", "setParameterValues"},
                                  {"parameterValues", json::array({json::array({"Device.DeviceInfo.ProvisioningCode", "before-reset", "xsd:string"})})}}),
            200);
  const std::size_t before = informCount();
  ASSERT_EQ(acs().task(kGateway, {{"name", "reboot"}}), 200) << acs().faults().dump(2) << deviceLogs();
  ASSERT_EQ(acs().task(kGateway, {{"name", "factoryReset"}}), 200) << acs().faults().dump(2) << deviceLogs();
  ASSERT_TRUE(waitForInform(kGateway, [](const SeenInform& i) { return i.hasEvent("0 BOOTSTRAP"); }));
  auto all = informs(kGateway);
  std::vector<SeenInform> after(all.begin() + static_cast<long>(before), all.end());
  bool rebooted = false, bootstrapped = false;
  for (const auto& i : after) {
    if (i.hasEvent("M Reboot")) {
      rebooted = true;
      EXPECT_TRUE(i.hasEvent("1 BOOT")) << i.events();
      EXPECT_FALSE(i.hasEvent("0 BOOTSTRAP")) << i.events();
    }
    if (i.hasEvent("0 BOOTSTRAP")) {
      bootstrapped = true;
      EXPECT_TRUE(rebooted) << "the factory reset came before the reboot's Inform";
      EXPECT_TRUE(i.hasEvent("1 BOOT")) << i.events();
    }
  }
  EXPECT_TRUE(rebooted);
  EXPECT_TRUE(bootstrapped);
  EXPECT_EQ(read("Device.DeviceInfo.ProvisioningCode"), "");  // the profile's value again
  EXPECT_EQ(acs().faults(), json::array()) << deviceLogs();
}

// Everything an operator does in one go, without waiting in between.
TEST_F(TasksAgainstGenieAcs, TwelveTasksInARowAreAllDone) {
  for (int i = 0; i < 12; ++i) {
    const json t =
        i % 3 == 0   ? getValues({"Device.DeviceInfo.UpTime"})
        : i % 3 == 1 ? json{{"name", "setParameterValues"},
                            {"parameterValues", json::array({json::array({"Device.DeviceInfo.ProvisioningCode", "round-" + std::to_string(i), "xsd:string"})})}}
                     : json{{"name", "refreshObject"}, {"objectName", "Device.ManagementServer"}};
    EXPECT_EQ(acs().task(kGateway, t), 200) << "task " << i << " " << t.dump() << "\n" << acs().faults().dump(2);
  }
  EXPECT_EQ(read("Device.DeviceInfo.ProvisioningCode"), "round-10");
  EXPECT_EQ(acs().faults(), json::array()) << deviceLogs();
}

}  // namespace
}  // namespace cpemu::interop
