// Reading ACS scripts: the accepted forms, and errors that name file, line and key.
#include <gtest/gtest.h>

#include "acs/acs_script.h"
#include "support/temp_dir.h"

namespace cpemu::acs {
namespace {

// The ScriptError from parsing `text`; fails the test when there is none.
ScriptError errorFrom(const std::string& text, const std::string& name = "bad.yaml") {
  try {
    parseAcsScript(text, name);
  } catch (const ScriptError& e) {
    return e;
  }
  ADD_FAILURE() << "no ScriptError for:\n" << text;
  return ScriptError({}, "");
}

TEST(AcsScriptTest, UnknownRpc_NamesFileLineAndKey) {
  const auto e = errorFrom(
      "sessions:\n"
      "  - rpcs:\n"
      "      - GetParameterValues: [A.]\n"
      "      - GetParameterValue: [Device.]\n");
  EXPECT_EQ(e.where().file, "bad.yaml");
  EXPECT_EQ(e.where().line, 4);
  EXPECT_EQ(e.where().key, "sessions[0].rpcs[1].GetParameterValue");
  EXPECT_NE(std::string(e.what()).find("bad.yaml:4:"), std::string::npos) << e.what();
  EXPECT_NE(std::string(e.what()).find("unknown RPC 'GetParameterValue'"), std::string::npos) << e.what();
}

TEST(AcsScriptTest, UnknownField_NamesTheMisspeltKeyAndTheRightOnes) {
  const auto e = errorFrom(
      "sessions:\n"
      "  - rpcs:\n"
      "      - SetParameterValues:\n"
      "          ParameterList: [{Name: A.b, Value: '1'}]\n"
      "          ParamKey: k1\n");
  EXPECT_EQ(e.where().line, 5);
  EXPECT_EQ(e.where().key, "sessions[0].rpcs[0].SetParameterValues.ParamKey");
  EXPECT_NE(std::string(e.what()).find("ParameterList, ParameterKey"), std::string::npos) << e.what();
}

TEST(AcsScriptTest, UnknownFieldInsideAStruct_IsNamed) {
  const auto e = errorFrom(
      "sessions:\n"
      "  - rpcs:\n"
      "      - SetParameterValues:\n"
      "          ParameterList:\n"
      "            - {Name: A.b, Valeu: '1'}\n");
  EXPECT_EQ(e.where().line, 5);
  EXPECT_EQ(e.where().key, "sessions[0].rpcs[0].SetParameterValues.ParameterList[0].Valeu");
}

TEST(AcsScriptTest, WrongShape_IsNamed) {
  const auto mapForList = errorFrom(
      "sessions:\n"
      "  - rpcs:\n"
      "      - GetParameterValues: {ParameterNames: {a: b}}\n");
  EXPECT_EQ(mapForList.where().line, 3);
  EXPECT_EQ(mapForList.where().key, "sessions[0].rpcs[0].GetParameterValues.ParameterNames");

  const auto notANumber = errorFrom(
      "sessions:\n"
      "  - rpcs:\n"
      "      - ScheduleInform: {DelaySeconds: soon}\n");
  EXPECT_EQ(notANumber.where().key, "sessions[0].rpcs[0].ScheduleInform.DelaySeconds");
  EXPECT_NE(std::string(notANumber.what()).find("unsigned integer"), std::string::npos);

  const auto notABoolean = errorFrom(
      "sessions:\n"
      "  - rpcs:\n"
      "      - GetParameterNames: {ParameterPath: Device., NextLevel: maybe}\n");
  EXPECT_EQ(notABoolean.where().key, "sessions[0].rpcs[0].GetParameterNames.NextLevel");

  const auto twoNames = errorFrom(
      "sessions:\n"
      "  - rpcs:\n"
      "      - {Reboot: {}, FactoryReset: {}}\n");
  EXPECT_EQ(twoNames.where().key, "sessions[0].rpcs[0]");
}

TEST(AcsScriptTest, MissingRequiredField_IsNamed) {
  const auto e = errorFrom(
      "sessions:\n"
      "  - rpcs:\n"
      "      - Download: {URL: http://files/fw.bin}\n");
  EXPECT_EQ(e.where().key, "sessions[0].rpcs[0].Download");
  EXPECT_NE(std::string(e.what()).find("'FileType'"), std::string::npos) << e.what();
}

TEST(AcsScriptTest, UnknownTopLevelAndSessionKeys_AreNamed) {
  EXPECT_EQ(errorFrom("sesions: []\n").where().key, "sesions");
  const auto e = errorFrom("sessions:\n  - rpc: [Reboot]\n");
  EXPECT_EQ(e.where().key, "sessions[0].rpc");
  EXPECT_EQ(e.where().line, 2);
  EXPECT_EQ(errorFrom("sessions:\n  - match: {evnt: '1 BOOT'}\n    rpcs: []\n").where().key,
            "sessions[0].match.evnt");
  EXPECT_EQ(errorFrom("cwmp_version: '2.0'\n").where().key, "cwmp_version");
}

TEST(AcsScriptTest, BadRawXml_IsNamed) {
  const auto e = errorFrom(
      "sessions:\n"
      "  - rpcs:\n"
      "      - raw: '<cwmp:ChangeDUState><Operations></cwmp:ChangeDUState>'\n");
  EXPECT_EQ(e.where().line, 3);
  EXPECT_EQ(e.where().key, "sessions[0].rpcs[0].raw");
}

TEST(AcsScriptTest, SyntaxError_NamesTheLine) {
  const auto e = errorFrom("sessions:\n  - rpcs: [Reboot\n  - x: ]\n");
  EXPECT_EQ(e.where().file, "bad.yaml");
  EXPECT_GT(e.where().line, 1);
  EXPECT_NE(std::string(e.what()).find("syntax error"), std::string::npos) << e.what();
}

TEST(AcsScriptTest, ErrorsInAFile_NameThePath) {
  cpemu::test::TempDir dir;
  const auto file = dir.write("script.yaml", "sessions:\n  - rpcs:\n      - Rebot\n");
  try {
    loadAcsScript(file);
    FAIL() << "no error";
  } catch (const ScriptError& e) {
    EXPECT_EQ(e.where().file, file.string());
    EXPECT_EQ(e.where().line, 3);
    EXPECT_NE(std::string(e.what()).find(file.string() + ":3:"), std::string::npos) << e.what();
  }
  EXPECT_THROW(loadAcsScript(dir.path() / "missing.yaml"), ScriptError);
}

TEST(AcsScriptTest, JsonScripts_AreReadToo) {
  const auto script = parseAcsScript(R"({
    "cwmp_version": "1.2",
    "sessions": [
      {"match": {"event": ["0 BOOTSTRAP", "1 BOOT"], "serial": "GW1"},
       "rpcs": [{"GetParameterValues": {"ParameterNames": ["Device."]}}, "Reboot"]}
    ],
    "default": {"rpcs": [{"raw": "<cwmp:GetOptions><OptionName/></cwmp:GetOptions>"}]}
  })",
                                     "script.json");
  EXPECT_EQ(script.cwmpVersion.value_or(""), "1.2");
  ASSERT_EQ(script.sessions.size(), 1u);
  EXPECT_EQ(script.sessions[0].match.events, (std::vector<std::string>{"0 BOOTSTRAP", "1 BOOT"}));
  EXPECT_EQ(script.sessions[0].match.serialNumber.value_or(""), "GW1");
  ASSERT_EQ(script.sessions[0].rpcs.size(), 2u);
  EXPECT_EQ(script.sessions[0].rpcs[0].method, "GetParameterValues");
  EXPECT_EQ(script.sessions[0].rpcs[1].method, "Reboot");
  ASSERT_EQ(script.defaultSession.rpcs.size(), 1u);
  EXPECT_EQ(script.defaultSession.rpcs[0].method, "GetOptions");
}

