// DeviceStore against real database files: what a device saves comes back exactly, a fresh database has
// nothing for it, and a damaged file is an error that names it.
#include <gtest/gtest.h>

#include <fstream>
#include <map>

#include "cli/run_command.h"
#include "datamodel/model_loader.h"
#include "profile/device_template.h"
#include "profile/profile_loader.h"
#include "store/device_store.h"
#include "support/temp_dir.h"
#include "support/shipped_profiles.h"
#include "support/test_paths.h"

namespace cpemu::store {
namespace {

using datamodel::ReadView;
using datamodel::WriteOrigin;

std::shared_ptr<const profile::DeviceTemplate> gateway() { return test::shippedProfile("gateway.yaml"); }

std::map<std::string, std::string> allValues(const device::Device& d) {
  std::map<std::string, std::string> out;
  d.tree().forEachParameter([&](const std::string& path, const datamodel::ParameterDef&, std::string_view v) {
    out[path] = std::string(v);
  });
  return out;
}

TEST(DeviceStore, RoundTripRestoresValuesInstancesNumberingAttributesEventsTransfersAndFlag) {
  test::TempDir dir;
  device::Device d(gateway(), 1);
  auto& tree = d.tree();
  ASSERT_EQ(tree.addObject("Device.NAT.PortMapping.", WriteOrigin::Acs).value, 2u);
  ASSERT_EQ(tree.addObject("Device.NAT.PortMapping.", WriteOrigin::Acs).value, 3u);
  ASSERT_FALSE(tree.deleteObject("Device.NAT.PortMapping.2.", WriteOrigin::Acs));
  ASSERT_FALSE(tree.deleteObject("Device.NAT.PortMapping.1.", WriteOrigin::Acs));
  ASSERT_FALSE(tree.deleteObject("Device.Hosts.Host.2.", WriteOrigin::Device));
  ASSERT_FALSE(tree.set("Device.NAT.PortMapping.3.Description", "game server", WriteOrigin::Acs));
  ASSERT_FALSE(tree.set("Device.ManagementServer.Password", "s3cret", WriteOrigin::Acs));
  ASSERT_FALSE(tree.set("Device.ManagementServer.ParameterKey", "pk-7", WriteOrigin::Device));
  ASSERT_FALSE(tree.setNotification("Device.ManagementServer.PeriodicInformInterval", 2));
  ASSERT_FALSE(tree.setSubscriberAccess("Device.NAT.PortMapping.3.Description", true));
  d.events().add(device::event::Boot);
  d.events().add(device::event::MReboot, "r-1");
  device::Transfer t;
  t.commandKey = "dl-1";
  t.scheduled = true;
  t.fileType = "1 Firmware Upgrade Image";
  t.url = "http://example.com/fw.bin";
  t.username = "u";
  t.password = "p";
  t.fileSize = 5000000000ull;
  t.targetFileName = "fw.bin";
  t.delaySeconds = 30;
  t.windows.push_back({10, 3600, "1 At Any Time", "hello", 3});
  d.transfers().add(t);
  d.setBootstrapped(true);

  DeviceStore(dir.path()).save(d);

  device::Device restored(gateway(), 1);
  ASSERT_TRUE(DeviceStore(dir.path()).load(restored));
  EXPECT_EQ(allValues(restored), allValues(d));
  EXPECT_FALSE(restored.tree().hasObject("Device.NAT.PortMapping.1."));
  EXPECT_FALSE(restored.tree().hasObject("Device.NAT.PortMapping.2."));
  EXPECT_TRUE(restored.tree().hasObject("Device.NAT.PortMapping.3."));
  EXPECT_FALSE(restored.tree().hasObject("Device.Hosts.Host.2."));
  EXPECT_EQ(restored.tree().nextInstance("Device.NAT.PortMapping."), 4u);
  EXPECT_EQ(restored.tree().addObject("Device.NAT.PortMapping.", WriteOrigin::Acs).value, 4u);
  EXPECT_EQ(restored.tree().get("Device.ManagementServer.Password", ReadView::Device).value, "s3cret");
  EXPECT_EQ(restored.value("ManagementServer.ParameterKey"), "pk-7");
  EXPECT_EQ(restored.tree().notification("Device.ManagementServer.PeriodicInformInterval").value, 2);
  EXPECT_TRUE(restored.tree().subscriberAccess("Device.NAT.PortMapping.3.Description"));
  EXPECT_EQ(restored.events().all(), d.events().all());
  EXPECT_EQ(restored.transfers().all(), d.transfers().all());
  EXPECT_TRUE(restored.bootstrapped());
}

TEST(DeviceStore, NumberingSurvivesWhenEveryInstanceWasDeleted) {
  test::TempDir dir;
  device::Device d(gateway(), 1);
  ASSERT_EQ(d.tree().addObject("Device.NAT.PortMapping.", WriteOrigin::Acs).value, 2u);
  ASSERT_FALSE(d.tree().deleteObject("Device.NAT.PortMapping.2.", WriteOrigin::Acs));
  ASSERT_FALSE(d.tree().deleteObject("Device.NAT.PortMapping.1.", WriteOrigin::Acs));
  DeviceStore(dir.path()).save(d);
  device::Device restored(gateway(), 1);
  ASSERT_TRUE(DeviceStore(dir.path()).load(restored));
  EXPECT_EQ(restored.tree().addObject("Device.NAT.PortMapping.", WriteOrigin::Acs).value, 3u);
}

TEST(DeviceStore, LaterSaveReplacesEarlierAndDevicesShareTheDatabase) {
  test::TempDir dir;
  DeviceStore store(dir.path());
  device::Device one(gateway(), 1), two(gateway(), 2);
  ASSERT_FALSE(one.setValue("ManagementServer.ParameterKey", "a"));
  one.events().add(device::event::Boot);
  store.save(one);
  ASSERT_FALSE(one.setValue("ManagementServer.ParameterKey", "b"));
  one.events().clear();
  store.save(one);
  ASSERT_FALSE(two.setValue("ManagementServer.ParameterKey", "two"));
  store.save(two);

  device::Device r1(gateway(), 1), r2(gateway(), 2);
  ASSERT_TRUE(store.load(r1));
  ASSERT_TRUE(store.load(r2));
  EXPECT_EQ(r1.value("ManagementServer.ParameterKey"), "b");
  EXPECT_TRUE(r1.events().empty());
  EXPECT_EQ(r2.value("ManagementServer.ParameterKey"), "two");
  EXPECT_EQ(r2.label(), two.label());
}

TEST(DeviceStore, FreshDatabaseHasNothingToLoad) {
  test::TempDir dir;
  device::Device d(gateway(), 1);
  DeviceStore store(dir.path() / "new" / "state");
  EXPECT_TRUE(std::filesystem::exists(dir.path() / "new" / "state" / "cpemu.db"));
  EXPECT_FALSE(store.load(d));
  EXPECT_FALSE(d.bootstrapped());
}

TEST(DeviceStore, CorruptFileIsAnErrorNamingIt) {
  test::TempDir dir;
  auto file = dir.write("cpemu.db", std::string(8192, 'x'));
  try {
    DeviceStore store(dir.path());
    FAIL() << "opened a file that is not a database";
  } catch (const StoreError& e) {
    EXPECT_NE(std::string(e.what()).find(file.string()), std::string::npos) << e.what();
  }
  // Never started fresh over it.
  std::ifstream in(file, std::ios::binary);
  std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(content, std::string(8192, 'x'));
}

TEST(DeviceStore, DamagedDatabaseIsAnErrorNamingIt) {
  test::TempDir dir;
  {
    DeviceStore store(dir.path());
    device::Device d(gateway(), 1);
    store.save(d);
  }
  auto file = dir.path() / "cpemu.db";
  {
    std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(0);
    f << "this is not the SQLite header any more";
  }
  EXPECT_THROW(
      {
        try {
          DeviceStore store(dir.path());
        } catch (const StoreError& e) {
          EXPECT_NE(std::string(e.what()).find("cpemu.db"), std::string::npos) << e.what();
          throw;
        }
      },
      StoreError);
}

TEST(DeviceStore, RunRefusesACorruptStateDatabase) {
  test::TempDir dir;
  auto file = dir.write("state/cpemu.db", std::string(4096, 'x'));
  auto run = test::runCpemu({"run", (test::profilesDir() / "gateway.yaml").string(), "--acs",
                             "http://127.0.0.1:9/acs", "--max-sessions", "1", "--state-dir",
                             (dir.path() / "state").string()});
  EXPECT_NE(run.exitCode, 0);
  EXPECT_NE(run.err.find(file.string()), std::string::npos) << run.err;
}

}  // namespace
}  // namespace cpemu::store
