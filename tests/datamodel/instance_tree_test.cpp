// InstanceTree: one device's data model as the ACS and the device see it — names and faults of TR-069
// A.3.2 (Get/SetParameterValues, GetParameterNames, Add/DeleteObject, SetParameterAttributes), the
// views of hidden values, and the sharing of unchanged nodes between copies.
//
// Most tests use our own TR-181 subset (datamodels/cpemu-device-2.xml); a few need facets it does not
// have (a bounded table, writeOnceReadOnly) and use the small loader fixture model X:1.0.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "datamodel/instance_tree.h"
#include "datamodel/model_loader.h"
#include "support/test_paths.h"

namespace cpemu::datamodel {
namespace {

constexpr int k9003 = static_cast<int>(FaultCode::InvalidArguments);
constexpr int k9004 = static_cast<int>(FaultCode::ResourcesExceeded);
constexpr int k9005 = static_cast<int>(FaultCode::InvalidParameterName);
constexpr int k9006 = static_cast<int>(FaultCode::InvalidParameterType);
constexpr int k9007 = static_cast<int>(FaultCode::InvalidParameterValue);
constexpr int k9008 = static_cast<int>(FaultCode::NonWritableParameter);
constexpr int k9009 = static_cast<int>(FaultCode::NotificationRequestRejected);

// Loaded once: the schema is immutable and every test builds its own tree over it.
const std::shared_ptr<const Schema>& deviceSchema() {
  static const std::shared_ptr<const Schema> schema = [] {
    ModelLoader loader;
    auto models = loader.load(test::datamodelsDir() / "cpemu-device-2.xml");
    return Schema::build(*models.at(0), {}, "Device.Services.");
  }();
  return schema;
}

std::shared_ptr<const Schema> loadFixtureSchema(const char* file) {
  ModelLoader loader;
  auto models = loader.load(test::fixturesDir() / "datamodel" / file);
  return Schema::build(*models.at(0));
}

const std::shared_ptr<const Schema>& fixtureSchema() {
  static const std::shared_ptr<const Schema> schema = loadFixtureSchema("loader-root.xml");
  return schema;
}

class DeviceTree : public ::testing::Test {
 protected:
  InstanceTree tree{deviceSchema()};

  std::string value(std::string_view path, ReadView view = ReadView::Acs) const {
    auto r = tree.get(path, view);
    EXPECT_FALSE(r.fault) << path << ": " << r.fault.message;
    return r.value;
  }
  std::uint32_t add(std::string_view table, WriteOrigin origin = WriteOrigin::Acs) {
    auto r = tree.addObject(table, origin);
    EXPECT_FALSE(r.fault) << table << ": " << r.fault.message;
    return r.value;
  }
  std::vector<ParameterName> names(std::string_view path, bool nextLevel) const {
    std::vector<ParameterName> out;
    Fault f = tree.getNames(path, nextLevel, out);
    EXPECT_FALSE(f) << path << ": " << f.message;
    return out;
  }
  std::vector<ParameterValue> values(std::string_view path, ReadView view = ReadView::Acs) const {
    std::vector<ParameterValue> out;
    Fault f = tree.getValues(path, out, view);
    EXPECT_FALSE(f) << path << ": " << f.message;
    return out;
  }
};

std::vector<std::string> pathsOf(const std::vector<ParameterName>& names) {
  std::vector<std::string> out;
  for (const auto& n : names) out.push_back(n.path);
  return out;
}

std::vector<std::string> pathsOf(const std::vector<ParameterValue>& values) {
  std::vector<std::string> out;
  for (const auto& v : values) out.push_back(v.path);
  return out;
}

std::vector<std::string> sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

std::ptrdiff_t indexOf(const std::vector<std::string>& v, std::string_view item) {
  auto it = std::find(v.begin(), v.end(), item);
  return it == v.end() ? -1 : it - v.begin();
}

const ParameterName* findName(const std::vector<ParameterName>& names, std::string_view path) {
  for (const auto& n : names)
    if (n.path == path) return &n;
  return nullptr;
}

// ---- get -------------------------------------------------------------------------------------------

TEST_F(DeviceTree, Get_ReturnsDefaultsOfAFreshDevice) {
  EXPECT_EQ(value("Device.ManagementServer.EnableCWMP"), "true");  // <default type="factory">
  EXPECT_EQ(value("Device.IP.IPv4Enable"), "false");               // boolean without default
  EXPECT_EQ(value("Device.IP.InterfaceNumberOfEntries"), "0");
  EXPECT_EQ(value("Device.DeviceInfo.FirstUseDate"), "0001-01-01T00:00:00Z");  // dateTime "unknown"
  EXPECT_EQ(value("Device.ManagementServer.Username"), "");
}

TEST_F(DeviceTree, Get_InstanceParametersStartAtTheirObjectDefaults) {
  add("Device.IP.Interface.");
  EXPECT_EQ(value("Device.IP.Interface.1.Enable"), "false");
  EXPECT_EQ(value("Device.IP.Interface.1.Status"), "Down");
  EXPECT_EQ(value("Device.IP.Interface.1.Type"), "Normal");
  EXPECT_EQ(value("Device.IP.Interface.1.MaxMTUSize"), "0");
}

TEST_F(DeviceTree, Get_ListDefaultWrittenAsEmptyBracketsReadsAsEmpty) {
  add("Device.Ethernet.Link.");  // LowerLayers: <default type="object" value="[]"/>
  EXPECT_EQ(value("Device.Ethernet.Link.1.LowerLayers"), "");
}

TEST_F(DeviceTree, Get_AnythingThatIsNotAnExistingParameterIs9005) {
  add("Device.IP.Interface.");
  for (const char* path : {"",
                           "Device",
                           "Device.",
                           "Device.Nope",
                           "Device.IP.Nope",
                           "Nope.IP.IPv4Enable",
                           "InternetGatewayDevice.IP.IPv4Enable",
                           "Device.IP.",                    // an object, not a parameter
                           "Device.IP",                     // an object without its trailing dot
                           "Device.IP.IPv4Enable.",         // a parameter with a trailing dot
                           "Device..IP.IPv4Enable",         // empty segment
                           "Device.IP.Interface.2.Enable",  // no such instance
                           "Device.IP.Interface.0.Enable",  // instance numbers start at 1
                           "Device.IP.Interface.Enable",    // a parameter of the table itself
                           "Device.IP.Interface.1",         // an instance without its trailing dot
                           "Device.IP.Interface.1.Enable.Foo",
                           "Device.IP.Interface.-1.Enable",
                           "Device.IP.Interface.{i}.Enable",
                           "Device.IP.Interface.x.Enable",
                           "device.IP.IPv4Enable",
                           "Device.IP.IPv4Enable "}) {
    auto r = tree.get(path);
    EXPECT_EQ(r.fault.number(), k9005) << "'" << path << "'";
    EXPECT_TRUE(r.value.empty());
  }
}

TEST_F(DeviceTree, Get_FaultMessageNamesThePath) {
  auto r = tree.get("Device.IP.Nope");
  EXPECT_NE(r.fault.message.find("Device.IP.Nope"), std::string::npos) << r.fault.message;
}

TEST_F(DeviceTree, HasObject_NeedsTheTrailingDotAndAnExistingInstance) {
  EXPECT_TRUE(tree.hasObject("Device."));
  EXPECT_TRUE(tree.hasObject("Device.IP."));
  EXPECT_TRUE(tree.hasObject("Device.IP.Interface."));  // the table exists while empty
  EXPECT_FALSE(tree.hasObject("Device.IP"));
  EXPECT_FALSE(tree.hasObject("Device.IP.Interface.1."));
  add("Device.IP.Interface.");
  EXPECT_TRUE(tree.hasObject("Device.IP.Interface.1."));
  EXPECT_TRUE(tree.hasObject("Device.IP.Interface.1.Stats."));
  EXPECT_FALSE(tree.hasObject("Device.IP.Interface.0."));
  EXPECT_FALSE(tree.hasObject("Device.IP.Interface.1.Enable"));  // a parameter
  EXPECT_FALSE(tree.hasObject("Device.IP.IPv4Enable."));
}

TEST_F(DeviceTree, FindParameter_ReturnsTheDefinitionOfAnExistingParameter) {
  add("Device.IP.Interface.");
  const ParameterDef* def = tree.findParameter("Device.IP.Interface.1.MaxMTUSize");
  ASSERT_NE(def, nullptr);
  EXPECT_EQ(def->name, "MaxMTUSize");
  EXPECT_EQ(def->syntax.type, BaseType::UnsignedInt);
  EXPECT_EQ(tree.findParameter("Device.IP.Interface.2.MaxMTUSize"), nullptr);
  EXPECT_EQ(tree.findParameter("Device.IP.Interface.1."), nullptr);
}

// ---- getValues -------------------------------------------------------------------------------------

TEST_F(DeviceTree, GetValues_FullNameReturnsExactlyThatParameter) {
  auto out = values("Device.IP.IPv4Capable");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].path, "Device.IP.IPv4Capable");
  EXPECT_EQ(out[0].value, "false");
  ASSERT_NE(out[0].def, nullptr);
  EXPECT_EQ(out[0].def->name, "IPv4Capable");
}

