// DeviceStore's group commit against real database files: saves queued together are one transaction and
// the latest state of a device in it wins; a failed transaction is an error for every save in it and keeps
// the states committed before; many threads saving at once (a fleet's workers) all end up committed, and
// a load meanwhile only ever sees whole saved states.
#include <gtest/gtest.h>

#include <sqlite3.h>

#include <atomic>
#include <map>
#include <thread>

#include "store/device_store.h"
#include "support/shipped_profiles.h"
#include "support/temp_dir.h"

namespace cpemu::store {
namespace {

std::shared_ptr<const profile::DeviceTemplate> gateway() {
  return test::shippedProfile("gateway.yaml");
}

// Round r of a device's life: its ParameterKey and PeriodicInformInterval both say r, and it owes one
// "M Reboot" event per round, so a state mixed from two rounds shows.
void applyRound(device::Device& d, int round) {
  ASSERT_FALSE(d.setValue("ManagementServer.ParameterKey", "k-" + std::to_string(round)));
  ASSERT_FALSE(d.setValue("ManagementServer.PeriodicInformInterval", std::to_string(1000 + round)));
  d.events().add(device::event::MReboot, "r-" + std::to_string(round));
}

// The round a restored device is in; fails the test when its state is not exactly one round's.
int roundOf(const device::Device& d) {
  std::string key = d.value("ManagementServer.ParameterKey");
  if (key.rfind("k-", 0) != 0) {
    ADD_FAILURE() << "ParameterKey " << key << " is no round's";
    return -1;
  }
  int round = std::stoi(key.substr(2));
  EXPECT_EQ(d.value("ManagementServer.PeriodicInformInterval"), std::to_string(1000 + round))
      << "round " << round;
  EXPECT_EQ(d.events().all().size(), static_cast<std::size_t>(round)) << "round " << round;
  return round;
}

int reloadedRound(const std::filesystem::path& dir, std::uint64_t index) {
  device::Device d(gateway(), index);
  if (!DeviceStore(dir).load(d)) {
    ADD_FAILURE() << "device " << index << " has no saved state";
    return -1;
  }
  return roundOf(d);
}

// Makes writing device `index`'s state fail in the middle of a transaction, as a full disk would (a
// read-only file would not do: the tests may run as root).
void refuseWrites(const std::filesystem::path& dir, std::int64_t index) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((dir / DeviceStore::kFileName).c_str(), &db), SQLITE_OK);
  std::string sql =
      "CREATE TRIGGER refuse BEFORE INSERT ON device WHEN NEW.device_index = " + std::to_string(index) +
      " BEGIN SELECT RAISE(ABORT, 'refused by the test'); END";
  EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
  sqlite3_close(db);
}

void allowWrites(const std::filesystem::path& dir) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((dir / DeviceStore::kFileName).c_str(), &db), SQLITE_OK);
  EXPECT_EQ(sqlite3_exec(db, "DROP TRIGGER refuse", nullptr, nullptr, nullptr), SQLITE_OK)
      << sqlite3_errmsg(db);
  sqlite3_close(db);
}

TEST(GroupCommit, SavesQueuedTogetherAreOneTransaction) {
  test::TempDir dir;
  DeviceStore store(dir.path());
  std::vector<std::unique_ptr<device::Device>> devices;
  std::vector<CommitQueue::Ticket> tickets;
  for (std::uint64_t i = 1; i <= 3; ++i) {
    devices.push_back(std::make_unique<device::Device>(gateway(), i));
    for (int round = 1; round <= static_cast<int>(i); ++round) applyRound(*devices.back(), round);
    tickets.push_back(store.enqueueSave(*devices.back()));
  }
  for (const auto& t : tickets) store.awaitSave(t);
  EXPECT_EQ(store.counters().saves, 3u);
  EXPECT_EQ(store.counters().commits, 1u);
  for (std::uint64_t i = 1; i <= 3; ++i) EXPECT_EQ(reloadedRound(dir.path(), i), static_cast<int>(i));
}

TEST(GroupCommit, DeviceSavedTwiceInABatchKeepsTheLatestState) {
  test::TempDir dir;
  DeviceStore store(dir.path());
  device::Device d(gateway(), 1);
  applyRound(d, 1);
  auto first = store.enqueueSave(d);
  applyRound(d, 2);
  auto second = store.enqueueSave(d);
  store.awaitSave(first);  // commits both
  store.awaitSave(second);
  EXPECT_EQ(store.counters().commits, 1u);
  EXPECT_EQ(reloadedRound(dir.path(), 1), 2);
}

