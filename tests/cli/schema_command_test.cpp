// `cpemu schema FILE...`: one line per model, model=NAME objects=N parameters=M.
#include <gtest/gtest.h>

#include <algorithm>

#include "cli/run_command.h"
#include "support/test_paths.h"

namespace cpemu::test {
namespace {

TEST(SchemaCommand, OfficialTr181FullModelCounts) {
  CPEMU_REQUIRE_BBF_FILE(file, "tr-181-2-19-1-cwmp-full.xml");
  auto r = runCpemu({"schema", file.string()});
  EXPECT_EQ(r.exitCode, 0) << r.err;
  EXPECT_EQ(r.out, "model=Device:2.19 objects=873 parameters=7343\n");
}

TEST(SchemaCommand, SeveralFilesPrintOneLineEachInOrder) {
  std::string device = (datamodelsDir() / "cpemu-device-2.xml").string();
  std::string stb = (datamodelsDir() / "cpemu-stbservice-1.xml").string();
  auto forward = runCpemu({"schema", device, stb});
  ASSERT_EQ(forward.exitCode, 0) << forward.err;
  auto newline = forward.out.find('\n');
  ASSERT_NE(newline, std::string::npos);
  std::string deviceLine = forward.out.substr(0, newline + 1);
  std::string stbLine = forward.out.substr(newline + 1);
  EXPECT_EQ(deviceLine.rfind("model=Device:2.19 objects=", 0), 0u) << forward.out;
  EXPECT_EQ(stbLine.rfind("model=STBService:1.4 objects=", 0), 0u) << forward.out;
  EXPECT_EQ(std::count(forward.out.begin(), forward.out.end(), '\n'), 2);

  auto backward = runCpemu({"schema", stb, device});
  ASSERT_EQ(backward.exitCode, 0) << backward.err;
  EXPECT_EQ(backward.out, stbLine + deviceLine);
}

TEST(SchemaCommand, SameFileTwicePrintsItTwice) {
  std::string stb = (datamodelsDir() / "cpemu-stbservice-1.xml").string();
  auto once = runCpemu({"schema", stb});
  auto twice = runCpemu({"schema", stb, stb});
  ASSERT_EQ(twice.exitCode, 0) << twice.err;
  EXPECT_EQ(twice.out, once.out + once.out);
}

TEST(SchemaCommand, OfficialFilesInOneCallEachGetTheirLine) {
  CPEMU_REQUIRE_BBF_FILE(tr181, "tr-181-2-19-1-cwmp-full.xml");
  CPEMU_REQUIRE_BBF_FILE(tr135, "tr-135-1-4-1-cwmp-full.xml");
  auto r = runCpemu({"schema", tr181.string(), tr135.string()});
  EXPECT_EQ(r.exitCode, 0) << r.err;
  EXPECT_EQ(r.out,
            "model=Device:2.19 objects=873 parameters=7343\n"
            "model=STBService:1.4 objects=99 parameters=518\n");
}

TEST(SchemaCommand, MissingFileExitsOneWithItsName) {
  auto r = runCpemu({"schema", "/nonexistent/model.xml"});
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_NE(r.err.find("/nonexistent/model.xml"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace cpemu::test