TEST_F(DeviceTree, GetValues_PartialPathReturnsEveryParameterBeneathInDocumentOrder) {
  add("Device.IP.Interface.");
  add("Device.IP.Interface.1.IPv4Address.");
  auto paths = pathsOf(values("Device.IP.Interface.1."));

  // The instance's own parameters first, as the XML lists them.
  ASSERT_GE(paths.size(), 5u);
  EXPECT_EQ(std::vector<std::string>(paths.begin(), paths.begin() + 5),
            (std::vector<std::string>{"Device.IP.Interface.1.Enable", "Device.IP.Interface.1.IPv4Enable",
                                      "Device.IP.Interface.1.Status", "Device.IP.Interface.1.Alias",
                                      "Device.IP.Interface.1.Name"}));
  // Then sub-objects in the order they are defined: IPv4Address before Stats.
  auto address = indexOf(paths, "Device.IP.Interface.1.IPv4Address.1.IPAddress");
  auto stats = indexOf(paths, "Device.IP.Interface.1.Stats.BytesSent");
  auto lastOwn = indexOf(paths, "Device.IP.Interface.1.IPv4AddressNumberOfEntries");
  ASSERT_GE(address, 0);
  ASSERT_GE(stats, 0);
  EXPECT_LT(lastOwn, address);
  EXPECT_LT(address, stats);

  // Exactly the parameters of the instance, its one IPv4Address and its Stats (the other tables are empty).
  const Schema& s = tree.schema();
  std::size_t expected = s.findObject("Device.IP.Interface.{i}.")->parameters.size() +
                         s.findObject("Device.IP.Interface.{i}.IPv4Address.{i}.")->parameters.size() +
                         s.findObject("Device.IP.Interface.{i}.Stats.")->parameters.size();
  EXPECT_EQ(paths.size(), expected);
  for (const auto& p : paths) EXPECT_TRUE(p.starts_with("Device.IP.Interface.1.")) << p;
  EXPECT_EQ(std::set<std::string>(paths.begin(), paths.end()).size(), paths.size()) << "duplicates";
}

TEST_F(DeviceTree, GetValues_TableListsItsInstancesInNumberOrder) {
  add("Device.IP.Interface.");
  add("Device.IP.Interface.");
  auto paths = pathsOf(values("Device.IP.Interface."));
  auto first = indexOf(paths, "Device.IP.Interface.1.Enable");
  auto second = indexOf(paths, "Device.IP.Interface.2.Enable");
  ASSERT_GE(first, 0);
  ASSERT_GE(second, 0);
  EXPECT_LT(first, second);
  EXPECT_LT(indexOf(paths, "Device.IP.Interface.1.Stats.BytesSent"), second);  // instance 1 complete first
}

TEST_F(DeviceTree, GetValues_EmptyPathReturnsTheWholeTree) {
  add("Device.IP.Interface.");
  auto all = values("");
  std::size_t visited = 0;
  tree.forEachParameter([&](const std::string&, const ParameterDef&, std::string_view) { ++visited; });
  EXPECT_EQ(all.size(), visited);
  auto paths = pathsOf(all);
  EXPECT_EQ(paths.front(), "Device.RootDataModelVersion");
  EXPECT_GE(indexOf(paths, "Device.IP.Interface.1.Enable"), 0);
  EXPECT_EQ(pathsOf(values("Device.")), paths);
}

TEST_F(DeviceTree, GetValues_UnknownPathsAre9005) {
  add("Device.IP.Interface.");
  for (const char* path : {"Device.IP", "Device.IP.Interface.2.", "Device.IP.Interface.0.", "Device.Nope.",
                           "Device.IP.IPv4Enable.", "Other."}) {
    std::vector<ParameterValue> out;
    EXPECT_EQ(tree.getValues(path, out).number(), k9005) << path;
    EXPECT_TRUE(out.empty()) << path;
  }
}

// ---- getNames (TR-069 A.3.2.3) ---------------------------------------------------------------------

TEST_F(DeviceTree, GetNames_EmptyPathWithNextLevelReturnsOnlyTheRoot) {
  auto out = names("", true);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].path, "Device.");
  EXPECT_FALSE(out[0].writable);
}

TEST_F(DeviceTree, GetNames_EmptyPathWithoutNextLevelReturnsEveryObjectAndParameter) {
  add("Device.IP.Interface.");
  auto paths = pathsOf(names("", false));
  EXPECT_EQ(paths.front(), "Device.");
  std::set<std::string> all(paths.begin(), paths.end());
  EXPECT_EQ(all.size(), paths.size()) << "duplicates";
  tree.forEachParameter([&](const std::string& path, const ParameterDef&, std::string_view) {
    EXPECT_TRUE(all.count(path)) << path;
  });
  for (const char* object : {"Device.IP.", "Device.IP.Interface.", "Device.IP.Interface.1.",
                             "Device.IP.Interface.1.IPv4Address.", "Device.Services."})
    EXPECT_TRUE(all.count(object)) << object;
}

TEST_F(DeviceTree, GetNames_PartialPathWithoutNextLevelIncludesItselfAndAllDescendants) {
  add("Device.IP.Interface.");
  add("Device.IP.Interface.1.IPv4Address.");
  auto paths = pathsOf(names("Device.IP.Interface.1.", false));
  ASSERT_FALSE(paths.empty());
  EXPECT_EQ(paths.front(), "Device.IP.Interface.1.");
  for (const char* p : {"Device.IP.Interface.1.Enable", "Device.IP.Interface.1.IPv4Address.",
                        "Device.IP.Interface.1.IPv4Address.1.",
                        "Device.IP.Interface.1.IPv4Address.1.IPAddress", "Device.IP.Interface.1.IPv6Address.",
                        "Device.IP.Interface.1.Stats.", "Device.IP.Interface.1.Stats.BytesSent"})
    EXPECT_GE(indexOf(paths, p), 0) << p;
  for (const auto& p : paths) EXPECT_TRUE(p.starts_with("Device.IP.Interface.1.")) << p;
  // Every parameter beneath appears, and nothing else besides objects.
  std::size_t parameters = 0;
  for (const auto& p : paths)
    if (!p.ends_with('.')) ++parameters;
  EXPECT_EQ(parameters, values("Device.IP.Interface.1.").size());
}

