// The profile's `transfers:` key (docs/transfers.md): firmware manifests, injected failures, the size limit,
// inheritance through `extends`, and errors that name FILE:LINE:COL.
#include <gtest/gtest.h>

#include "profile/profile_loader.h"
#include "support/temp_dir.h"
#include "support/test_paths.h"

namespace cpemu::profile {
namespace {

class TransferSettingsTest : public ::testing::Test {
 protected:
  Profile load(const std::string& yaml) {
    auto file =
        dir_.write("gw.yaml", "extends: " + (test::profilesDir() / "gateway.yaml").string() + "\n" + yaml);
    return ProfileLoader({test::datamodelsDir()}).load(file);
  }
  std::string error(const std::string& yaml) {
    try {
      load(yaml);
    } catch (const ProfileError& e) {
      return e.what();
    }
    return "";
  }
  test::TempDir dir_;
};

TEST_F(TransferSettingsTest, FirmwareImagesFailuresAndSizeLimit) {
  const std::string sha(64, 'A');
  auto p = load(R"(transfers:
  firmware:
    "fw-2.0.bin": {version: "2.0.0", size: 1048576, sha256: ")" +
                sha + R"("}
    fw-2.1.bin: {version: 2.1.0}
  fail: {download: 9019, upload: 9012}
  max_file_size: 4096
  apply_seconds: 90
)");
  ASSERT_EQ(p.transfers.firmwareImages.size(), 2u);
  const auto& fw = p.transfers.firmwareImages.at("fw-2.0.bin");
  EXPECT_EQ(fw.version, "2.0.0");
  EXPECT_EQ(fw.size, 1048576u);
  EXPECT_EQ(fw.sha256, std::string(64, 'a'));  // stored lower case
  EXPECT_FALSE(p.transfers.firmwareImages.at("fw-2.1.bin").size.has_value());
  EXPECT_EQ(p.transfers.failDownload, 9019u);
  EXPECT_EQ(p.transfers.failUpload, 9012u);
  EXPECT_EQ(p.transfers.maxFileSize, 4096u);
  EXPECT_EQ(p.transfers.applySeconds, 90u);
}

TEST_F(TransferSettingsTest, DefaultsWhenAbsent) {
  auto p = load("");
  EXPECT_TRUE(p.transfers.firmwareImages.empty());
  EXPECT_FALSE(p.transfers.failDownload);
  EXPECT_FALSE(p.transfers.failUpload);
}

TEST_F(TransferSettingsTest, ErrorsNameTheLineAndKey) {
  EXPECT_NE(error("transfers:\n  fail: {download: 9011}\n")
                .find("gw.yaml:3:20: transfers.fail.download: a download fails with"),
            std::string::npos)
      << error("transfers:\n  fail: {download: 9011}\n");
  EXPECT_NE(error("transfers:\n  fail: {upload: 9018}\n")
                .find("transfers.fail.upload: an upload fails with 9011 or 9012"),
            std::string::npos);
  EXPECT_NE(error("transfers:\n  firmware:\n    fw.bin: {size: 10}\n")
                .find("transfers.firmware.fw.bin: a firmware image needs a version"),
            std::string::npos);
  EXPECT_NE(error("transfers:\n  firmware:\n    fw.bin: {version: 1, sha256: abc}\n")
                .find("expected 64 hexadecimal digits"),
            std::string::npos);
  EXPECT_NE(error("transfers:\n  retries: 3\n")
                .find("transfers.retries: unknown key (known: firmware fail max_file_size apply_seconds)"),
            std::string::npos);
}

}  // namespace
}  // namespace cpemu::profile
