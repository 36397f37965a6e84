// Every mistake in a profile is a ProfileError naming the file, the 1-based line, the dotted key and, for
// values the data model refuses, the CWMP fault an ACS would get (docs/profiles.md "Errors").
#include <gtest/gtest.h>

#include "profile/profile_workspace.h"

namespace cpemu::profile {
namespace {

using test::columnOf;
using test::deviceModelSection;
using test::lineOf;
using test::ProfileWorkspace;

class ProfileErrors : public ::testing::Test {
 protected:
  // Writes `yaml` as p.yaml and returns the error building it gives (the test fails if none).
  std::optional<ProfileError> errorFor(const std::string& yaml) {
    ws.write("p.yaml", yaml);
    return ws.buildError("p.yaml");
  }
  std::filesystem::path file() const { return ws.dir() / "p.yaml"; }

  ProfileWorkspace ws;
};

TEST_F(ProfileErrors, UnknownTopLevelKey) {
  const std::string yaml =
      deviceModelSection() + "description: x\nvaluez:\n  Device.DeviceInfo.Description: y\n";
  auto e = errorFor(yaml);
  ASSERT_TRUE(e);
  EXPECT_PROFILE_ERROR_AT(*e, file(), lineOf(yaml, "valuez"), "valuez");
  EXPECT_EQ(e->where().column, 1);
  EXPECT_MESSAGE_HAS(*e, "unknown key");
  EXPECT_MESSAGE_HAS(*e, "values");  // the known keys are listed
}

TEST_F(ProfileErrors, UnknownIdentityKey) {
  const std::string yaml = deviceModelSection() + "identity:\n  manufacturer: Acme\n  colour: blue\n";
  auto e = errorFor(yaml);
  ASSERT_TRUE(e);
  EXPECT_PROFILE_ERROR_AT(*e, file(), lineOf(yaml, "colour"), "identity.colour");
  EXPECT_EQ(e->where().column, 3);
  EXPECT_MESSAGE_HAS(*e, "unknown key");
  EXPECT_MESSAGE_HAS(*e, "serial_number");
}

TEST_F(ProfileErrors, UnknownAcsAndConnectionRequestKeys) {
  const std::string acs = deviceModelSection() + "acs:\n  uri: http://x/\n";
  auto e = errorFor(acs);
  ASSERT_TRUE(e);
  EXPECT_PROFILE_ERROR_AT(*e, file(), lineOf(acs, "uri"), "acs.uri");

  const std::string cr = deviceModelSection() + "connection_request:\n  host: h\n  hots: h\n";
  e = errorFor(cr);
  ASSERT_TRUE(e);
  EXPECT_PROFILE_ERROR_AT(*e, file(), lineOf(cr, "hots"), "connection_request.hots");
  EXPECT_MESSAGE_HAS(*e, "allow_basic");  // the known keys include the non-parameter ones
}

TEST_F(ProfileErrors, YamlSyntaxErrorNamesTheLineOfTheError) {
  const std::string yaml = deviceModelSection() + "identity:\n  manufacturer: a: b\n";
  auto e = errorFor(yaml);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->where().file, file().string());
  EXPECT_EQ(e->where().line, lineOf(yaml, "manufacturer"));
  EXPECT_GT(e->where().column, 0);
  EXPECT_MESSAGE_HAS(*e, "YAML syntax error");
}

TEST_F(ProfileErrors, YamlSyntaxErrorInUnclosedFlowSequence) {
  const std::string yaml = deviceModelSection() + "values:\n  Device.DeviceInfo.Description: [a, b\n";
  auto e = errorFor(yaml);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->where().file, file().string());
  EXPECT_GE(e->where().line, lineOf(yaml, "Description"));
  EXPECT_MESSAGE_HAS(*e, "YAML syntax error");
}

TEST_F(ProfileErrors, ValueOfTheWrongTypeIsFault9006) {
  const std::string yaml =
      deviceModelSection() + "acs:\n  url: http://x/\n  periodic_inform_interval: often\n";
  auto e = errorFor(yaml);
  ASSERT_TRUE(e);
  EXPECT_PROFILE_ERROR_AT(*e, file(), lineOf(yaml, "often"), "acs.periodic_inform_interval");
  EXPECT_EQ(e->where().column, columnOf(yaml, "often"));  // the value, not the key
  EXPECT_MESSAGE_HAS(*e, "fault 9006");
  EXPECT_MESSAGE_HAS(*e, "Device.ManagementServer.PeriodicInformInterval");
}