TEST_F(DeviceTree, GetNames_NextLevelListsOnlyTheImmediateChildrenIncludingTables) {
  add("Device.IP.Interface.");
  auto paths = pathsOf(names("Device.IP.", true));
  EXPECT_EQ(sorted(paths), sorted({"Device.IP.IPv4Capable", "Device.IP.IPv4Enable", "Device.IP.IPv4Status",
                                   "Device.IP.IPv6Capable", "Device.IP.IPv6Enable", "Device.IP.IPv6Status",
                                   "Device.IP.ULAPrefix", "Device.IP.InterfaceNumberOfEntries",
                                   "Device.IP.Interface.", "Device.IP.Diagnostics."}));
}

TEST_F(DeviceTree, GetNames_NextLevelOnATableListsItsInstancesInNumberOrder) {
  EXPECT_TRUE(names("Device.IP.Interface.", true).empty());
  add("Device.IP.Interface.");
  add("Device.IP.Interface.");
  add("Device.IP.Interface.");
  ASSERT_FALSE(tree.deleteObject("Device.IP.Interface.2.", WriteOrigin::Acs));
  ASSERT_TRUE(tree.addObject("Device.IP.Interface.", WriteOrigin::Device, 2u));
  EXPECT_EQ(pathsOf(names("Device.IP.Interface.", true)),
            (std::vector<std::string>{"Device.IP.Interface.1.", "Device.IP.Interface.2.",
                                      "Device.IP.Interface.3."}));
}

TEST_F(DeviceTree, GetNames_NextLevelOnAnInstanceListsItsParametersAndSubObjects) {
  add("Device.IP.Interface.");
  auto paths = pathsOf(names("Device.IP.Interface.1.", true));
  EXPECT_GE(indexOf(paths, "Device.IP.Interface.1.Enable"), 0);
  EXPECT_GE(indexOf(paths, "Device.IP.Interface.1.IPv4Address."), 0);
  EXPECT_GE(indexOf(paths, "Device.IP.Interface.1.Stats."), 0);
  EXPECT_LT(indexOf(paths, "Device.IP.Interface.1."), 0);
  EXPECT_LT(indexOf(paths, "Device.IP.Interface.1.Stats.BytesSent"), 0);
}

TEST_F(DeviceTree, GetNames_FullParameterNameWithNextLevelIs9003) {
  std::vector<ParameterName> out;
  EXPECT_EQ(tree.getNames("Device.IP.IPv4Enable", true, out).number(), k9003);
  EXPECT_TRUE(out.empty());
}

TEST_F(DeviceTree, GetNames_FullParameterNameWithoutNextLevelReturnsThatParameter) {
  auto out = names("Device.IP.IPv4Enable", false);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].path, "Device.IP.IPv4Enable");
  EXPECT_TRUE(out[0].writable);
}

TEST_F(DeviceTree, GetNames_UnknownPathsAre9005) {
  for (const char* path :
       {"Device.IP", "Device.Nope.", "Device.IP.Interface.1.", "Device.IP.Interface.0.", "Device.IP.Nope"}) {
    std::vector<ParameterName> out;
    EXPECT_EQ(tree.getNames(path, false, out).number(), k9005) << path;
    EXPECT_EQ(tree.getNames(path, true, out).number(), k9005) << path;
    EXPECT_TRUE(out.empty()) << path;
  }
}

TEST_F(DeviceTree, GetNames_WritableFlagsFollowAccessOfParametersTablesAndInstances) {
  add("Device.IP.Interface.");
  add("Device.DeviceInfo.VendorConfigFile.", WriteOrigin::Device);
  auto all = names("", false);
  auto writable = [&](std::string_view path) {
    const ParameterName* n = findName(all, path);
    EXPECT_NE(n, nullptr) << path;
    return n && n->writable;
  };
  EXPECT_TRUE(writable("Device.IP.IPv4Enable"));    // readWrite parameter
  EXPECT_FALSE(writable("Device.IP.IPv4Capable"));  // readOnly parameter
  EXPECT_FALSE(writable("Device.IP."));             // single-instance object
  EXPECT_TRUE(writable("Device.IP.Interface."));    // the ACS may AddObject
  EXPECT_TRUE(writable("Device.IP.Interface.1."));  // the ACS may DeleteObject
  EXPECT_FALSE(writable("Device.IP.Interface.1.Stats."));
  EXPECT_FALSE(writable("Device.DeviceInfo.VendorConfigFile."));  // read-only table
  EXPECT_FALSE(writable("Device.DeviceInfo.VendorConfigFile.1."));
  EXPECT_FALSE(writable("Device.IP.InterfaceNumberOfEntries"));
}

// ---- addObject / deleteObject ----------------------------------------------------------------------

TEST_F(DeviceTree, AddObject_NumbersFromOneAndNeverReusesANumber) {
  EXPECT_EQ(add("Device.IP.Interface."), 1u);
  EXPECT_EQ(add("Device.IP.Interface."), 2u);
  EXPECT_EQ(add("Device.IP.Interface."), 3u);
  ASSERT_FALSE(tree.deleteObject("Device.IP.Interface.3.", WriteOrigin::Acs));
  EXPECT_EQ(add("Device.IP.Interface."), 4u);
  ASSERT_FALSE(tree.deleteObject("Device.IP.Interface.1.", WriteOrigin::Acs));
  ASSERT_FALSE(tree.deleteObject("Device.IP.Interface.2.", WriteOrigin::Acs));
  ASSERT_FALSE(tree.deleteObject("Device.IP.Interface.4.", WriteOrigin::Acs));
  EXPECT_EQ(add("Device.IP.Interface."), 5u);  // even when the table is empty again
}

TEST_F(DeviceTree, AddObject_NestedTablesNumberIndependently) {
  add("Device.IP.Interface.");
  add("Device.IP.Interface.");
  EXPECT_EQ(add("Device.IP.Interface.1.IPv4Address."), 1u);
  EXPECT_EQ(add("Device.IP.Interface.1.IPv4Address."), 2u);
  EXPECT_EQ(add("Device.IP.Interface.2.IPv4Address."), 1u);
}

TEST_F(DeviceTree, AddObject_DeviceMayChooseAFreeNumberAndLaterNumbersContinueAboveIt) {
  EXPECT_EQ(tree.addObject("Device.IP.Interface.", WriteOrigin::Device, 7u).value, 7u);
  EXPECT_EQ(add("Device.IP.Interface."), 8u);
  EXPECT_EQ(tree.addObject("Device.IP.Interface.", WriteOrigin::Device, 3u).value, 3u);
  EXPECT_EQ(add("Device.IP.Interface."), 9u);
  auto taken = tree.addObject("Device.IP.Interface.", WriteOrigin::Device, 7u);
  EXPECT_EQ(taken.fault.number(), k9003);
  EXPECT_EQ(value("Device.IP.InterfaceNumberOfEntries"), "4");
}

