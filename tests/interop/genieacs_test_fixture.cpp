#include "interop/genieacs_test_fixture.h"

#include <fstream>
#include <sstream>
#include <thread>

#include "support/cwmp_schema_validator.h"
#include "support/eventually.h"
#include "support/test_paths.h"

namespace cpemu::interop {

std::string testName() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  return info ? std::string(info->test_suite_name()) + "." + info->name() : "interop";
}

void GenieAcsTest::SetUp() {
  if (genieAcsKit().empty()) {
    if (genieAcsRequired()) FAIL() << "CPEMU_REQUIRE_GENIEACS=1 but the GenieACS test kit is missing";
    GTEST_SKIP() << "GenieACS test kit not found (../shared/genieacs beside the checkout, or "
                    "CPEMU_GENIEACS_KIT): interop tests skipped";
  }
  acs_ = std::make_unique<GenieAcs>(testName(), acsOptions());
}

void GenieAcsTest::TearDown() {
  stopDevices();
  // In the sanitizer build, what ASan, LSan or UBSan found in cpemu while GenieACS drove it.
  for (const auto& d : devices_) {
    const std::string out = d->output();
    for (const char* report : {"ERROR: AddressSanitizer", "ERROR: LeakSanitizer", "runtime error:"})
      EXPECT_EQ(out.find(report), std::string::npos) << out;
  }
  if (!acs_) return;
  // Every message cpemu sent, as GenieACS received it, against the official CWMP schema: cwmp-1-4.xsd
  // (CWMP 1.2 to 1.4, which share a namespace), or the 1-0/1-1 schema for those namespaces.
  const auto catalog = test::bbfFile("samples/catalog-soap-1-1-stubs.xml");
  const auto xsd14 = test::bbfFile("cwmp-1-4.xsd");
  const auto xsd11 = test::bbfFile("cwmp-1-1.xsd");
  const auto xsd10 = test::bbfFile("cwmp-1-0.xsd");
  std::size_t checked = 0;
  if (!catalog.empty() && !xsd14.empty() && !xsd11.empty() && !xsd10.empty()) {
    for (const auto& sent : sentByCpes(debugLog())) {
      const auto& schema = sent.body.find("urn:dslforum-org:cwmp-1-0") != std::string::npos   ? xsd10
                           : sent.body.find("urn:dslforum-org:cwmp-1-1") != std::string::npos ? xsd11
                                                                                               : xsd14;
      const std::string errors = test::CwmpSchemaValidator::forSchema(schema, catalog).validate(sent.body);
      EXPECT_EQ(errors, "") << sent.deviceId << " sent a message that is not valid CWMP:\n" << sent.body;
      ++checked;
    }
  }
  RecordProperty("messages_validated", std::to_string(checked));
  // GenieACS's own complaints about what it received ("Missing or invalid XML node" for a value that is
  // not of its type, XML parse errors, invalid sessions) are warnings and errors in its logs.
  for (const char* file : {"cwmp.log", "cwmp-access.log"}) {
    std::ifstream log(acs_->logDir() / file);
    for (std::string line; std::getline(log, line);)
      EXPECT_TRUE(line.find("[WARN]") == std::string::npos && line.find("[ERROR]") == std::string::npos)
          << "GenieACS " << file << ": " << line;
  }
  acs_.reset();
}

void GenieAcsTest::provisionConnectionRequestCredentials() {
  acs_->putProvision("cr-credentials", R"(
const id = declare("DeviceID.ID", {value: 1}).value[0];
declare("Device.ManagementServer.ConnectionRequestUsername", {value: 1}, {value: id});
declare("Device.ManagementServer.ConnectionRequestPassword", {value: 1}, {value: "cr-" + id + "-secret"});
)");
  acs_->putPreset("cr-credentials", "cr-credentials");
  // After a factory reset the CPE has the profile's credentials again and reports 0 BOOTSTRAP: what
  // GenieACS remembers of it is stale. Its stock "bootstrap" preset clears it, so the provision above
  // sets the credentials again in the same session.
  acs_->putProvision("bootstrap", R"(clear("Device", Date.now());)");
  acs_->putPreset("bootstrap", "bootstrap", {{"0 BOOTSTRAP", true}});
}

test::BackgroundProcess& GenieAcsTest::runDevice(const std::string& profile, std::vector<std::string> extra) {
  const std::size_t n = devices_.size() + 1;
  std::vector<std::string> args = {"run",         (test::profilesDir() / profile).string(),
                                   "--acs",       acs_->acsUrl(),
                                   "--cr-port",   "0",
                                   "--state-dir", (work_.path() / ("state-" + std::to_string(n))).string(),
                                   "--log-level", "info"};
  args.insert(args.end(), extra.begin(), extra.end());
  return runFleet(args);
}

test::BackgroundProcess& GenieAcsTest::runFleet(std::vector<std::string> args) {
  const auto log = work_.path() / ("cpemu-" + std::to_string(devices_.size() + 1) + ".log");
  deviceLogs_.push_back(log);
  devices_.push_back(std::make_unique<test::BackgroundProcess>(test::cpemuCommand(std::move(args)), log));
  return *devices_.back();
}

void GenieAcsTest::stopDevices() {
  for (auto& d : devices_) d->stop();
}

bool GenieAcsTest::waitForInform(const std::string& deviceId, const std::function<bool(const SeenInform&)>& match,
                                 std::chrono::milliseconds limit) const {
  return test::eventually(
      [&] {
        for (const auto& i : informs(deviceId))
          if (match(i)) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        return false;
      },
      limit);
}

std::string GenieAcsTest::deviceLogs() const {
  std::string out;
  for (const auto& log : deviceLogs_) {
    std::ifstream in(log);
    std::stringstream s;
    s << in.rdbuf();
    out += "---- " + log.filename().string() + " ----\n" + s.str();
  }
  return out;
}

}  // namespace cpemu::interop