TEST(GroupCommit, FailedTransactionIsAnErrorForEverySaverInItAndKeepsThePreviousStates) {
  test::TempDir dir;
  std::vector<std::unique_ptr<device::Device>> devices;
  {
    DeviceStore store(dir.path());
    for (std::uint64_t i = 1; i <= 3; ++i) {
      devices.push_back(std::make_unique<device::Device>(gateway(), i));
      applyRound(*devices.back(), 1);
      store.save(*devices.back());
    }
  }
  refuseWrites(dir.path(), 2);  // only device 2's row, which the transaction writes after device 1's
  {
    DeviceStore store(dir.path());
    std::vector<CommitQueue::Ticket> tickets;
    for (auto& d : devices) {
      applyRound(*d, 2);
      tickets.push_back(store.enqueueSave(*d));
    }
    for (const auto& t : tickets) {
      try {
        store.awaitSave(t);
        ADD_FAILURE() << "a save in the failed transaction was reported durable";
      } catch (const StoreError& e) {
        EXPECT_NE(std::string(e.what()).find("refused by the test"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find(DeviceStore::kFileName), std::string::npos) << e.what();
      }
    }
    EXPECT_EQ(store.counters().commits, 1u);
  }
  for (std::uint64_t i = 1; i <= 3; ++i) EXPECT_EQ(reloadedRound(dir.path(), i), 1) << "device " << i;

  allowWrites(dir.path());  // the store is usable again: the next transaction is a new one
  DeviceStore store(dir.path());
  for (auto& d : devices) store.save(*d);
  for (std::uint64_t i = 1; i <= 3; ++i) EXPECT_EQ(reloadedRound(dir.path(), i), 2) << "device " << i;
}

TEST(GroupCommit, ConcurrentSaversOfManyDevicesAreAllCommittedAndReloadExactly) {
  constexpr int kThreads = 8, kDevicesPerThread = 6, kRounds = 3;
  test::TempDir dir;
  std::vector<std::unique_ptr<device::Device>> devices;
  for (int i = 1; i <= kThreads * kDevicesPerThread; ++i)
    devices.push_back(std::make_unique<device::Device>(gateway(), static_cast<std::uint64_t>(i)));
  ASSERT_FALSE(devices[5]->tree().addObject("Device.NAT.PortMapping.", datamodel::WriteOrigin::Acs).fault);
  ASSERT_FALSE(devices[6]->tree().deleteObject("Device.Hosts.Host.2.", datamodel::WriteOrigin::Device));
  {
    DeviceStore store(dir.path());
    std::atomic<int> errors = 0;
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t)
      threads.emplace_back([&, t] {
        for (int round = 1; round <= kRounds; ++round)
          for (int k = 0; k < kDevicesPerThread; ++k) {
            device::Device& d = *devices[static_cast<std::size_t>(t * kDevicesPerThread + k)];
            applyRound(d, round);
            try {
              store.save(d);
            } catch (const StoreError&) {
              ++errors;
            }
          }
      });
    for (auto& t : threads) t.join();
    EXPECT_EQ(errors, 0);
    EXPECT_EQ(store.counters().saves, static_cast<std::uint64_t>(kThreads * kDevicesPerThread * kRounds));
    EXPECT_LE(store.counters().commits, store.counters().saves);
  }
  DeviceStore store(dir.path());
  for (const auto& original : devices) {
    device::Device restored(gateway(), original->index());
    ASSERT_TRUE(store.load(restored)) << original->label();
    EXPECT_EQ(roundOf(restored), kRounds) << original->label();
    EXPECT_EQ(restored.events().all(), original->events().all()) << original->label();
    EXPECT_EQ(restored.tree().hasObject("Device.NAT.PortMapping.2."),
              original->tree().hasObject("Device.NAT.PortMapping.2."))
        << original->label();
    EXPECT_EQ(restored.tree().hasObject("Device.Hosts.Host.2."),
              original->tree().hasObject("Device.Hosts.Host.2."))
        << original->label();
  }
}

TEST(GroupCommit, LoadSeesOnlyWholeCommittedStatesWhileOthersSave) {
  constexpr int kRounds = 30, kOthers = 3;
  test::TempDir dir;
  DeviceStore store(dir.path());
  std::atomic<bool> done = false;
  std::thread watched([&] {
    device::Device d(gateway(), 1);
    for (int round = 1; round <= kRounds; ++round) {
      applyRound(d, round);
      store.save(d);
    }
    done = true;
  });
  std::vector<std::thread> others;  // so that the watched device's saves share transactions
  for (int t = 0; t < kOthers; ++t)
    others.emplace_back([&, t] {
      device::Device d(gateway(), static_cast<std::uint64_t>(2 + t));
      for (int round = 1; !done; ++round) {
        applyRound(d, round);
        store.save(d);
      }
    });
  int last = 0;
  while (!done) {
    device::Device d(gateway(), 1);
    if (!store.load(d)) continue;  // not saved yet
    int round = roundOf(d);
    EXPECT_GE(round, last) << "a load went back to an older state";
    last = round;
  }
  watched.join();
  for (auto& t : others) t.join();
  device::Device d(gateway(), 1);
  ASSERT_TRUE(store.load(d));
  EXPECT_EQ(roundOf(d), kRounds);
}

}  // namespace
}  // namespace cpemu::store