TEST_F(DeviceTree, AddObject_AssignsTheCpeAlias) {
  add("Device.IP.Interface.");
  add("Device.IP.Interface.");
  EXPECT_EQ(value("Device.IP.Interface.1.Alias"), "cpe-1");
  EXPECT_EQ(value("Device.IP.Interface.2.Alias"), "cpe-2");
  add("Device.Users.User.");
  EXPECT_EQ(value("Device.Users.User.1.Alias"), "cpe-1");
}

TEST_F(DeviceTree, AddObject_OnReadOnlyTableIsRefusedForAcsButAllowedForDevice) {
  auto refused = tree.addObject("Device.DeviceInfo.VendorConfigFile.", WriteOrigin::Acs);
  EXPECT_TRUE(refused.fault);
  EXPECT_FALSE(tree.hasObject("Device.DeviceInfo.VendorConfigFile.1."));
  EXPECT_EQ(value("Device.DeviceInfo.VendorConfigFileNumberOfEntries"), "0");

  EXPECT_EQ(add("Device.DeviceInfo.VendorConfigFile.", WriteOrigin::Device), 1u);
  EXPECT_TRUE(tree.hasObject("Device.DeviceInfo.VendorConfigFile.1."));
}

TEST_F(DeviceTree, AddObject_OnSomethingThatIsNotATableIs9005) {
  add("Device.IP.Interface.");
  for (const char* path : {"Device.IP.", "Device.IP.Interface", "Device.IP.Interface.1.",
                           "Device.IP.IPv4Enable", "Device.Nope.", "Device.IP.Interface.0.", ""}) {
    EXPECT_EQ(tree.addObject(path, WriteOrigin::Device).fault.number(), k9005) << "'" << path << "'";
  }
  EXPECT_EQ(value("Device.IP.InterfaceNumberOfEntries"), "1");
}

TEST(InstanceTree, AddObject_BeyondMaxEntriesIs9004) {
  InstanceTree tree(fixtureSchema());  // X.Widget.Item.{i}. has maxEntries="3"
  for (std::uint32_t n = 1; n <= 3; ++n)
    EXPECT_EQ(tree.addObject("X.Widget.Item.", WriteOrigin::Acs).value, n);
  auto full = tree.addObject("X.Widget.Item.", WriteOrigin::Acs);
  EXPECT_EQ(full.fault.number(), k9004);
  EXPECT_EQ(tree.addObject("X.Widget.Item.", WriteOrigin::Device).fault.number(),
            k9004);  // for the device too
  EXPECT_EQ(tree.get("X.Widget.ItemNumberOfEntries").value, "3");
  // Deleting one makes room again; the number still moves on.
  ASSERT_FALSE(tree.deleteObject("X.Widget.Item.2.", WriteOrigin::Acs));
  EXPECT_EQ(tree.addObject("X.Widget.Item.", WriteOrigin::Acs).value, 4u);
}

TEST_F(DeviceTree, DeleteObject_RemovesTheInstanceWithEverythingBeneath) {
  add("Device.IP.Interface.");
  add("Device.IP.Interface.");
  add("Device.IP.Interface.1.IPv4Address.");
  ASSERT_FALSE(tree.deleteObject("Device.IP.Interface.1.", WriteOrigin::Acs));
  EXPECT_FALSE(tree.hasObject("Device.IP.Interface.1."));
  EXPECT_FALSE(tree.hasObject("Device.IP.Interface.1.IPv4Address.1."));
  EXPECT_EQ(tree.get("Device.IP.Interface.1.IPv4Address.1.IPAddress").fault.number(), k9005);
  EXPECT_TRUE(tree.hasObject("Device.IP.Interface.2."));
}

TEST_F(DeviceTree, DeleteObject_OfSomethingThatIsNotAnInstanceIs9005) {
  add("Device.IP.Interface.");
  for (const char* path : {"Device.IP.Interface.2.", "Device.IP.Interface.0.", "Device.IP.Interface.",
                           "Device.IP.Interface.1", "Device.IP.", "Device.IP.Interface.1.Enable", ""}) {
    EXPECT_EQ(tree.deleteObject(path, WriteOrigin::Acs).number(), k9005) << "'" << path << "'";
  }
  EXPECT_TRUE(tree.hasObject("Device.IP.Interface.1."));
}

TEST_F(DeviceTree, DeleteObject_InReadOnlyTableIsRefusedForAcsButAllowedForDevice) {
  add("Device.DeviceInfo.VendorConfigFile.", WriteOrigin::Device);
  EXPECT_TRUE(tree.deleteObject("Device.DeviceInfo.VendorConfigFile.1.", WriteOrigin::Acs));
  EXPECT_TRUE(tree.hasObject("Device.DeviceInfo.VendorConfigFile.1."));
  EXPECT_FALSE(tree.deleteObject("Device.DeviceInfo.VendorConfigFile.1.", WriteOrigin::Device));
  EXPECT_FALSE(tree.hasObject("Device.DeviceInfo.VendorConfigFile.1."));
}

TEST_F(DeviceTree, NumberOfEntries_AlwaysEqualsTheNumberOfInstances) {
  auto check = [&] {
    EXPECT_EQ(value("Device.IP.InterfaceNumberOfEntries"),
              std::to_string(names("Device.IP.Interface.", true).size()));
    for (const auto& instance : names("Device.IP.Interface.", true))
      EXPECT_EQ(value(instance.path + "IPv4AddressNumberOfEntries"),
                std::to_string(names(instance.path + "IPv4Address.", true).size()));
  };
  check();
  add("Device.IP.Interface.");
  check();
  add("Device.IP.Interface.");
  add("Device.IP.Interface.2.IPv4Address.");
  add("Device.IP.Interface.2.IPv4Address.");
  check();
  ASSERT_FALSE(tree.deleteObject("Device.IP.Interface.2.IPv4Address.1.", WriteOrigin::Acs));
  check();
  ASSERT_FALSE(tree.deleteObject("Device.IP.Interface.1.", WriteOrigin::Acs));
  check();
  EXPECT_EQ(value("Device.IP.InterfaceNumberOfEntries"), "1");
  EXPECT_EQ(value("Device.IP.Interface.2.IPv4AddressNumberOfEntries"), "1");
}

TEST_F(DeviceTree, NumberOfEntries_CannotBeSetEvenByTheDevice) {
  add("Device.IP.Interface.");
  EXPECT_EQ(tree.set("Device.IP.InterfaceNumberOfEntries", "5", WriteOrigin::Device).number(), k9008);
  EXPECT_EQ(tree.set("Device.IP.InterfaceNumberOfEntries", "5", WriteOrigin::Acs).number(), k9008);
  EXPECT_EQ(value("Device.IP.InterfaceNumberOfEntries"), "1");
}

// ---- set / setAll ----------------------------------------------------------------------------------

TEST_F(DeviceTree, Set_StoresTheCanonicalForm) {
  ASSERT_FALSE(tree.set("Device.IP.IPv4Enable", "1", WriteOrigin::Acs));
  EXPECT_EQ(value("Device.IP.IPv4Enable"), "true");
  add("Device.IP.Interface.");
  ASSERT_FALSE(tree.set("Device.IP.Interface.1.MaxMTUSize", "+01500", WriteOrigin::Acs));
  EXPECT_EQ(value("Device.IP.Interface.1.MaxMTUSize"), "1500");
}

