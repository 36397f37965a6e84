// A profile may name a data-model file by bare name, found through --datamodel-path or CPEMU_DATAMODEL_PATH.
#include <gtest/gtest.h>

#include "cli/run_command.h"
#include "support/temp_dir.h"
#include "support/test_paths.h"

namespace cpemu::test {
namespace {

class DataModelPath : public ::testing::Test {
 protected:
  void SetUp() override {
    profile =
        dir.write("bare.yaml", "datamodels:\n  - cpemu-device-2.xml\nidentity:\n  serial_number: BARE1\n")
            .string();
  }
  TempDir dir;
  std::string profile;
  const std::string models = datamodelsDir().string();
};

TEST_F(DataModelPath, BareNameIsNotFoundWithoutASearchPath) {
  auto r = runCpemu({"check", profile});
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_NE(r.err.find("'cpemu-device-2.xml' not found"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find((dir.path() / "cpemu-device-2.xml").string()), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("bare.yaml:2:5: datamodels[0]"), std::string::npos) << r.err;
}

TEST_F(DataModelPath, EnvironmentVariableFindsTheFile) {
  CommandOptions options;
  options.environment["CPEMU_DATAMODEL_PATH"] = "/nonexistent:" + models;
  auto r = runCpemu({"dump", profile, "Device.DeviceInfo.SerialNumber"}, options);
  EXPECT_EQ(r.exitCode, 0) << r.err;
  EXPECT_EQ(r.out, "Device.DeviceInfo.SerialNumber\tstring\treadOnly\tBARE1\n");
}

TEST_F(DataModelPath, EnvironmentVariableFoldersAreListedWhenNothingIsFound) {
  CommandOptions options;
  options.environment["CPEMU_DATAMODEL_PATH"] = "/nonexistent-a:/nonexistent-b";
  auto r = runCpemu({"check", profile}, options);
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_NE(r.err.find("/nonexistent-a/cpemu-device-2.xml"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("/nonexistent-b/cpemu-device-2.xml"), std::string::npos) << r.err;
}

TEST_F(DataModelPath, OptionBeforeTheSubcommandFindsTheFile) {
  auto r = runCpemu({"--datamodel-path", models, "check", profile});
  EXPECT_EQ(r.exitCode, 0) << r.err;
  EXPECT_EQ(r.out.rfind("ok: ", 0), 0u) << r.out;
}

TEST_F(DataModelPath, OptionAfterTheSubcommandFindsTheFile) {
  // As docs/profiles.md writes it: cpemu check --datamodel-path DIR PROFILE
  auto check = runCpemu({"check", "--datamodel-path", models, profile});
  EXPECT_EQ(check.exitCode, 0) << check.err;
  auto dump = runCpemu({"dump", profile, "Device.DeviceInfo.SerialNumber", "--datamodel-path", models});
  EXPECT_EQ(dump.exitCode, 0) << dump.err;
  EXPECT_EQ(dump.out, "Device.DeviceInfo.SerialNumber\tstring\treadOnly\tBARE1\n");
}

TEST_F(DataModelPath, OptionIsRepeatableAndSearchedInOrder) {
  auto r = runCpemu({"--datamodel-path", "/nonexistent", "--datamodel-path", models, "check", profile});
  EXPECT_EQ(r.exitCode, 0) << r.err;
}

TEST_F(DataModelPath, SchemaCommandUsesThePathForImports) {
  // cpemu-device-2.xml imports its components from its own folder; a copy elsewhere finds them on the path.
  std::filesystem::copy_file(datamodelsDir() / "cpemu-device-2.xml", dir.path() / "device-copy.xml");
  auto without = runCpemu({"schema", (dir.path() / "device-copy.xml").string()});
  EXPECT_EQ(without.exitCode, 1);
  auto with = runCpemu({"--datamodel-path", models, "schema", (dir.path() / "device-copy.xml").string()});
  EXPECT_EQ(with.exitCode, 0) << with.err;
  EXPECT_EQ(with.out.rfind("model=Device:2.19 objects=", 0), 0u) << with.out;
}

}  // namespace
}  // namespace cpemu::test