TEST_F(ProfileErrors, BooleanWrittenAsYesIsFault9006) {
  const std::string yaml = deviceModelSection() + "values:\n  Device.ManagementServer.EnableCWMP: yes\n";
  auto e = errorFor(yaml);
  ASSERT_TRUE(e);
  EXPECT_PROFILE_ERROR_AT(*e, file(), lineOf(yaml, "EnableCWMP"),
                          "values.Device.ManagementServer.EnableCWMP");
  EXPECT_MESSAGE_HAS(*e, "fault 9006");
}

TEST_F(ProfileErrors, ValueOutOfRangeIsFault9007) {
  const std::string yaml = deviceModelSection() + "acs:\n  periodic_inform_interval: 0\n";
  auto e = errorFor(yaml);
  ASSERT_TRUE(e);
  EXPECT_PROFILE_ERROR_AT(*e, file(), lineOf(yaml, "periodic_inform_interval"),
                          "acs.periodic_inform_interval");
  EXPECT_MESSAGE_HAS(*e, "fault 9007");
}

TEST_F(ProfileErrors, ValueOutsideTheEnumerationIsFault9007) {
  const std::string yaml = deviceModelSection() + "values:\n  Device.Time.Status: Dancing\n";
  auto e = errorFor(yaml);
  ASSERT_TRUE(e);
  EXPECT_PROFILE_ERROR_AT(*e, file(), lineOf(yaml, "Dancing"), "values.Device.Time.Status");
  EXPECT_MESSAGE_HAS(*e, "fault 9007");
}

TEST_F(ProfileErrors, ValueNotMatchingThePatternIsFault9007) {
  const std::string yaml = deviceModelSection() + "identity:\n  manufacturer_oui: \"02ab01\"\n";
  auto e = errorFor(yaml);
  ASSERT_TRUE(e);
  EXPECT_PROFILE_ERROR_AT(*e, file(), lineOf(yaml, "02ab01"), "identity.manufacturer_oui");
  EXPECT_MESSAGE_HAS(*e, "pattern");
  EXPECT_MESSAGE_HAS(*e, "fault 9007");
}

TEST_F(ProfileErrors, ValueTooLongIsFault9007) {
  const std::string yaml =
      deviceModelSection() + "identity:\n  manufacturer: \"" + std::string(65, 'x') + "\"\n";
  auto e = errorFor(yaml);
  ASSERT_TRUE(e);
  EXPECT_PROFILE_ERROR_AT(*e, file(), lineOf(yaml, "manufacturer:"), "identity.manufacturer");
  EXPECT_MESSAGE_HAS(*e, "fault 9007");
}

TEST_F(ProfileErrors, UnknownParameterIsFault9005) {
  const std::string yaml = deviceModelSection() +
                           "values:\n  Device.DeviceInfo.Description: ok\n"
                           "  Device.DeviceInfo.Colour: red\n";
  auto e = errorFor(yaml);
  ASSERT_TRUE(e);
  EXPECT_PROFILE_ERROR_AT(*e, file(), lineOf(yaml, "Colour"), "values.Device.DeviceInfo.Colour");
  EXPECT_MESSAGE_HAS(*e, "fault 9005");
}

TEST_F(ProfileErrors, UnknownParameterInNestedMappingNamesTheFullDottedKey) {
  const std::string yaml = deviceModelSection() +
                           "values:\n  Device.DeviceInfo:\n    MemoryStatus:\n"
                           "      Totl: 5\n";
  auto e = errorFor(yaml);
  ASSERT_TRUE(e);
  EXPECT_PROFILE_ERROR_AT(*e, file(), lineOf(yaml, "Totl"), "values.Device.DeviceInfo.MemoryStatus.Totl");
  EXPECT_MESSAGE_HAS(*e, "fault 9005");
}

TEST_F(ProfileErrors, InstancePathNotEndingInANumber) {
  const std::string yaml = deviceModelSection() + "instances:\n  Device.Users.User:\n";
  auto e = errorFor(yaml);
  ASSERT_TRUE(e);
  EXPECT_PROFILE_ERROR_AT(*e, file(), lineOf(yaml, "Device.Users.User"), "instances.Device.Users.User");
  EXPECT_MESSAGE_HAS(*e, "instance number");
}