TEST_F(DeviceTree, Set_ReadOnlyParameterIs9008ForAcsButAllowedForDevice) {
  Fault refused = tree.set("Device.IP.IPv4Capable", "true", WriteOrigin::Acs);
  EXPECT_EQ(refused.number(), k9008);
  EXPECT_NE(refused.message.find("Device.IP.IPv4Capable"), std::string::npos) << refused.message;
  EXPECT_EQ(value("Device.IP.IPv4Capable"), "false");
  ASSERT_FALSE(tree.set("Device.IP.IPv4Capable", "1", WriteOrigin::Device));
  EXPECT_EQ(value("Device.IP.IPv4Capable"), "true");
}

TEST_F(DeviceTree, Set_FaultsForWrongNameTypeAndValue) {
  add("Device.IP.Interface.");
  EXPECT_EQ(tree.set("Device.IP.Nope", "1", WriteOrigin::Acs).number(), k9005);
  EXPECT_EQ(tree.set("Device.IP.", "1", WriteOrigin::Acs).number(), k9005);
  EXPECT_EQ(tree.set("Device.IP.Interface.2.Enable", "1", WriteOrigin::Acs).number(), k9005);
  EXPECT_EQ(tree.set("Device.IP.Interface.1.MaxMTUSize", "big", WriteOrigin::Acs).number(), k9006);
  EXPECT_EQ(tree.set("Device.IP.Interface.1.MaxMTUSize", "63", WriteOrigin::Acs).number(), k9007);
  EXPECT_EQ(tree.set("Device.IP.Interface.1.MaxMTUSize", "63", WriteOrigin::Device).number(), k9007);
  EXPECT_EQ(value("Device.IP.Interface.1.MaxMTUSize"), "0");
}

TEST_F(DeviceTree, Set_ReadOnlyEnumerationValueIsRefusedForAcsButAllowedForDevice) {
  const char* state = "Device.IP.Diagnostics.IPPing.DiagnosticsState";
  EXPECT_EQ(tree.set(state, "Complete", WriteOrigin::Acs).number(), k9007);
  ASSERT_FALSE(tree.set(state, "Requested", WriteOrigin::Acs));
  EXPECT_EQ(value(state), "Requested");
  ASSERT_FALSE(tree.set(state, "Complete", WriteOrigin::Device));
  EXPECT_EQ(value(state), "Complete");
}

TEST(InstanceTree, Set_WriteOnceReadOnlyParameterAcceptsOneWriteFromAcs) {
  InstanceTree tree(fixtureSchema());  // X.Serial is writeOnceReadOnly
  ASSERT_FALSE(tree.set("X.Serial", "AB12", WriteOrigin::Acs));
  EXPECT_EQ(tree.get("X.Serial").value, "AB12");
  EXPECT_EQ(tree.set("X.Serial", "CD34", WriteOrigin::Acs).number(), k9008);
  EXPECT_EQ(tree.get("X.Serial").value, "AB12");
  EXPECT_FALSE(tree.set("X.Serial", "CD34", WriteOrigin::Device));
}

TEST_F(DeviceTree, Set_OnlyChangesTheNamedInstance) {
  add("Device.IP.Interface.");
  add("Device.IP.Interface.");
  ASSERT_FALSE(tree.set("Device.IP.Interface.2.Enable", "true", WriteOrigin::Acs));
  EXPECT_EQ(value("Device.IP.Interface.1.Enable"), "false");
  EXPECT_EQ(value("Device.IP.Interface.2.Enable"), "true");
}

TEST_F(DeviceTree, SetAll_AppliesEveryChangeWhenAllAreValid) {
  add("Device.IP.Interface.");
  auto failures = tree.setAll({{"Device.IP.IPv4Enable", "1"},
                               {"Device.IP.Interface.1.Enable", "true"},
                               {"Device.IP.Interface.1.MaxMTUSize", "1500"}},
                              WriteOrigin::Acs);
  EXPECT_TRUE(failures.empty());
  EXPECT_EQ(value("Device.IP.IPv4Enable"), "true");
  EXPECT_EQ(value("Device.IP.Interface.1.Enable"), "true");
  EXPECT_EQ(value("Device.IP.Interface.1.MaxMTUSize"), "1500");
}

TEST_F(DeviceTree, SetAll_RollsBackEveryChangeWhenOneValueIsInvalid) {
  add("Device.IP.Interface.");
  NodePtr before = tree.root();
  auto failures = tree.setAll({{"Device.IP.IPv4Enable", "1"},
                               {"Device.IP.Interface.1.Enable", "true"},
                               {"Device.IP.Interface.1.MaxMTUSize", "10"},
                               {"Device.IP.Interface.1.Loopback", "true"}},
                              WriteOrigin::Acs);
  ASSERT_EQ(failures.size(), 1u);
  EXPECT_EQ(failures[0].index, 2u);
  EXPECT_EQ(failures[0].fault.number(), k9007);
  EXPECT_EQ(value("Device.IP.IPv4Enable"), "false");
  EXPECT_EQ(value("Device.IP.Interface.1.Enable"), "false");
  EXPECT_EQ(value("Device.IP.Interface.1.Loopback"), "false");
  EXPECT_EQ(tree.root(), before);  // not even a copied node remains
}

TEST_F(DeviceTree, SetAll_ReportsOneFailurePerBadEntryWithItsIndexAndFault) {
  add("Device.IP.Interface.");
  auto failures = tree.setAll({{"Device.IP.IPv4Enable", "1"},
                               {"Device.IP.Interface.1.MaxMTUSize", "abc"},
                               {"Device.IP.IPv4Capable", "true"},
                               {"Device.IP.Interface.1.Enable", "true"},
                               {"Device.IP.Nope", "x"},
                               {"Device.IP.Interface.1.MaxMTUSize", "70000"}},
                              WriteOrigin::Acs);
  ASSERT_EQ(failures.size(), 4u);
  EXPECT_EQ(failures[0].index, 1u);
  EXPECT_EQ(failures[0].fault.number(), k9006);
  EXPECT_EQ(failures[1].index, 2u);
  EXPECT_EQ(failures[1].fault.number(), k9008);
  EXPECT_EQ(failures[2].index, 4u);
  EXPECT_EQ(failures[2].fault.number(), k9005);
  EXPECT_EQ(failures[3].index, 5u);
  EXPECT_EQ(failures[3].fault.number(), k9007);
  EXPECT_EQ(value("Device.IP.IPv4Enable"), "false");
  EXPECT_EQ(value("Device.IP.Interface.1.Enable"), "false");
}

TEST_F(DeviceTree, SetAll_FromDeviceMayWriteReadOnlyParameters) {
  auto failures =
      tree.setAll({{"Device.IP.IPv4Capable", "1"}, {"Device.IP.IPv4Status", "Enabled"}}, WriteOrigin::Device);
  EXPECT_TRUE(failures.empty());
  EXPECT_EQ(value("Device.IP.IPv4Capable"), "true");
  EXPECT_EQ(value("Device.IP.IPv4Status"), "Enabled");
}

// ---- what the ACS may read -------------------------------------------------------------------------

