// The cpemu command line itself: version, help and the exit status 2 for a command line it cannot parse.
#include <gtest/gtest.h>

#include "cli/run_command.h"

namespace cpemu::test {
namespace {

TEST(CommandLine, VersionPrintsNameAndVersion) {
  auto r = runCpemu({"--version"});
  EXPECT_EQ(r.exitCode, 0) << r.err;
  EXPECT_EQ(r.out, "cpemu 0.1.0\n");
  EXPECT_EQ(r.err, "");
}

TEST(CommandLine, HelpListsTheSubcommands) {
  auto r = runCpemu({"--help"});
  EXPECT_EQ(r.exitCode, 0) << r.err;
  for (const char* sub : {"check", "dump", "schema"}) EXPECT_NE(r.out.find(sub), std::string::npos) << sub;
  EXPECT_NE(r.out.find("--datamodel-path"), std::string::npos);
}

TEST(CommandLine, SubcommandHelpDescribesItsArguments) {
  auto r = runCpemu({"dump", "--help"});
  EXPECT_EQ(r.exitCode, 0) << r.err;
  EXPECT_NE(r.out.find("--index"), std::string::npos);
  EXPECT_NE(r.out.find("--show-secrets"), std::string::npos);
}

TEST(CommandLine, NoSubcommandExitsTwo) {
  auto r = runCpemu({});
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err, "");
}

TEST(CommandLine, UnknownSubcommandExitsTwo) {
  auto r = runCpemu({"frobnicate", "x.yaml"});
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err, "");
}

TEST(CommandLine, MissingArgumentsExitTwo) {
  for (const char* sub : {"check", "dump", "schema"}) {
    SCOPED_TRACE(sub);
    auto r = runCpemu({sub});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_EQ(r.out, "");
    EXPECT_NE(r.err, "");
  }
}

TEST(CommandLine, UnknownOptionExitsTwo) {
  auto r = runCpemu({"check", "--frobnicate", "x.yaml"});
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.err, "");
}

TEST(CommandLine, BadIndexValueExitsTwo) {
  auto r = runCpemu({"dump", "x.yaml", "--index", "seven"});
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.err, "");
}

TEST(CommandLine, ExtraArgumentExitsTwo) {
  auto r = runCpemu({"check", "a.yaml", "b.yaml"});
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.err, "");
}

}  // namespace
}  // namespace cpemu::test
