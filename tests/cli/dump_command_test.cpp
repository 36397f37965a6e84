// `cpemu dump PROFILE [PATH]`: one line per parameter, path<TAB>type<TAB>access<TAB>value.
#include <gtest/gtest.h>

#include <set>
#include <sstream>

#include "cli/run_command.h"
#include "support/temp_dir.h"
#include "support/test_paths.h"

namespace cpemu::test {
namespace {

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

std::vector<std::string> fields(const std::string& line) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (;;) {
    auto tab = line.find('\t', start);
    out.push_back(line.substr(start, tab - start));
    if (tab == std::string::npos) return out;
    start = tab + 1;
  }
}

// The line for `path` in a dump, or "" when there is none.
std::string lineFor(const std::string& dump, const std::string& path) {
  for (const auto& line : lines(dump))
    if (line.rfind(path + "\t", 0) == 0) return line;
  return "";
}

class DumpCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    profile = dir.write("p.yaml", "datamodels:\n  - \"" + (datamodelsDir() / "cpemu-device-2.xml").string() +
                                      "\"\n" +
                                      R"(identity:
  manufacturer: "Acme"
  serial_number: "SN{index:08}"
acs:
  password: "acs-secret"
connection_request:
  port: 7548
  path: "/cr/{serial}"
  username: "cr-user"
  password: "cr-secret"
values:
  Device.DeviceInfo.Description: "tab\there\nnewline\\backslash\rcr"
instances:
  Device.IP.Interface.1:
    Name: "wan"
)")
                  .string();
  }
  TempDir dir;
  std::string profile;
};

TEST_F(DumpCommand, EveryLineHasFourTabSeparatedFieldsAndAUniquePath) {
  auto r = runCpemu({"dump", profile});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  auto all = lines(r.out);
  ASSERT_GT(all.size(), 100u);
  std::set<std::string> paths;
  for (const auto& line : all) {
    auto f = fields(line);
    ASSERT_EQ(f.size(), 4u) << line;
    EXPECT_EQ(f[0].rfind("Device.", 0), 0u) << line;
    EXPECT_NE(f[0].back(), '.') << line;
    EXPECT_FALSE(f[1].empty()) << line;
    EXPECT_TRUE(f[2] == "readOnly" || f[2] == "readWrite" || f[2] == "writeOnceReadOnly") << line;
    EXPECT_TRUE(paths.insert(f[0]).second) << "duplicate " << f[0];
  }
}

TEST_F(DumpCommand, PrintsTheSerialNumberLine) {
  auto r = runCpemu({"dump", profile});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_EQ(lineFor(r.out, "Device.DeviceInfo.SerialNumber"),
            "Device.DeviceInfo.SerialNumber\tstring\treadOnly\tSN00000001");
  EXPECT_EQ(lineFor(r.out, "Device.ManagementServer.PeriodicInformEnable").substr(0, 54),
            "Device.ManagementServer.PeriodicInformEnable\tboolean\tr");
  EXPECT_EQ(lineFor(r.out, "Device.IP.Interface.1.Name"),
            "Device.IP.Interface.1.Name\tstring\treadOnly\twan");
  EXPECT_EQ(
      lineFor(r.out, "Device.ManagementServer.ConnectionRequestURL"),
      "Device.ManagementServer.ConnectionRequestURL\tstring\treadOnly\thttp://127.0.0.1:7548/cr/SN00000001");
}

TEST_F(DumpCommand, PartialPathLimitsTheOutput) {
  auto whole = runCpemu({"dump", profile});
  auto part = runCpemu({"dump", profile, "Device.DeviceInfo."});
  ASSERT_EQ(part.exitCode, 0) << part.err;
  auto partLines = lines(part.out);
  ASSERT_FALSE(partLines.empty());
  EXPECT_LT(partLines.size(), lines(whole.out).size());
  for (const auto& line : partLines) EXPECT_EQ(line.rfind("Device.DeviceInfo.", 0), 0u) << line;
  EXPECT_NE(lineFor(part.out, "Device.DeviceInfo.SerialNumber"), "");
  EXPECT_NE(lineFor(part.out, "Device.DeviceInfo.MemoryStatus.Total"), "");  // sub-objects included
}