TEST_F(DeviceTree, HiddenParameterReadsEmptyForAcsAndRealForDevice) {
  ASSERT_FALSE(tree.set("Device.ManagementServer.Password", "s3cret", WriteOrigin::Acs));
  EXPECT_EQ(value("Device.ManagementServer.Password", ReadView::Acs), "");
  EXPECT_EQ(value("Device.ManagementServer.Password", ReadView::Device), "s3cret");

  for (const auto& v : values("Device.ManagementServer.", ReadView::Acs))
    EXPECT_NE(v.value, "s3cret") << v.path;
  bool seen = false;
  for (const auto& v : values("Device.ManagementServer.", ReadView::Device))
    if (v.path == "Device.ManagementServer.Password") seen = v.value == "s3cret";
  EXPECT_TRUE(seen);
}

TEST_F(DeviceTree, SecuredParameterReadsEmptyForAcsAndRealForDevice) {
  add("Device.Users.User.");
  ASSERT_FALSE(tree.set("Device.Users.User.1.Password", "hunter2", WriteOrigin::Acs));
  EXPECT_EQ(value("Device.Users.User.1.Password", ReadView::Acs), "");
  EXPECT_EQ(value("Device.Users.User.1.Password", ReadView::Device), "hunter2");
  auto viaGetValues = values("Device.Users.User.1.Password", ReadView::Acs);
  ASSERT_EQ(viaGetValues.size(), 1u);
  EXPECT_EQ(viaGetValues[0].value, "");
}

// A command boolean reads back as its type's null value, false (TR-106 A.2.3.5), not as "".
TEST_F(DeviceTree, CommandParameterReadsFalseForAcs) {
  add("Device.IP.Interface.");
  ASSERT_FALSE(tree.set("Device.IP.Interface.1.Reset", "true", WriteOrigin::Acs));
  EXPECT_EQ(value("Device.IP.Interface.1.Reset", ReadView::Acs), "false");
  EXPECT_EQ(value("Device.IP.Interface.1.Reset", ReadView::Device), "true");
}

TEST_F(DeviceTree, ForEachParameter_SeesTheDeviceView) {
  ASSERT_FALSE(tree.set("Device.ManagementServer.Password", "s3cret", WriteOrigin::Acs));
  std::string seen;
  tree.forEachParameter([&](const std::string& path, const ParameterDef&, std::string_view v) {
    if (path == "Device.ManagementServer.Password") seen = v;
  });
  EXPECT_EQ(seen, "s3cret");
}

// ---- notification attribute ------------------------------------------------------------------------

TEST_F(DeviceTree, Notification_IsOffUntilSetAndAcceptsEveryValueFrom0To6) {
  EXPECT_EQ(tree.notification("Device.IP.IPv4Enable").value, 0);
  for (int n = 0; n <= 6; ++n) {
    ASSERT_FALSE(tree.setNotification("Device.IP.IPv4Enable", n)) << n;
    EXPECT_EQ(tree.notification("Device.IP.IPv4Enable").value, n);
  }
}

TEST_F(DeviceTree, Notification_OutOfRangeIs9007) {
  ASSERT_FALSE(tree.setNotification("Device.IP.IPv4Enable", 1));
  EXPECT_EQ(tree.setNotification("Device.IP.IPv4Enable", 7).number(), k9007);
  EXPECT_EQ(tree.setNotification("Device.IP.IPv4Enable", -1).number(), k9007);
  EXPECT_EQ(tree.notification("Device.IP.IPv4Enable").value, 1);
}

TEST_F(DeviceTree, Notification_ActiveIsRejectedWith9009ForCanDenyParameters) {
  // TR-069 A.3.2.4: 2 active, 5 active lightweight, 6 passive + active lightweight; the rest are passive.
  const char* uptime = "Device.DeviceInfo.UpTime";  // activeNotify="canDeny"
  for (int active : {2, 5, 6}) EXPECT_EQ(tree.setNotification(uptime, active).number(), k9009) << active;
  EXPECT_EQ(tree.notification(uptime).value, 0);
  for (int allowed : {0, 1, 3, 4}) {
    EXPECT_FALSE(tree.setNotification(uptime, allowed)) << allowed;
    EXPECT_EQ(tree.notification(uptime).value, allowed);
  }
}

TEST_F(DeviceTree, Notification_OfUnknownParametersOrObjectsIs9005) {
  EXPECT_EQ(tree.setNotification("Device.IP.Nope", 1).number(), k9005);
  EXPECT_EQ(tree.setNotification("Device.IP.", 1).number(), k9005);
  EXPECT_EQ(tree.notification("Device.IP.Nope").fault.number(), k9005);
  EXPECT_EQ(tree.notification("Device.IP.Interface.1.Enable").fault.number(), k9005);
}

TEST_F(DeviceTree, Notification_BelongsToOneInstanceAndSurvivesValueChanges) {
  add("Device.IP.Interface.");
  add("Device.IP.Interface.");
  ASSERT_FALSE(tree.setNotification("Device.IP.Interface.2.Enable", 2));
  ASSERT_FALSE(tree.set("Device.IP.Interface.2.Enable", "true", WriteOrigin::Acs));
  EXPECT_EQ(tree.notification("Device.IP.Interface.2.Enable").value, 2);
  EXPECT_EQ(tree.notification("Device.IP.Interface.1.Enable").value, 0);
  EXPECT_EQ(tree.notification("Device.IP.Interface.2.Status").value, 0);
}

// ---- forced Inform parameters and notified changes (what every Inform reads) ----------------------

const std::shared_ptr<const Schema>& forcedSchema() {
  static const std::shared_ptr<const Schema> schema = loadFixtureSchema("forced-inform.xml");
  return schema;
}

std::vector<std::pair<std::string, std::string>> forcedOf(const InstanceTree& t) {
  std::vector<std::pair<std::string, std::string>> out;
  t.forEachForcedInform([&](const std::string& path, const ParameterDef& def, std::string value) {
    EXPECT_TRUE(def.forcedInform) << path;
    out.emplace_back(path, std::move(value));
  });
  return out;
}

TEST(InstanceTreeForcedInform, VisitsEveryForcedParameterInDocumentOrderAsTheAcsReadsIt) {
  InstanceTree t(forcedSchema());
  ASSERT_TRUE(t.addObject("F.Port.", WriteOrigin::Acs));
  ASSERT_TRUE(t.addObject("F.Port.", WriteOrigin::Acs));
  ASSERT_FALSE(t.set("F.Port.2.Address", "10.0.0.2", WriteOrigin::Acs));
  using Row = std::pair<std::string, std::string>;
  EXPECT_EQ(forcedOf(t), (std::vector<Row>{{"F.Name", "top"},
                                           {"F.Plain.Deep.Key", "deep"},
                                           {"F.Plain.Deep.Secret", ""},  // hidden: empty for the ACS
                                           {"F.Port.1.Address", ""},
                                           {"F.Port.2.Address", "10.0.0.2"}}));
}

TEST(InstanceTreeForcedInform, OnlyBranchesHoldingAForcedParameterAreMarked) {
  const Schema& s = *forcedSchema();
  EXPECT_TRUE(s.root().forcedInformBelow);
  EXPECT_TRUE(s.findObject("F.Plain.")->forcedInformBelow);  // through F.Plain.Deep.
  EXPECT_TRUE(s.findObject("F.Port.{i}.")->forcedInformBelow);
  EXPECT_FALSE(s.findObject("F.Quiet.")->forcedInformBelow);
}

TEST_F(DeviceTree, ForcedInform_MatchesTheForcedParametersOfAFullWalk) {
  std::vector<std::pair<std::string, std::string>> walked;
  tree.forEachParameter([&](const std::string& path, const ParameterDef& def, std::string_view) {
    if (def.forcedInform) walked.emplace_back(path, value(path));
  });
  ASSERT_FALSE(walked.empty());
  EXPECT_EQ(forcedOf(tree), walked);
}