TEST_F(ProfileErrors, BadTemplatePlaceholder) {
  const std::string yaml = deviceModelSection() + "identity:\n  serial_number: \"SN{idx}\"\n";
  auto e = errorFor(yaml);
  ASSERT_TRUE(e);
  EXPECT_PROFILE_ERROR_AT(*e, file(), lineOf(yaml, "serial_number"), "identity.serial_number");
  EXPECT_MESSAGE_HAS(*e, "bad template");
  EXPECT_MESSAGE_HAS(*e, "{idx}");
}

TEST_F(ProfileErrors, BadTemplateInValuesInstancesAndConnectionRequest) {
  const std::string values = deviceModelSection() + "values:\n  Device.DeviceInfo.Description: \"a}\"\n";
  auto e = errorFor(values);
  ASSERT_TRUE(e);
  EXPECT_PROFILE_ERROR_AT(*e, file(), lineOf(values, "Description"), "values.Device.DeviceInfo.Description");

  const std::string inst =
      deviceModelSection() + "instances:\n  Device.IP.Interface.1:\n    Name: \"{mac:1}\"\n";
  e = errorFor(inst);
  ASSERT_TRUE(e);
  EXPECT_PROFILE_ERROR_AT(*e, file(), lineOf(inst, "Name"), "instances.Device.IP.Interface.1.Name");

  const std::string cr = deviceModelSection() + "connection_request:\n  path: \"/cr/{serail}\"\n";
  e = errorFor(cr);
  ASSERT_TRUE(e);
  EXPECT_PROFILE_ERROR_AT(*e, file(), lineOf(cr, "path"), "connection_request.path");
  EXPECT_MESSAGE_HAS(*e, "bad template");
}

TEST_F(ProfileErrors, SerialNumberContainingSerialIsAnError) {
  const std::string yaml = deviceModelSection() + "identity:\n  serial_number: \"SN{serial}\"\n";
  auto e = errorFor(yaml);
  ASSERT_TRUE(e);
  EXPECT_PROFILE_ERROR_AT(*e, file(), lineOf(yaml, "serial_number"), "identity.serial_number");
  EXPECT_MESSAGE_HAS(*e, "{serial}");
}

TEST_F(ProfileErrors, OnlyTheFinalSerialNumberMustNotContainSerial) {
  ws.write("parent.yaml", deviceModelSection() + "identity:\n  serial_number: \"SN{serial}\"\n");
  ws.write("child.yaml", "extends: parent.yaml\nidentity:\n  serial_number: \"SN{index}\"\n");
  EXPECT_NO_THROW(ws.build("child.yaml"));
}

TEST_F(ProfileErrors, MissingDataModelFileListsWhereItLooked) {
  const std::string yaml = "description: x\ndatamodels:\n  - no-such-model.xml\n";
  ws.write("p.yaml", yaml);
  ProfileLoader loader({ws.dir() / "first", ws.dir() / "second"});
  try {
    loader.load(file());
    FAIL() << "loaded";
  } catch (const ProfileError& e) {
    EXPECT_PROFILE_ERROR_AT(e, file(), lineOf(yaml, "no-such-model"), "datamodels[0]");
    EXPECT_MESSAGE_HAS(e, "'no-such-model.xml' not found");
    EXPECT_MESSAGE_HAS(e, (ws.dir() / "no-such-model.xml").string());
    EXPECT_MESSAGE_HAS(e, (ws.dir() / "first" / "no-such-model.xml").string());
    EXPECT_MESSAGE_HAS(e, (ws.dir() / "second" / "no-such-model.xml").string());
    EXPECT_MESSAGE_HAS(e, "--datamodel-path");
  }
}

TEST_F(ProfileErrors, MissingSecondDataModelNamesItsIndex) {
  const std::string yaml = deviceModelSection() + "  - /nonexistent/model.xml\n";
  auto e = errorFor(yaml);
  ASSERT_TRUE(e);
  EXPECT_PROFILE_ERROR_AT(*e, file(), lineOf(yaml, "/nonexistent"), "datamodels[1]");
  EXPECT_MESSAGE_HAS(*e, "/nonexistent/model.xml");
}

TEST_F(ProfileErrors, BrokenDataModelXmlIsReportedAtTheProfileEntry) {
  ws.write("broken.xml",
           "<?xml version=\"1.0\"?>\n<dm:document "
           "xmlns:dm=\"urn:broadband-forum-org:cwmp:datamodel-1-14\">\n<model\n");
  const std::string yaml = "datamodels:\n  - broken.xml\n";
  auto e = errorFor(yaml);
  ASSERT_TRUE(e);
  EXPECT_PROFILE_ERROR_AT(*e, file(), 2, "datamodels[0]");
  EXPECT_MESSAGE_HAS(*e, "broken.xml");
}

