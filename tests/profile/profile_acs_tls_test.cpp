// The acs: section's TLS files (ca_file, client_cert, client_key): resolved against the folder of the
// profile that names them, checked to exist, merged through `extends`, and no way to turn verification off.
#include <gtest/gtest.h>

#include "profile/profile_workspace.h"

namespace cpemu::profile {
namespace {

using test::deviceModelSection;
using test::lineOf;
using test::ProfileWorkspace;

class ProfileAcsTls : public ::testing::Test {
 protected:
  ProfileAcsTls() {
    ws.write("certs/ca.pem", "CA\n");
    ws.write("certs/cpe.crt", "CERT\n");
    ws.write("certs/cpe.key", "KEY\n");
  }
  std::optional<ProfileError> errorFor(const std::string& yaml) {
    ws.write("p.yaml", yaml);
    return ws.buildError("p.yaml");
  }
  std::filesystem::path file() const { return ws.dir() / "p.yaml"; }

  ProfileWorkspace ws;
};

TEST_F(ProfileAcsTls, FilesAreRelativeToTheProfilesFolder) {
  ws.write("devices/gw.yaml", deviceModelSection() +
                                  "acs:\n"
                                  "  url: https://acs.example.net/cwmp\n"
                                  "  ca_file: ../certs/ca.pem\n"
                                  "  client_cert: ../certs/cpe.crt\n"
                                  "  client_key: \"" +
                                  (ws.dir() / "certs/cpe.key").string() + "\"\n");
  const Profile p = ws.load("devices/gw.yaml");
  EXPECT_EQ(p.acsTls.caFile, ws.dir() / "devices/../certs/ca.pem");
  EXPECT_EQ(p.acsTls.clientCert, ws.dir() / "devices/../certs/cpe.crt");
  EXPECT_EQ(p.acsTls.clientKey, ws.dir() / "certs/cpe.key");  // absolute paths stay as written
  // They are files for the transport, not parameters: the URL is still the only ManagementServer value.
  auto t = ws.build("devices/gw.yaml");
  ASSERT_TRUE(t);
  EXPECT_EQ(test::valueOf(t->tree(), "Device.ManagementServer.URL"), "https://acs.example.net/cwmp");
}

TEST_F(ProfileAcsTls, NoTlsKeys_MeanTheSystemStoreAndNoClientCertificate) {
  ws.write("plain.yaml", deviceModelSection() + "acs:\n  url: https://acs.example.net/cwmp\n");
  const Profile p = ws.load("plain.yaml");
  EXPECT_TRUE(p.acsTls.caFile.empty());
  EXPECT_TRUE(p.acsTls.clientCert.empty());
  EXPECT_TRUE(p.acsTls.clientKey.empty());
}

TEST_F(ProfileAcsTls, ExtendsKeepsTheParentsFilesRelativeToTheParent_AndAChildOverridesOrClearsThem) {
  ws.write("certs/base.yaml",
           deviceModelSection() + "acs:\n  ca_file: ca.pem\n  client_cert: cpe.crt\n  client_key: cpe.key\n");
  ws.write("child.yaml", "extends: certs/base.yaml\nacs:\n  url: https://acs.example.net/\n");
  const Profile inherited = ws.load("child.yaml");
  EXPECT_EQ(inherited.acsTls.caFile, ws.dir() / "certs/ca.pem");
  EXPECT_EQ(inherited.acsTls.clientKey, ws.dir() / "certs/cpe.key");

  ws.write("other-ca.pem", "CA2\n");
  ws.write(
      "override.yaml",
      "extends: certs/base.yaml\nacs:\n  ca_file: other-ca.pem\n  client_cert: \"\"\n  client_key: \"\"\n");
  const Profile overridden = ws.load("override.yaml");
  EXPECT_EQ(overridden.acsTls.caFile, ws.dir() / "other-ca.pem");
  EXPECT_TRUE(overridden.acsTls.clientCert.empty());
  EXPECT_TRUE(overridden.acsTls.clientKey.empty());
}

TEST_F(ProfileAcsTls, MissingFile_NamesFileLineAndKey) {
  const std::string yaml = deviceModelSection() + "acs:\n  url: https://acs/\n  ca_file: certs/nope.pem\n";
  auto e = errorFor(yaml);
  ASSERT_TRUE(e);
  EXPECT_PROFILE_ERROR_AT(*e, file(), lineOf(yaml, "ca_file"), "acs.ca_file");
  EXPECT_MESSAGE_HAS(*e, "no such file: " + (ws.dir() / "certs/nope.pem").string());
}

TEST_F(ProfileAcsTls, ClientCertificateAndKeyGoTogether) {
  const std::string certOnly = deviceModelSection() + "acs:\n  client_cert: certs/cpe.crt\n";
  auto e = errorFor(certOnly);
  ASSERT_TRUE(e);
  EXPECT_PROFILE_ERROR_AT(*e, file(), lineOf(certOnly, "client_cert"), "acs.client_cert");
  EXPECT_MESSAGE_HAS(*e, "add acs.client_key");

  const std::string keyOnly = deviceModelSection() + "acs:\n  client_key: certs/cpe.key\n";
  e = errorFor(keyOnly);
  ASSERT_TRUE(e);
  EXPECT_PROFILE_ERROR_AT(*e, file(), lineOf(keyOnly, "client_key"), "acs.client_key");
  EXPECT_MESSAGE_HAS(*e, "add acs.client_cert");
}

TEST_F(ProfileAcsTls, InsecureIsNotAProfileKey) {
  const std::string yaml = deviceModelSection() + "acs:\n  url: https://acs/\n  insecure: true\n";
  auto e = errorFor(yaml);
  ASSERT_TRUE(e);
  EXPECT_PROFILE_ERROR_AT(*e, file(), lineOf(yaml, "insecure"), "acs.insecure");
  EXPECT_MESSAGE_HAS(*e, "cpemu run --insecure");
}

TEST_F(ProfileAcsTls, UnknownAcsKeyListsTheTlsKeys) {
  const std::string yaml = deviceModelSection() + "acs:\n  cafile: certs/ca.pem\n";
  auto e = errorFor(yaml);
  ASSERT_TRUE(e);
  EXPECT_PROFILE_ERROR_AT(*e, file(), lineOf(yaml, "cafile"), "acs.cafile");
  EXPECT_MESSAGE_HAS(*e, "ca_file");
}

}  // namespace
}  // namespace cpemu::profile