// path -> "value" and/or "attributes N [subscriber]", as forEachDifference reports them.
std::map<std::string, std::string> differences(const InstanceTree& now, const InstanceTree& base) {
  std::map<std::string, std::string> out;
  now.forEachDifference(base, [&](const InstanceTree::ParameterDifference& d) {
    std::string what = d.valueDiffers ? "value" : "";
    if (d.attributesDiffer)
      what += (what.empty() ? "" : ", ") + std::string("attributes ") + std::to_string(d.notification) +
              (d.subscriberAccess ? " subscriber" : "");
    out[d.path] = what;
  });
  return out;
}

std::vector<std::string> changedNotified(const InstanceTree& now, const InstanceTree& before) {
  std::vector<std::string> out;
  now.forEachNotifiedChange(before, [&](const std::string& path, const ParameterDef&, std::string_view value,
                                        int notification) {
    out.push_back(path + "=" + std::string(value) + "/" + std::to_string(notification));
  });
  return out;
}

TEST_F(DeviceTree, NotifiedChange_ReportsOnlyNotifiedParametersWhoseValueChanged) {
  add("Device.IP.Interface.");
  add("Device.IP.Interface.");
  ASSERT_FALSE(tree.setNotification("Device.IP.Interface.1.Enable", 1));
  ASSERT_FALSE(tree.setNotification("Device.IP.Interface.2.Enable", 2));
  ASSERT_FALSE(tree.setNotification("Device.IP.Interface.2.Alias", 1));
  const InstanceTree before = tree;
  EXPECT_TRUE(changedNotified(tree, before).empty());

  ASSERT_FALSE(tree.set("Device.IP.Interface.2.Enable", "true", WriteOrigin::Acs));  // notified, changed
  ASSERT_FALSE(tree.set("Device.IP.Interface.1.Name", "wan", WriteOrigin::Device));  // changed, not notified
  ASSERT_FALSE(tree.set("Device.IP.Interface.2.Alias",                               // notified, same value
                        value("Device.IP.Interface.2.Alias"), WriteOrigin::Acs));
  EXPECT_EQ(changedNotified(tree, before), std::vector<std::string>{"Device.IP.Interface.2.Enable=true/2"});
}

TEST_F(DeviceTree, NotifiedChange_NewAndDeletedInstancesAreNotChanges) {
  add("Device.IP.Interface.");
  add("Device.IP.Interface.");
  ASSERT_FALSE(tree.setNotification("Device.IP.Interface.2.Enable", 1));
  ASSERT_FALSE(tree.setNotification("Device.IP.InterfaceNumberOfEntries", 1));
  const InstanceTree before = tree;
  ASSERT_FALSE(tree.deleteObject("Device.IP.Interface.1.", WriteOrigin::Acs));
  std::uint32_t fresh = add("Device.IP.Interface.");
  ASSERT_FALSE(tree.setNotification("Device.IP.Interface." + std::to_string(fresh) + ".Enable", 1));
  ASSERT_FALSE(tree.set("Device.IP.Interface." + std::to_string(fresh) + ".Enable", "true", WriteOrigin::Acs));
  ASSERT_FALSE(tree.set("Device.IP.Interface.2.Enable", "true", WriteOrigin::Acs));
  // The count is the same (one deleted, one added); instance 2 changed; the new instance is new.
  EXPECT_EQ(changedNotified(tree, before), std::vector<std::string>{"Device.IP.Interface.2.Enable=true/1"});
  ASSERT_FALSE(tree.deleteObject("Device.IP.Interface.2.", WriteOrigin::Acs));
  EXPECT_EQ(changedNotified(tree, before), std::vector<std::string>{"Device.IP.InterfaceNumberOfEntries=1/1"});
}

TEST_F(DeviceTree, NotifiedChange_ForceEnabledParametersCountAsActive) {
  const InstanceTree before = tree;
  ASSERT_FALSE(tree.set("Device.DeviceInfo.SoftwareVersion", "2.0", WriteOrigin::Device));  // forceEnabled
  EXPECT_EQ(changedNotified(tree, before), std::vector<std::string>{"Device.DeviceInfo.SoftwareVersion=2.0/2"});
}

// ---- persistence: copies share, changes do not leak ------------------------------------------------

TEST_F(DeviceTree, Copy_ChangingTheCopyLeavesTheOriginalUnchanged) {
  add("Device.IP.Interface.");
  add("Device.IP.Interface.");
  InstanceTree copy = tree;
  ASSERT_FALSE(copy.set("Device.IP.Interface.1.Enable", "true", WriteOrigin::Acs));
  ASSERT_FALSE(copy.set("Device.IP.IPv4Enable", "true", WriteOrigin::Acs));
  ASSERT_TRUE(copy.addObject("Device.IP.Interface.", WriteOrigin::Acs));
  ASSERT_FALSE(copy.deleteObject("Device.IP.Interface.2.", WriteOrigin::Acs));
  ASSERT_FALSE(copy.setNotification("Device.IP.IPv4Enable", 2));

  EXPECT_EQ(value("Device.IP.Interface.1.Enable"), "false");
  EXPECT_EQ(value("Device.IP.IPv4Enable"), "false");
  EXPECT_TRUE(tree.hasObject("Device.IP.Interface.2."));
  EXPECT_FALSE(tree.hasObject("Device.IP.Interface.3."));
  EXPECT_EQ(value("Device.IP.InterfaceNumberOfEntries"), "2");
  EXPECT_EQ(tree.notification("Device.IP.IPv4Enable").value, 0);

  EXPECT_EQ(copy.get("Device.IP.Interface.1.Enable").value, "true");
  EXPECT_EQ(copy.get("Device.IP.InterfaceNumberOfEntries").value, "2");
  EXPECT_TRUE(copy.hasObject("Device.IP.Interface.3."));
}

TEST_F(DeviceTree, Copy_EverySnapshotKeepsItsStateThroughLaterWritesInPlace) {
  // Writes after a snapshot copy the shared path once and then change this tree's own nodes in place;
  // neither the snapshot taken before nor the one taken between them may see later writes.
  add("Device.IP.Interface.");
  const InstanceTree first = tree;
  ASSERT_FALSE(tree.set("Device.IP.Interface.1.Name", "a", WriteOrigin::Device));
  ASSERT_FALSE(tree.set("Device.IP.Interface.1.Enable", "true", WriteOrigin::Acs));
  const InstanceTree second = tree;
  ASSERT_FALSE(tree.set("Device.IP.Interface.1.Name", "b", WriteOrigin::Device));
  ASSERT_FALSE(tree.setNotification("Device.IP.Interface.1.Name", 2));
  add("Device.IP.Interface.");
  ASSERT_FALSE(tree.set("Device.IP.Interface.2.Name", "c", WriteOrigin::Device));
  EXPECT_EQ(first.get("Device.IP.Interface.1.Name").value, "");
  EXPECT_EQ(first.get("Device.IP.Interface.1.Enable").value, "false");
  EXPECT_EQ(second.get("Device.IP.Interface.1.Name").value, "a");
  EXPECT_EQ(second.get("Device.IP.Interface.1.Enable").value, "true");
  EXPECT_EQ(second.notification("Device.IP.Interface.1.Name").value, 0);
  EXPECT_FALSE(second.hasObject("Device.IP.Interface.2."));
  EXPECT_EQ(value("Device.IP.Interface.1.Name"), "b");
  EXPECT_EQ(value("Device.IP.Interface.2.Name"), "c");
}