TEST(AcsScriptTest, ShortForms_FillTheRpcsMainField) {
  const auto script = parseAcsScript(R"(
sessions:
  - rpcs:
      - GetParameterValues: Device.DeviceInfo.
      - GetParameterNames: Device.
      - AddObject: Device.NAT.PortMapping.
      - Reboot: r1
      - FactoryReset
)",
                                     "short.yaml");
  const auto& rpcs = script.sessions.at(0).rpcs;
  ASSERT_EQ(rpcs.size(), 5u);
  EXPECT_NE(rpcs[0].bodyXml.find("<string>Device.DeviceInfo.</string>"), std::string::npos)
      << rpcs[0].bodyXml;
  EXPECT_NE(rpcs[1].bodyXml.find("<ParameterPath>Device.</ParameterPath>"), std::string::npos);
  EXPECT_NE(rpcs[1].bodyXml.find("<NextLevel>false</NextLevel>"), std::string::npos);
  EXPECT_NE(rpcs[2].bodyXml.find("<ObjectName>Device.NAT.PortMapping.</ObjectName>"), std::string::npos);
  EXPECT_NE(rpcs[2].bodyXml.find("<ParameterKey></ParameterKey>"), std::string::npos);
  EXPECT_NE(rpcs[3].bodyXml.find("<CommandKey>r1</CommandKey>"), std::string::npos);
  EXPECT_EQ(rpcs[4].bodyXml, "<cwmp:FactoryReset/>");
}

TEST(AcsScriptTest, ValuesAreEscaped) {
  const auto script = parseAcsScript(
      "sessions:\n  - rpcs:\n      - SetParameterValues: [{Name: A.b, Value: \"<x & 'y'>\"}]\n", "esc.yaml");
  EXPECT_NE(script.sessions[0].rpcs[0].bodyXml.find("&lt;x &amp; &apos;y&apos;&gt;"), std::string::npos)
      << script.sessions[0].rpcs[0].bodyXml;
}

TEST(AcsScriptTest, EmptyScript_GivesEverySessionNoRpcs) {
  const auto script = parseAcsScript("", "empty.yaml");
  EXPECT_TRUE(script.sessions.empty());
  EXPECT_TRUE(script.defaultSession.rpcs.empty());
}

}  // namespace
}  // namespace cpemu::acs
