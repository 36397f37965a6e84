// A device's state in a SQLite database (<state-dir>/cpemu.db), so that `cpemu run` continues where it
// stopped: the same instances, values, attributes, pending events and queued transfers, and BOOT rather
// than BOOTSTRAP once an ACS has accepted the device. Only this folder knows SQLite.
//
// What is stored is the device's difference from its profile's template (DeviceTemplate::instantiate):
// which object instances exist, each table's next instance number, every parameter value and attribute
// that differs, the event queue, the transfer queue (with the finished transfers whose TransferComplete
// is not yet acknowledged), the ScheduleInforms still to come, a Reboot or
// FactoryReset the ACS asked for but the device has not carried out yet, and whether (and with which
// ACS URL) the device has bootstrapped. Rows are keyed by device
// index and profile file name, so several devices (a fleet) can share one database.
//
// Crash safety: a device's rows are replaced in one transaction; the database runs in WAL mode with
// synchronous=FULL, so once save() returns the state survives a crash or power loss, and a crash during
// save() leaves the previous state.
//
// Saves of many devices at once (a fleet's workers) are group-committed (store/commit_queue.h): the saves
// that queue up while one commit runs go into the next transaction together, one fsync for all of them.
#pragma once

#include <filesystem>
#include <mutex>
#include <vector>

#include "device/device.h"
#include "store/commit_queue.h"
#include "store/device_record.h"
#include "store/store_error.h"

struct sqlite3;

namespace cpemu::store {

class DeviceStore {
 public:
  static constexpr const char* kFileName = "cpemu.db";
  static constexpr int kSchemaVersion = 3;  // PRAGMA user_version; versions 1 and 2 are migrated

  // Opens or creates <stateDir>/cpemu.db (creating stateDir). Throws StoreError.
  explicit DeviceStore(const std::filesystem::path& stateDir);
  ~DeviceStore();
  DeviceStore(const DeviceStore&) = delete;
  DeviceStore& operator=(const DeviceStore&) = delete;

  const std::filesystem::path& file() const { return file_; }

  // Writes the whole state of `device` and returns once it is durable. The device is read by the calling
  // thread only; the transaction may be another saver's and hold other devices' states too. Throws
  // StoreError when that transaction failed (nothing of it was written: the previous state stays).
  void save(const device::Device& device);
  // save() in two halves, for a caller with other work to do before it needs the state durable (and for
  // tests that need several saves in one transaction): queue the device's state now, wait for it later.
  CommitQueue::Ticket enqueueSave(const device::Device& device);
  void awaitSave(const CommitQueue::Ticket& ticket) { queue_.await(ticket); }
  // Restores `device` from its saved state; false (device untouched) when nothing is saved for it.
  // Throws StoreError when the saved state cannot be read or applied. Sees only committed saves.
  bool load(device::Device& device);

  // How many saves and how many transactions (batches) so far, for benchmarks.
  CommitQueue::Counters counters() const { return queue_.counters(); }

 private:
  [[noreturn]] void fail(const std::string& what) const;
  void exec(const char* sql);
  void openSchema();
  void writeBatch(const std::vector<const DeviceRecord*>& records);

  std::filesystem::path file_;
  sqlite3* db_ = nullptr;
  std::mutex mutex_;  // one transaction at a time on the connection: a fleet's workers share the store
  CommitQueue queue_{[this](const std::vector<const DeviceRecord*>& records) { writeBatch(records); }};
};

}  // namespace cpemu::store
