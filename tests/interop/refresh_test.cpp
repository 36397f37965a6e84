// Bootstrap and a refresh of the whole tree against GenieACS: every parameter GenieACS stored after
// `refreshObject Device` (GetParameterNames, then GetParameterValues in batches) has the type, the
// writability and the value `cpemu dump` prints for the same profile, and GenieACS stored no parameter
// that `cpemu dump` does not print.
#include <map>
#include <set>

#include "cli/run_command.h"
#include "device/clock.h"
#include "interop/genieacs_test_fixture.h"
#include "support/shipped_profiles.h"
#include "support/test_paths.h"

namespace cpemu::interop {
namespace {

using nlohmann::json;

struct DumpRow {
  std::string type;
  std::string access;
  std::string value;
};

// `cpemu dump PROFILE`: path -> type, access, value (see docs/cli.md for the stable format).
std::map<std::string, DumpRow> dump(const std::string& profile) {
  auto r = test::runCpemu({"dump", (test::profilesDir() / profile).string()});
  EXPECT_EQ(r.exitCode, 0) << r.err;
  std::map<std::string, DumpRow> rows;
  std::istringstream in(r.out);
  for (std::string line; std::getline(in, line);) {
    std::vector<std::string> f;
    std::size_t begin = 0;
    for (std::size_t tab; (tab = line.find('\t', begin)) != std::string::npos; begin = tab + 1)
      f.push_back(line.substr(begin, tab - begin));
    f.push_back(line.substr(begin));
    if (f.size() != 4) {
      ADD_FAILURE() << "bad dump line: " << line;
      continue;
    }
    std::string value;  // undo the dump's escapes
    for (std::size_t i = 0; i < f[3].size(); ++i) {
      if (f[3][i] != '\\' || i + 1 == f[3].size()) {
        value += f[3][i];
        continue;
      }
      char c = f[3][++i];
      value += c == 't' ? '\t' : c == 'n' ? '\n' : c == 'r' ? '\r' : c;
    }
    rows[f[0]] = {f[1], f[2], value};
  }
  return rows;
}

// Every parameter GenieACS holds under `node` (objects have "_object": true; parameters a "_type").
void genieParameters(const json& node, const std::string& path, std::map<std::string, const json*>& out) {
  if (!node.is_object()) return;
  if (node.contains("_type")) {
    out[path] = &node;
    return;
  }
  for (const auto& [name, child] : node.items())
    if (!name.starts_with("_")) genieParameters(child, path.empty() ? name : path + "." + name, out);
}

// dateTime values: GenieACS keeps them as instants and writes them back with milliseconds.
std::string normalised(const std::string& type, const std::string& value) {
  if (type != "dateTime") return value;
  std::string whole = value;
  if (auto dot = value.find('.'); dot != std::string::npos && value.ends_with("Z")) {
    if (value.substr(dot + 1, value.size() - dot - 2).find_first_not_of('0') != std::string::npos) return value;
    whole = value.substr(0, dot) + "Z";
  }
  auto t = device::parseDateTime(whole);  // none for years before 1970, such as the Unknown Time
  return t ? device::formatDateTime(*t) : whole;
}

// Values that differ from the profile for reasons the test knows: behaviours move them, the test's own
// provision and command line set them.
std::set<std::string> movingParameters(const std::string& profile) {
  std::set<std::string> out = {"Device.ManagementServer.URL", "Device.ManagementServer.ConnectionRequestURL",
                               "Device.ManagementServer.ConnectionRequestUsername",
                               "Device.ManagementServer.ConnectionRequestPassword"};
  const auto& b = test::shippedProfile(profile)->profile().behaviours;
  for (const auto& c : b.counters) out.insert(c.path);
  for (const auto& w : b.walks) out.insert(w.path);
  for (const auto& step : b.timeline)
    for (const auto& [path, value] : step.set) out.insert(path);
  return out;
}

class RefreshAgainstGenieAcs : public GenieAcsTest {
 protected:
  void bootstrapRefreshAndCompare(const std::string& profile, const std::string& deviceId) {
    provisionConnectionRequestCredentials();
    runDevice(profile);
    ASSERT_TRUE(waitForInform(deviceId, [](const SeenInform& i) { return i.hasEvent("0 BOOTSTRAP"); }))
        << deviceLogs();
    ASSERT_EQ(acs().task(deviceId, {{"name", "refreshObject"}, {"objectName", "Device"}}, std::chrono::seconds(60)),
              200)
        << acs().faults().dump(2) << deviceLogs();
    auto document = acs().device(deviceId);
    ASSERT_TRUE(document);
    std::map<std::string, const json*> stored;
    genieParameters((*document)["Device"], "Device", stored);
    const auto rows = dump(profile);
    ASSERT_GT(rows.size(), 100u);
    const auto moving = movingParameters(profile);
    std::size_t compared = 0;
    for (const auto& [path, row] : rows) {
      auto it = stored.find(path);
      if (it == stored.end()) {
        ADD_FAILURE() << path << " is in cpemu dump but GenieACS did not store it";
        continue;
      }
      const json& node = *it->second;
      EXPECT_EQ(node.value("_type", ""), "xsd:" + row.type) << path;
      EXPECT_EQ(node.value("_writable", false), row.access != "readOnly") << path;
      if (moving.count(path)) continue;
      EXPECT_EQ(normalised(row.type, genieValueText(node)), normalised(row.type, row.value)) << path;
      ++compared;
    }
    for (const auto& [path, node] : stored)
      EXPECT_TRUE(rows.count(path)) << path << " is stored by GenieACS but not in cpemu dump";
    EXPECT_GT(compared, rows.size() * 9 / 10);
    EXPECT_EQ(acs().faults(), json::array()) << deviceLogs();
    RecordProperty("parameters_compared", std::to_string(compared));
  }
};

TEST_F(RefreshAgainstGenieAcs, GatewayBootstrapsAndEveryStoredValueEqualsCpemuDump) {
  bootstrapRefreshAndCompare("gateway.yaml", "02C9E1-CPG2400-GW00000001");
}

TEST_F(RefreshAgainstGenieAcs, SetTopBoxBootstrapsAndEveryStoredValueEqualsCpemuDump) {
  bootstrapRefreshAndCompare("stb.yaml", "02C9E2-CMS4000-STB00000001");
}

}  // namespace
}  // namespace cpemu::interop
