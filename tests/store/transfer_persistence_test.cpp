// Transfers in the state database (schema version 3): when each queued transfer arrived, the finished
// ones whose TransferComplete is still owed, an interrupted transfer starting again, and the migration of
// a version 2 database.
#include <gtest/gtest.h>

#include <sqlite3.h>

#include "store/device_store.h"
#include "support/shipped_profiles.h"
#include "support/temp_dir.h"

namespace cpemu::store {
namespace {

using namespace std::chrono_literals;

const device::TimePoint kReceived = device::TimePoint(1'800'000'000'123ms);

device::Transfer transfer(const std::string& key) {
  device::Transfer t;
  t.commandKey = key;
  t.fileType = "1 Firmware Upgrade Image";
  t.url = "http://files.example/fw.img";
  t.fileSize = 1234;
  t.targetFileName = "fw.img";
  t.delaySeconds = 60;
  t.receivedAt = kReceived;
  return t;
}

TEST(TransferPersistence, QueuedAndCompletedTransfersSurviveARestart) {
  test::TempDir dir;
  device::Device d(test::shippedProfile("gateway.yaml"), 1);
  d.transfers().add(transfer("done"));
  d.transfers().add(transfer("waiting"));
  device::CompletedTransfer result;
  result.faultCode = 9016;
  result.faultString = "the file server answered HTTP 404";
  result.startTime = kReceived + 60s;
  result.completeTime = kReceived + 61s;
  d.transfers().complete(0, result);
  d.transfers().at(0).state = 2;  // running when the process died
  DeviceStore(dir.path()).save(d);

  device::Device restored(test::shippedProfile("gateway.yaml"), 1);
  ASSERT_TRUE(DeviceStore(dir.path()).load(restored));
  ASSERT_EQ(restored.transfers().all().size(), 1u);
  device::Transfer expected = transfer("waiting");
  EXPECT_EQ(restored.transfers().all()[0], expected);  // state 1 again: it runs once more
  ASSERT_EQ(restored.transfers().completed().size(), 1u);
  const auto& c = restored.transfers().completed()[0];
  EXPECT_EQ(c.transfer.commandKey, "done");
  EXPECT_EQ(c.transfer.fileType, "1 Firmware Upgrade Image");
  EXPECT_EQ(c.transfer.fileSize, 1234u);
  EXPECT_EQ(c.transfer.state, 3);
  EXPECT_EQ(c.faultCode, 9016u);
  EXPECT_EQ(c.faultString, result.faultString);
  EXPECT_EQ(c.startTime, result.startTime);
  EXPECT_EQ(c.completeTime, result.completeTime);
}

TEST(TransferPersistence, SchemaVersion2DatabaseIsMigrated) {
  test::TempDir dir;
  {
    device::Device d(test::shippedProfile("gateway.yaml"), 1);
    d.transfers().add(transfer("old"));
    DeviceStore(dir.path()).save(d);
  }
  {  // make it look like cpemu's version 2 tables
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open((dir.path() / DeviceStore::kFileName).c_str(), &db), SQLITE_OK);
    const char* v2 =
        "DROP TABLE completed_transfer; ALTER TABLE queued_transfer DROP COLUMN received_unix_ms; "
        "PRAGMA user_version=2;";
    ASSERT_EQ(sqlite3_exec(db, v2, nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
    sqlite3_close(db);
  }
  device::Device d(test::shippedProfile("gateway.yaml"), 1);
  DeviceStore store(dir.path());
  ASSERT_TRUE(store.load(d));
  ASSERT_EQ(d.transfers().all().size(), 1u);
  EXPECT_EQ(d.transfers().all()[0].commandKey, "old");
  EXPECT_EQ(d.transfers().all()[0].receivedAt, device::TimePoint{});  // not recorded then: due at once
  d.transfers().complete(0, {});
  store.save(d);
  device::Device again(test::shippedProfile("gateway.yaml"), 1);
  ASSERT_TRUE(DeviceStore(dir.path()).load(again));
  EXPECT_EQ(again.transfers().completed().size(), 1u);
}

}  // namespace
}  // namespace cpemu::store
