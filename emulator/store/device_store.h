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
// Crash safety: save() replaces a device's rows in one transaction; the database runs in WAL mode with
// synchronous=FULL, so once save() returns the state survives a crash or power loss, and a crash during
// save() leaves the previous state.
#pragma once

#include <filesystem>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>

#include "device/device.h"

struct sqlite3;

namespace cpemu::store {

// Anything wrong with the database: cannot open, not a database, corrupt, newer schema, a saved state
// that no longer fits the profile. The message names the file.
class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

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

  // Writes the whole state of `device` in one transaction. Throws StoreError (nothing changed then).
  void save(const device::Device& device);
  // Restores `device` from its saved state; false (device untouched) when nothing is saved for it.
  // Throws StoreError when the saved state cannot be read or applied.
  bool load(device::Device& device);

 private:
  [[noreturn]] void fail(const std::string& what) const;
  void exec(const char* sql);
  void openSchema();

  std::filesystem::path file_;
  sqlite3* db_ = nullptr;
  std::mutex mutex_;  // one transaction at a time on the connection: a fleet's workers share the store
};

}  // namespace cpemu::store