TEST_F(DeviceTree, Copy_ChangingTheOriginalLeavesTheCopyUnchanged) {
  add("Device.IP.Interface.");
  InstanceTree copy = tree;
  ASSERT_FALSE(tree.set("Device.IP.Interface.1.Enable", "true", WriteOrigin::Acs));
  ASSERT_FALSE(tree.deleteObject("Device.IP.Interface.1.", WriteOrigin::Acs));
  EXPECT_EQ(copy.get("Device.IP.Interface.1.Enable").value, "false");
  // The copy also keeps its own numbering state.
  EXPECT_EQ(copy.addObject("Device.IP.Interface.", WriteOrigin::Acs).value, 2u);
  EXPECT_EQ(tree.addObject("Device.IP.Interface.", WriteOrigin::Acs).value, 2u);
}

TEST_F(DeviceTree, Slots_WritingASlotBoundParameterChangesOnlyTheSlotTable) {
  auto slots = std::make_shared<InstanceTree::SlotTable>();
  slots->emplace_back(std::string_view("GW-1"));
  ASSERT_FALSE(tree.bindSlot("Device.DeviceInfo.HostName", 0));
  tree.setSlots(slots);
  const InstanceTree snapshot = tree;
  ASSERT_FALSE(tree.set("Device.DeviceInfo.HostName", "renamed", WriteOrigin::Acs));
  EXPECT_EQ(value("Device.DeviceInfo.HostName"), "renamed");
  EXPECT_EQ(tree.root(), snapshot.root());  // no node copied
  EXPECT_EQ(snapshot.get("Device.DeviceInfo.HostName").value, "GW-1");
  EXPECT_EQ((*slots)[0].view(), "GW-1");  // the table the snapshot shares is untouched

  // SetParameterValues stays atomic: a failing entry takes the slot write back too.
  auto failures = tree.setAll({{"Device.DeviceInfo.HostName", "again"}, {"Device.DeviceInfo.Nope", "x"}},
                              WriteOrigin::Acs);
  ASSERT_EQ(failures.size(), 1u);
  EXPECT_EQ(value("Device.DeviceInfo.HostName"), "renamed");

  // The change is seen by a walk over notified changes although every node is shared.
  ASSERT_FALSE(tree.setNotification("Device.DeviceInfo.HostName", 1));
  const InstanceTree notified = tree;
  ASSERT_FALSE(tree.set("Device.DeviceInfo.HostName", "third", WriteOrigin::Acs));
  EXPECT_EQ(changedNotified(tree, notified), std::vector<std::string>{"Device.DeviceInfo.HostName=third/1"});
}

TEST_F(DeviceTree, Difference_ListsChangedValuesAttributesAndWholeNewInstancesOnly) {
  add("Device.IP.Interface.");
  const InstanceTree base = tree;
  EXPECT_TRUE(differences(tree, base).empty());
  ASSERT_FALSE(tree.set("Device.IP.Interface.1.Enable", "true", WriteOrigin::Acs));
  ASSERT_FALSE(tree.setNotification("Device.IP.Interface.1.Name", 1));
  ASSERT_FALSE(tree.setSubscriberAccess("Device.IP.IPv4Enable", true));
  add("Device.IP.Interface.");  // instance 2: every parameter of it is new
  const auto diff = differences(tree, base);
  EXPECT_EQ(diff.count("Device.IP.Interface.1.Enable"), 1u);
  EXPECT_EQ(diff.at("Device.IP.Interface.1.Enable"), "value");
  EXPECT_EQ(diff.at("Device.IP.Interface.1.Name"), "attributes 1");
  EXPECT_EQ(diff.at("Device.IP.IPv4Enable"), "attributes 0 subscriber");
  EXPECT_EQ(diff.at("Device.IP.Interface.2.Enable"), "value");
  EXPECT_EQ(diff.at("Device.IP.InterfaceNumberOfEntries"), "value");  // callers skip counted ones
  std::size_t instance2 = 0, others = 0;
  for (const auto& [path, what] : diff) (path.rfind("Device.IP.Interface.2.", 0) == 0 ? instance2 : others) += 1;
  EXPECT_GT(instance2, 5u);
  EXPECT_EQ(others, 4u) << "only what changed outside the new instance";
}

TEST_F(DeviceTree, BytesNotShared_UnchangedCopyOwnsNothingButItself) {
  add("Device.IP.Interface.");
  InstanceTree copy = tree;
  EXPECT_EQ(copy.bytesNotSharedWith(tree), sizeof(InstanceTree));
  // Setting a value to what it already is keeps sharing too.
  ASSERT_FALSE(copy.set("Device.IP.Interface.1.Enable", "0", WriteOrigin::Acs));
  EXPECT_EQ(copy.bytesNotSharedWith(tree), sizeof(InstanceTree));
}

TEST_F(DeviceTree, BytesNotShared_CopyWithOneChangedValueOwnsOnlyThePathToIt) {
  add("Device.IP.Interface.");
  add("Device.IP.Interface.1.IPv4Address.");
  InstanceTree copy = tree;
  ASSERT_FALSE(copy.set("Device.IP.Interface.1.IPv4Address.1.IPAddress", "192.0.2.1", WriteOrigin::Acs));
  std::size_t owned = copy.bytesNotSharedWith(tree);
  EXPECT_GT(owned, sizeof(InstanceTree));
  EXPECT_LT(owned, 2048u);
  // Measured against a tree that shares nothing, the same device owns far more.
  EXPECT_GT(copy.bytesNotSharedWith(InstanceTree(deviceSchema())), 4 * owned);
}

// cwmp-datamodel-1-14.xsd: hidden, secured (CWMP cannot read it securely) and command parameters "MUST
// always read back as the null value for the parameter's base data type" (TR-106 A.2.3.5). An empty
// xsd:boolean or xsd:int is not a value of its type: GenieACS logs it as invalid.
TEST(InstanceTreeNullValues, HiddenSecuredAndCommandParametersReadBackAsTheirTypesNullValue) {
  const auto schema = loadFixtureSchema("null-values.xml");
  InstanceTree t(schema);
  const std::map<std::string, std::string> expected = {
      {"N.Reset", "false"},   {"N.Count", "0"},     {"N.Units", "0"},
      {"N.Big", "0"},         {"N.BigUnits", "0"},  {"N.Ratio", "0"},
      {"N.When", "0001-01-01T00:00:00Z"},           {"N.Blob", ""},
      {"N.Hex", ""},          {"N.Words", ""},      {"N.Password", ""},
      {"N.Pin", "0"},         {"N.Enabled", "false"}};
  std::vector<ParameterValue> all;
  ASSERT_FALSE(t.getValues("N.", all, ReadView::Acs));
  ASSERT_EQ(all.size(), expected.size());
  for (const auto& v : all) EXPECT_EQ(v.value, expected.at(v.path)) << v.path;
  // The device itself still sees what is stored.
  EXPECT_EQ(t.get("N.Reset", ReadView::Device).value, "true");
  EXPECT_EQ(t.get("N.Pin", ReadView::Device).value, "1234");
  EXPECT_EQ(t.get("N.When", ReadView::Device).value, "2026-01-01T00:00:00Z");
}

}  // namespace
}  // namespace cpemu::datamodel
