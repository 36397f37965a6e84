// What a device owes or was asked to do survives a restart: ScheduleInforms, a Reboot or FactoryReset the
// ACS asked for but the device had not carried out, the ACS URL it bootstrapped with; and a restart applies
// the reboot rules of TR-069 §3.7.1.5 to the undelivered events. Also: a database of the earlier schema
// (version 1) is migrated, not refused.
#include <gtest/gtest.h>

#include <sqlite3.h>

#include "datamodel/model_loader.h"
#include "profile/device_template.h"
#include "profile/profile_loader.h"
#include "store/device_store.h"
#include "support/temp_dir.h"
#include "support/shipped_profiles.h"
#include "support/test_paths.h"

namespace cpemu::store {
namespace {

using namespace std::chrono_literals;

std::shared_ptr<const profile::DeviceTemplate> gateway() { return test::shippedProfile("gateway.yaml"); }

std::vector<std::string> codes(const device::Device& d) {
  std::vector<std::string> out;
  for (const auto& e : d.events().all()) out.push_back(e.code + (e.commandKey.empty() ? "" : "/" + e.commandKey));
  return out;
}

const device::TimePoint kDue = device::TimePoint(1'800'000'000'123ms);

TEST(DeviceLifePersistence, PendingRebootScheduleInformsAndAcsUrlSurviveARestart) {
  test::TempDir dir;
  {
    device::Device d(gateway(), 1);
    d.setBootstrapped(true);
    d.setBootstrapUrl("http://acs.example:7547/cwmp");
    d.pending().reboot = "reboot-7";
    d.scheduledInforms() = {{kDue, "si-1"}, {kDue + 60s, "si-2"}};
    for (auto c : {device::event::Periodic, device::event::ValueChange, device::event::ConnectionRequest,
                   device::event::DiagnosticsComplete, device::event::TransferComplete})
      d.events().add(c);
    d.events().add(device::event::MDownload, "dl-1");
    DeviceStore(dir.path()).save(d);
  }
  device::Device d(gateway(), 1);
  ASSERT_TRUE(DeviceStore(dir.path()).load(d));
  EXPECT_EQ(d.bootstrapUrl(), "http://acs.example:7547/cwmp");
  EXPECT_EQ(d.pending().reboot, "reboot-7");
  ASSERT_EQ(d.scheduledInforms().size(), 2u);
  EXPECT_EQ(d.scheduledInforms()[0].due, kDue);
  EXPECT_EQ(d.scheduledInforms()[1].commandKey, "si-2");

  d.powerOn();  // the restart is the reboot the ACS asked for
  EXPECT_EQ(codes(d), (std::vector<std::string>{"2 PERIODIC", "7 TRANSFER COMPLETE", "M Download/dl-1",
                                                "M Reboot/reboot-7", "1 BOOT"}));
  EXPECT_FALSE(d.pending().any());
  EXPECT_EQ(d.scheduledInforms().size(), 2u);  // a reboot keeps them (TR-069 A.4.1.4)
}

TEST(DeviceLifePersistence, PendingFactoryResetIsCarriedOutOnRestart) {
  test::TempDir dir;
  {
    device::Device d(gateway(), 1);
    d.setBootstrapped(true);
    d.setBootstrapUrl("http://acs.example/");
    ASSERT_FALSE(d.setValue("ManagementServer.PeriodicInformInterval", "77"));
    d.scheduledInforms() = {{kDue, "si-1"}};
    d.events().add(device::event::Periodic);
    d.pending().factoryReset = true;
    DeviceStore(dir.path()).save(d);
  }
  device::Device d(gateway(), 1);
  ASSERT_TRUE(DeviceStore(dir.path()).load(d));
  d.powerOn();
  EXPECT_EQ(codes(d), (std::vector<std::string>{"0 BOOTSTRAP", "1 BOOT"}));
  EXPECT_EQ(d.value("ManagementServer.PeriodicInformInterval"), "300");
  EXPECT_TRUE(d.scheduledInforms().empty());
  EXPECT_FALSE(d.bootstrapped());
  EXPECT_EQ(d.bootstrapUrl(), "");
}

TEST(DeviceLifePersistence, ChangedAcsUrlMeansBootstrapAgainTheSameUrlDoesNot) {
  device::Device d(gateway(), 1);
  d.informAccepted({}, "http://one.example/acs");
  EXPECT_TRUE(d.bootstrapped());
  EXPECT_FALSE(d.checkAcsUrl("http://one.example/acs"));
  EXPECT_FALSE(d.events().contains(device::event::Bootstrap));
  EXPECT_TRUE(d.checkAcsUrl("http://two.example/acs"));
  EXPECT_TRUE(d.events().contains(device::event::Bootstrap));
  EXPECT_FALSE(d.bootstrapped());
  d.informAccepted(d.events().forInform(), "http://two.example/acs");
  EXPECT_EQ(d.bootstrapUrl(), "http://two.example/acs");
  EXPECT_TRUE(d.events().empty());
}

TEST(DeviceLifePersistence, SchemaVersion1DatabaseIsMigrated) {
  test::TempDir dir;
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open((dir.path() / DeviceStore::kFileName).c_str(), &db), SQLITE_OK);
    // The tables cpemu wrote before schema version 2 (only the ones a device row needs are filled).
    const char* v1 = R"sql(
CREATE TABLE device (device_index INTEGER NOT NULL, profile TEXT NOT NULL, bootstrapped INTEGER NOT NULL,
  PRIMARY KEY (device_index, profile));
CREATE TABLE object_instance (device_index INTEGER NOT NULL, profile TEXT NOT NULL, seq INTEGER NOT NULL,
  path TEXT NOT NULL, PRIMARY KEY (device_index, profile, seq));
CREATE TABLE table_counter (device_index INTEGER NOT NULL, profile TEXT NOT NULL, path TEXT NOT NULL,
  next_instance INTEGER NOT NULL, PRIMARY KEY (device_index, profile, path));
CREATE TABLE parameter_value (device_index INTEGER NOT NULL, profile TEXT NOT NULL, path TEXT NOT NULL,
  value TEXT NOT NULL, PRIMARY KEY (device_index, profile, path));
CREATE TABLE parameter_attribute (device_index INTEGER NOT NULL, profile TEXT NOT NULL, path TEXT NOT NULL,
  notification INTEGER NOT NULL, subscriber_access INTEGER NOT NULL, PRIMARY KEY (device_index, profile, path));
CREATE TABLE pending_event (device_index INTEGER NOT NULL, profile TEXT NOT NULL, seq INTEGER NOT NULL,
  code TEXT NOT NULL, command_key TEXT NOT NULL, PRIMARY KEY (device_index, profile, seq));
CREATE TABLE queued_transfer (device_index INTEGER NOT NULL, profile TEXT NOT NULL, seq INTEGER NOT NULL,
  command_key TEXT NOT NULL, is_download INTEGER NOT NULL, scheduled INTEGER NOT NULL, file_type TEXT NOT NULL,
  url TEXT NOT NULL, username TEXT NOT NULL, password TEXT NOT NULL, file_size INTEGER NOT NULL,
  target_file_name TEXT NOT NULL, delay_seconds INTEGER NOT NULL, state INTEGER NOT NULL,
  PRIMARY KEY (device_index, profile, seq));
CREATE TABLE transfer_window (device_index INTEGER NOT NULL, profile TEXT NOT NULL, transfer_seq INTEGER NOT NULL,
  seq INTEGER NOT NULL, window_start INTEGER NOT NULL, window_end INTEGER NOT NULL, mode TEXT NOT NULL,
  user_message TEXT NOT NULL, max_retries INTEGER NOT NULL, PRIMARY KEY (device_index, profile, transfer_seq, seq));
INSERT INTO device VALUES (1, 'gateway.yaml', 1);
INSERT INTO parameter_value VALUES (1, 'gateway.yaml', 'Device.ManagementServer.PeriodicInformInterval', '901');
INSERT INTO pending_event VALUES (1, 'gateway.yaml', 0, '2 PERIODIC', '');
PRAGMA user_version=1;
)sql";
    ASSERT_EQ(sqlite3_exec(db, v1, nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
    sqlite3_close(db);
  }
  device::Device d(gateway(), 1);
  DeviceStore store(dir.path());
  ASSERT_TRUE(store.load(d));
  EXPECT_TRUE(d.bootstrapped());
  EXPECT_EQ(d.value("ManagementServer.PeriodicInformInterval"), "901");
  EXPECT_EQ(codes(d), (std::vector<std::string>{"2 PERIODIC"}));
  // The URL was not recorded then: the first session adopts it rather than bootstrapping again.
  EXPECT_FALSE(d.checkAcsUrl("http://127.0.0.1:7548/acs"));
  d.scheduledInforms() = {{kDue, "after-migration"}};
  store.save(d);
  device::Device again(gateway(), 1);
  ASSERT_TRUE(DeviceStore(dir.path()).load(again));
  EXPECT_EQ(again.scheduledInforms().size(), 1u);
  EXPECT_EQ(again.bootstrapUrl(), "http://127.0.0.1:7548/acs");
}

}  // namespace
}  // namespace cpemu::store
