// `cpemu check PROFILE`: a one-line summary and exit 0, or the first error as FILE:LINE:COL: KEY and exit 1.
#include <gtest/gtest.h>

#include "cli/run_command.h"
#include "support/temp_dir.h"
#include "support/test_paths.h"

namespace cpemu::test {
namespace {

std::string deviceModel() {
  return "datamodels:\n  - \"" + (datamodelsDir() / "cpemu-device-2.xml").string() + "\"\n";
}

TEST(CheckCommand, GoodProfilePrintsSummaryAndExitsZero) {
  TempDir dir;
  auto p = dir.write("good.yaml", deviceModel() + "identity:\n  serial_number: \"SN{index}\"\n");
  auto r = runCpemu({"check", p.string()});
  EXPECT_EQ(r.exitCode, 0) << r.err;
  EXPECT_EQ(r.out.rfind("ok: " + p.string() + ": model Device:2.19, ", 0), 0u) << r.out;
  EXPECT_NE(r.out.find(" parameters, 1 per-device values\n"), std::string::npos) << r.out;
}

TEST(CheckCommand, BadProfileNamesFileLineColumnAndKey) {
  TempDir dir;
  dir.write("bad.yaml", deviceModel() + "identity:\n  manufacturer: Acme\n  colour: blue\n");
  CommandOptions options;
  options.workingDirectory = dir.path();
  auto r = runCpemu({"check", "bad.yaml"}, options);
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("bad.yaml:5:3: identity.colour: unknown key"), std::string::npos) << r.err;
}

TEST(CheckCommand, RejectedValueNamesTheFaultCode) {
  TempDir dir;
  dir.write("bad.yaml", deviceModel() + "acs:\n  periodic_inform_interval: often\n");
  CommandOptions options;
  options.workingDirectory = dir.path();
  auto r = runCpemu({"check", "bad.yaml"}, options);
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_NE(r.err.find("bad.yaml:4:29: acs.periodic_inform_interval: "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("(fault 9006)"), std::string::npos) << r.err;
}

TEST(CheckCommand, YamlSyntaxErrorNamesItsLine) {
  TempDir dir;
  dir.write("bad.yaml", "description: x\nidentity:\n  manufacturer: a: b\n");
  CommandOptions options;
  options.workingDirectory = dir.path();
  auto r = runCpemu({"check", "bad.yaml"}, options);
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_NE(r.err.find("bad.yaml:3:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("YAML syntax error"), std::string::npos) << r.err;
}

TEST(CheckCommand, MissingProfileExitsOne) {
  auto r = runCpemu({"check", "/nonexistent/profile.yaml"});
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_NE(r.err.find("/nonexistent/profile.yaml"), std::string::npos) << r.err;
}

TEST(CheckCommand, ShippedProfilesPass) {
  for (const char* name : {"base.yaml", "gateway.yaml", "stb.yaml"}) {
    SCOPED_TRACE(name);
    auto r = runCpemu({"check", (profilesDir() / name).string()});
    EXPECT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(r.out.rfind("ok: ", 0), 0u) << r.out;
  }
}

}  // namespace
}  // namespace cpemu::test