TEST_F(DumpCommand, FullParameterNamePrintsOneLine) {
  auto r = runCpemu({"dump", profile, "Device.DeviceInfo.Manufacturer"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_EQ(r.out, "Device.DeviceInfo.Manufacturer\tstring\treadOnly\tAcme\n");
}

TEST_F(DumpCommand, UnknownPathExitsOneWithFault9005) {
  for (const char* path : {"Device.NoSuchObject.", "Device.DeviceInfo.Colour", "Device.IP.Interface.9."}) {
    SCOPED_TRACE(path);
    auto r = runCpemu({"dump", profile, path});
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_EQ(r.out, "");
    EXPECT_NE(r.err.find("fault 9005"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(path), std::string::npos) << r.err;
  }
}

TEST_F(DumpCommand, SecretsAreEmptyUnlessShowSecrets) {
  auto hidden = runCpemu({"dump", profile, "Device.ManagementServer."});
  ASSERT_EQ(hidden.exitCode, 0) << hidden.err;
  EXPECT_EQ(lineFor(hidden.out, "Device.ManagementServer.ConnectionRequestPassword"),
            "Device.ManagementServer.ConnectionRequestPassword\tstring\treadWrite\t");
  EXPECT_EQ(lineFor(hidden.out, "Device.ManagementServer.Password"),
            "Device.ManagementServer.Password\tstring\treadWrite\t");
  EXPECT_EQ(hidden.out.find("secret"), std::string::npos) << hidden.out;

  auto shown = runCpemu({"dump", profile, "Device.ManagementServer.", "--show-secrets"});
  ASSERT_EQ(shown.exitCode, 0) << shown.err;
  EXPECT_EQ(lineFor(shown.out, "Device.ManagementServer.ConnectionRequestPassword"),
            "Device.ManagementServer.ConnectionRequestPassword\tstring\treadWrite\tcr-secret");
  EXPECT_EQ(lineFor(shown.out, "Device.ManagementServer.Password"),
            "Device.ManagementServer.Password\tstring\treadWrite\tacs-secret");
  EXPECT_EQ(lines(shown.out).size(), lines(hidden.out).size());
}

TEST_F(DumpCommand, IndexChangesPerDeviceValues) {
  auto r = runCpemu({"dump", profile, "Device.DeviceInfo.SerialNumber", "--index", "7"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_EQ(r.out, "Device.DeviceInfo.SerialNumber\tstring\treadOnly\tSN00000007\n");
  auto url = runCpemu({"dump", "--index", "7", profile, "Device.ManagementServer.ConnectionRequestURL"});
  ASSERT_EQ(url.exitCode, 0) << url.err;
  EXPECT_EQ(url.out,
            "Device.ManagementServer.ConnectionRequestURL\tstring\treadOnly\thttp://127.0.0.1:7548/cr/"
            "SN00000007\n");
}

TEST_F(DumpCommand, IndexIsDecimalEvenWithLeadingZeros) {
  auto r = runCpemu({"dump", profile, "Device.DeviceInfo.SerialNumber", "--index", "010"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_EQ(r.out, "Device.DeviceInfo.SerialNumber\tstring\treadOnly\tSN00000010\n");  // not octal 8
}

TEST_F(DumpCommand, IndexThatIsNotADecimalDeviceNumberExitsTwo) {
  for (const char* bad : {"-1", "0x1a", "99999999999999999999", "+5", " 5", "5abc", ""}) {
    SCOPED_TRACE(bad);
    auto r = runCpemu({"dump", profile, "Device.DeviceInfo.SerialNumber", "--index", bad});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_EQ(r.out, "");
    EXPECT_NE(r.err.find("--index"), std::string::npos) << r.err;
  }
}

TEST_F(DumpCommand, IndexZeroExitsOne) {
  auto r = runCpemu({"dump", profile, "--index", "0"});
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("--index"), std::string::npos) << r.err;
}

TEST_F(DumpCommand, TabsNewlinesAndBackslashesInValuesAreEscaped) {
  auto r = runCpemu({"dump", profile, "Device.DeviceInfo.Description"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_EQ(r.out,
            "Device.DeviceInfo.Description\tstring\treadOnly\ttab\\there\\nnewline\\\\backslash\\rcr\n");
}

TEST_F(DumpCommand, WholeDumpHasOneLinePerParameterDespiteControlCharacters) {
  auto r = runCpemu({"dump", profile});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  auto check = runCpemu({"check", profile});
  ASSERT_EQ(check.exitCode, 0) << check.err;
  // "ok: FILE: model Device:2.19, N objects, M parameters, K per-device values"
  auto comma = check.out.find(" objects, ");
  ASSERT_NE(comma, std::string::npos) << check.out;
  std::size_t parameters = std::stoul(check.out.substr(comma + 10));
  EXPECT_EQ(lines(r.out).size(), parameters);
  for (const auto& line : lines(r.out)) EXPECT_EQ(fields(line).size(), 4u) << line;
}

TEST_F(DumpCommand, BadProfileExitsOneWithTheError) {
  auto bad = dir.write("bad.yaml", "identity:\n  colour: blue\n");
  auto r = runCpemu({"dump", bad.string()});
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("identity.colour"), std::string::npos) << r.err;
}

TEST(DumpShippedProfile, GatewayDumpIsWellFormedAndIndexChangesTheSerial) {
  auto gateway = (profilesDir() / "gateway.yaml").string();
  auto one = runCpemu({"dump", gateway});
  ASSERT_EQ(one.exitCode, 0) << one.err;
  std::set<std::string> paths;
  for (const auto& line : lines(one.out)) {
    auto f = fields(line);
    ASSERT_EQ(f.size(), 4u) << line;
    EXPECT_TRUE(paths.insert(f[0]).second) << "duplicate " << f[0];
  }
  auto seven = runCpemu({"dump", gateway, "Device.DeviceInfo.SerialNumber", "--index", "7"});
  ASSERT_EQ(seven.exitCode, 0) << seven.err;
  std::string serialOne = fields(lineFor(one.out, "Device.DeviceInfo.SerialNumber")).back();
  std::string serialSeven = fields(lines(seven.out).at(0)).back();
  EXPECT_NE(serialOne, serialSeven);
  EXPECT_NE(serialSeven.find('7'), std::string::npos) << serialSeven;
}

}  // namespace
}  // namespace cpemu::test
