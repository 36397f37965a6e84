// GenieACS as its users run it: the first-run wizard of genieacs-ui (/init) installs GenieACS's stock
// presets and provisions ("bootstrap" clears the device on 0 BOOTSTRAP, "default" refreshes a few
// parameters hourly, "inform" sets the Connection Request credentials and PeriodicInformInterval 300
// with a PeriodicInformTime of its own at every Inform). cpemu must come out of that with no fault and
// be reachable by Connection Request with the credentials the stock provision chose.
#include "interop/genieacs_test_fixture.h"

namespace cpemu::interop {
namespace {

using nlohmann::json;

class StockPresetsOfGenieAcs : public GenieAcsTest {
 protected:
  GenieAcsOptions acsOptions() const override { return {true, {}}; }
};

TEST_F(StockPresetsOfGenieAcs, GatewayAndSetTopBoxComeThroughTheStockProvisions) {
  const auto init = acs().ui("POST", "/init",
                             R"({"users":true,"presets":true,"filters":true,"device":true,"index":true,"overview":true})");
  ASSERT_EQ(init.status, 200) << init.body;
  auto presets = json::parse(acs().nbi("GET", "/presets/").body);
  ASSERT_GE(presets.size(), 3u) << presets.dump(2);

  const std::string gateway = "02C9E1-CPG2400-GW00000001", stb = "02C9E2-CMS4000-STB00000001";
  runDevice("gateway.yaml");
  runDevice("stb.yaml");
  for (const auto& id : {gateway, stb}) {
    ASSERT_TRUE(waitForInform(id, [](const SeenInform& i) { return i.hasEvent("0 BOOTSTRAP"); })) << deviceLogs();
    // Reachable with the stock provision's credentials, and the stock settings were applied.
    ASSERT_EQ(acs().task(id, {{"name", "getParameterValues"},
                              {"parameterNames", {"Device.ManagementServer.PeriodicInformInterval",
                                                  "Device.ManagementServer.PeriodicInformTime",
                                                  "Device.ManagementServer.ConnectionRequestUsername"}}}),
              200)
        << id << "\n" << acs().faults().dump(2) << deviceLogs();
    auto d = acs().device(id);
    ASSERT_TRUE(d);
    EXPECT_EQ(genieValueText(*genieNode(*d, "Device.ManagementServer.PeriodicInformInterval")), "300") << id;
    EXPECT_EQ(genieValueText(*genieNode(*d, "Device.ManagementServer.ConnectionRequestUsername")), id);
  }
  EXPECT_EQ(acs().faults(), json::array()) << deviceLogs();
}

}  // namespace
}  // namespace cpemu::interop