TEST_F(ProfileErrors, ProfileWithoutDataModelsIsAnError) {
  auto e = errorFor("description: nothing\n");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->where().file, file().string());
  EXPECT_EQ(e->where().key, "datamodels");
  EXPECT_MESSAGE_HAS(*e, "no data-model files");
}

TEST_F(ProfileErrors, ServiceModelAloneIsNotARootModel) {
  auto e =
      errorFor("datamodels:\n  - \"" + (test::datamodelsDir() / "cpemu-stbservice-1.xml").string() + "\"\n");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->where().key, "datamodels");
  EXPECT_MESSAGE_HAS(*e, "root data model");
}

TEST_F(ProfileErrors, WrongShapesAreReportedWithTheirKey) {
  struct Case {
    std::string body, needle, key, message;
  };
  const std::vector<Case> cases = {
      {"datamodels: one.xml\n", "one.xml", "datamodels", "list"},
      {"identity: Acme\n", "Acme", "identity", "mapping"},
      {"identity:\n  manufacturer: [a, b]\n", "[a, b]", "identity.manufacturer", "single value"},
      {"values:\n  - a\n", "- a", "values", "mapping"},
      {"values:\n  Device.DeviceInfo.Description.: x\n", "Description.",
       "values.Device.DeviceInfo.Description.", "trailing dot"},
      {"instances:\n  Device.IP.Interface.1: x\n", ": x", "instances.Device.IP.Interface.1", "mapping"},
      {"connection_request:\n  port: 70000\n", "70000", "connection_request.port", "TCP port"},
      {"connection_request:\n  port: 0\n", "port", "connection_request.port", "TCP port"},
      {"connection_request:\n  port: http\n", "http", "connection_request.port", "TCP port"},
      {"connection_request:\n  path: cr\n", "path", "connection_request.path", "must start with '/'"},
      {"connection_request:\n  allow_basic: yes\n", "yes", "connection_request.allow_basic", "true or false"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.body);
    const std::string yaml = "description: shapes\n" + c.body;
    auto e = errorFor(yaml);
    ASSERT_TRUE(e);
    EXPECT_PROFILE_ERROR_AT(*e, file(), lineOf(yaml, c.needle), c.key);
    EXPECT_MESSAGE_HAS(*e, c.message);
  }
}

TEST_F(ProfileErrors, TopLevelThatIsNotAMappingIsAnError) {
  auto e = errorFor("- a\n- b\n");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->where().file, file().string());
  EXPECT_EQ(e->where().line, 1);
}

TEST_F(ProfileErrors, MissingProfileFileIsAnError) {
  auto e = ws.buildError("absent.yaml");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->where().file, (ws.dir() / "absent.yaml").string());
  EXPECT_MESSAGE_HAS(*e, "no such profile file");
}

TEST_F(ProfileErrors, WhatStartsWithFileLineColumnAndKey) {
  const std::string yaml = deviceModelSection() + "identity:\n  colour: blue\n";
  auto e = errorFor(yaml);
  ASSERT_TRUE(e);
  std::string expected =
      file().string() + ":" + std::to_string(lineOf(yaml, "colour")) + ":3: identity.colour: ";
  EXPECT_EQ(std::string(e->what()).substr(0, expected.size()), expected);
}

TEST_F(ProfileErrors, PerDeviceValueThatOnlyFailsForSomeIndexesFailsWhenThatDeviceIsBuilt) {
  const std::string yaml = deviceModelSection() + R"(instances:
  Device.IP.Interface.1.IPv4Address.1:
    IPAddress: "192.0.2.{index}"
)";
  ws.write("p.yaml", yaml);
  auto t = ws.build("p.yaml");  // device 1 is fine
  EXPECT_NO_THROW(t->instantiate(255));
  try {
    t->instantiate(256);
    FAIL() << "192.0.2.256 was accepted";
  } catch (const ProfileError& e) {
    EXPECT_PROFILE_ERROR_AT(e, file(), lineOf(yaml, "192.0.2"),
                            "instances.Device.IP.Interface.1.IPv4Address.1.IPAddress");
    EXPECT_MESSAGE_HAS(e, "device index 256");
    EXPECT_MESSAGE_HAS(e, "fault 9007");
  }
}

}  // namespace
}  // namespace cpemu::profile
