#include "store/device_store.h"

#include <sqlite3.h>

#include <chrono>
#include <memory>
#include <set>
#include <vector>

namespace cpemu::store {
namespace {

// One prepared statement; finalised when it goes out of scope.
class Statement {
 public:
  Statement(sqlite3* db, const char* sql, const DeviceStore& owner) : db_(db) {
    if (sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) != SQLITE_OK)
      throw StoreError(owner.file().string() + ": " + sqlite3_errmsg(db));
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int i, std::int64_t v) {
    sqlite3_bind_int64(stmt_, i, v);
    return *this;
  }
  Statement& bind(int i, const std::string& v) {
    sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Statement& bindNull(int i) {
    sqlite3_bind_null(stmt_, i);
    return *this;
  }
  // Every device table starts with (device_index, profile) as ?1 and ?2.
  Statement& bindKey(const DeviceKey& key) { return bind(1, key.index).bind(2, key.profile); }
  // True while there is a row; throws on error.
  bool step(const DeviceStore& owner) {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    throw StoreError(owner.file().string() + ": " + sqlite3_errmsg(db_));
  }
  void run(const DeviceStore& owner) {
    step(owner);
    sqlite3_reset(stmt_);
  }
  void reset() { sqlite3_reset(stmt_); }
  std::int64_t integer(int col) const { return sqlite3_column_int64(stmt_, col); }
  std::string text(int col) const {
    auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
    return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col))) : std::string();
  }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

// The tables of schema version 2; kMigrateFrom2 brings them to the current version.
constexpr const char* kSchema = R"sql(
CREATE TABLE device (
  device_index INTEGER NOT NULL, profile TEXT NOT NULL, bootstrapped INTEGER NOT NULL,
  bootstrap_url TEXT NOT NULL DEFAULT '', pending_reboot TEXT, pending_factory_reset INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (device_index, profile));
CREATE TABLE scheduled_inform (
  device_index INTEGER NOT NULL, profile TEXT NOT NULL, seq INTEGER NOT NULL, due_unix_ms INTEGER NOT NULL,
  command_key TEXT NOT NULL, PRIMARY KEY (device_index, profile, seq));
CREATE TABLE object_instance (
  device_index INTEGER NOT NULL, profile TEXT NOT NULL, seq INTEGER NOT NULL, path TEXT NOT NULL,
  PRIMARY KEY (device_index, profile, seq));
CREATE TABLE table_counter (
  device_index INTEGER NOT NULL, profile TEXT NOT NULL, path TEXT NOT NULL, next_instance INTEGER NOT NULL,
  PRIMARY KEY (device_index, profile, path));
CREATE TABLE parameter_value (
  device_index INTEGER NOT NULL, profile TEXT NOT NULL, path TEXT NOT NULL, value TEXT NOT NULL,
  PRIMARY KEY (device_index, profile, path));
CREATE TABLE parameter_attribute (
  device_index INTEGER NOT NULL, profile TEXT NOT NULL, path TEXT NOT NULL, notification INTEGER NOT NULL,
  subscriber_access INTEGER NOT NULL, PRIMARY KEY (device_index, profile, path));
CREATE TABLE pending_event (
  device_index INTEGER NOT NULL, profile TEXT NOT NULL, seq INTEGER NOT NULL, code TEXT NOT NULL,
  command_key TEXT NOT NULL, PRIMARY KEY (device_index, profile, seq));
CREATE TABLE queued_transfer (
  device_index INTEGER NOT NULL, profile TEXT NOT NULL, seq INTEGER NOT NULL, command_key TEXT NOT NULL,
  is_download INTEGER NOT NULL, scheduled INTEGER NOT NULL, file_type TEXT NOT NULL, url TEXT NOT NULL,
  username TEXT NOT NULL, password TEXT NOT NULL, file_size INTEGER NOT NULL, target_file_name TEXT NOT NULL,
  delay_seconds INTEGER NOT NULL, state INTEGER NOT NULL, PRIMARY KEY (device_index, profile, seq));
CREATE TABLE transfer_window (
  device_index INTEGER NOT NULL, profile TEXT NOT NULL, transfer_seq INTEGER NOT NULL, seq INTEGER NOT NULL,
  window_start INTEGER NOT NULL, window_end INTEGER NOT NULL, mode TEXT NOT NULL, user_message TEXT NOT NULL,
  max_retries INTEGER NOT NULL, PRIMARY KEY (device_index, profile, transfer_seq, seq));
)sql";

// Version 1 (cpemu before the ACS URL, pending actions and ScheduleInforms were kept) -> 2.
constexpr const char* kMigrateFrom1 = R"sql(
ALTER TABLE device ADD COLUMN bootstrap_url TEXT NOT NULL DEFAULT '';
ALTER TABLE device ADD COLUMN pending_reboot TEXT;
ALTER TABLE device ADD COLUMN pending_factory_reset INTEGER NOT NULL DEFAULT 0;
CREATE TABLE scheduled_inform (
  device_index INTEGER NOT NULL, profile TEXT NOT NULL, seq INTEGER NOT NULL, due_unix_ms INTEGER NOT NULL,
  command_key TEXT NOT NULL, PRIMARY KEY (device_index, profile, seq));
)sql";

// Version 2 -> 3: when each queued transfer arrived (DelaySeconds and time windows count from it), and the
// finished transfers whose TransferComplete the ACS has not acknowledged yet.
constexpr const char* kMigrateFrom2 = R"sql(
ALTER TABLE queued_transfer ADD COLUMN received_unix_ms INTEGER NOT NULL DEFAULT 0;
CREATE TABLE completed_transfer (
  device_index INTEGER NOT NULL, profile TEXT NOT NULL, seq INTEGER NOT NULL, command_key TEXT NOT NULL,
  is_download INTEGER NOT NULL, scheduled INTEGER NOT NULL, file_type TEXT NOT NULL, file_size INTEGER NOT NULL,
  target_file_name TEXT NOT NULL, fault_code INTEGER NOT NULL, fault_string TEXT NOT NULL,
  start_unix_ms INTEGER NOT NULL, complete_unix_ms INTEGER NOT NULL, PRIMARY KEY (device_index, profile, seq));
)sql";

std::int64_t unixMs(device::TimePoint t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}
device::TimePoint fromUnixMs(std::int64_t ms) { return device::TimePoint(std::chrono::milliseconds(ms)); }

constexpr const char* kDeviceTables[] = {"device",          "object_instance",     "table_counter",
                                         "parameter_value", "parameter_attribute", "pending_event",
                                         "queued_transfer", "transfer_window",     "scheduled_inform",
                                         "completed_transfer"};

// Replaces devices' rows with their records. The statements are prepared once per batch and run for each
// record in it; the caller holds the transaction.
class RecordWriter {
 public:
  RecordWriter(sqlite3* db, const DeviceStore& owner)
      : owner_(owner),
        device_(db,
                "INSERT INTO device (device_index, profile, bootstrapped, bootstrap_url, pending_reboot, "
                "pending_factory_reset) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                owner),
        scheduled_(db, "INSERT INTO scheduled_inform VALUES (?1, ?2, ?3, ?4, ?5)", owner),
        instance_(db, "INSERT INTO object_instance VALUES (?1, ?2, ?3, ?4)", owner),
        counter_(db, "INSERT INTO table_counter VALUES (?1, ?2, ?3, ?4)", owner),
        value_(db, "INSERT INTO parameter_value VALUES (?1, ?2, ?3, ?4)", owner),
        attribute_(db, "INSERT INTO parameter_attribute VALUES (?1, ?2, ?3, ?4, ?5)", owner),
        event_(db, "INSERT INTO pending_event VALUES (?1, ?2, ?3, ?4, ?5)", owner),
        transfer_(db,
                  "INSERT INTO queued_transfer VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15)",
                  owner),
        window_(db, "INSERT INTO transfer_window VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9)", owner),
        completed_(db, "INSERT INTO completed_transfer VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13)",
                   owner) {
    for (const char* table : kDeviceTables) {
      std::string sql = std::string("DELETE FROM ") + table + " WHERE device_index=?1 AND profile=?2";
      deletes_.push_back(std::make_unique<Statement>(db, sql.c_str(), owner));
    }
  }

  void write(const DeviceRecord& r) {
    for (auto& del : deletes_) del->bindKey(r.key).run(owner_);
    writeDevice(r);
    writeShape(r);
    writeValues(r);
    writeEvents(r);
    writeTransfers(r);
    writeCompletedTransfers(r);
  }

 private:
  void writeDevice(const DeviceRecord& r) {
    device_.bindKey(r.key).bind(3, r.bootstrapped ? 1 : 0).bind(4, r.bootstrapUrl);
    if (r.pending.reboot) device_.bind(5, *r.pending.reboot);
    else device_.bindNull(5);
    device_.bind(6, r.pending.factoryReset ? 1 : 0).run(owner_);
    for (std::size_t i = 0; i < r.scheduledInforms.size(); ++i)
      scheduled_.bindKey(r.key)
          .bind(3, static_cast<std::int64_t>(i))
          .bind(4, unixMs(r.scheduledInforms[i].due))
          .bind(5, r.scheduledInforms[i].commandKey)
          .run(owner_);
  }

  void writeShape(const DeviceRecord& r) {
    for (std::size_t i = 0; i < r.shape.instances.size(); ++i)
      instance_.bindKey(r.key)
          .bind(3, static_cast<std::int64_t>(i))
          .bind(4, r.shape.instances[i])
          .run(owner_);
    for (const auto& [path, next] : r.shape.tables)
      counter_.bindKey(r.key).bind(3, path).bind(4, static_cast<std::int64_t>(next)).run(owner_);
  }

  void writeValues(const DeviceRecord& r) {
    for (const auto& [path, v] : r.values) value_.bindKey(r.key).bind(3, path).bind(4, v).run(owner_);
    for (const auto& a : r.attributes)
      attribute_.bindKey(r.key)
          .bind(3, a.path)
          .bind(4, a.notification)
          .bind(5, a.subscriberAccess ? 1 : 0)
          .run(owner_);
  }

  void writeEvents(const DeviceRecord& r) {
    for (std::size_t i = 0; i < r.events.size(); ++i)
      event_.bindKey(r.key)
          .bind(3, static_cast<std::int64_t>(i))
          .bind(4, r.events[i].code)
          .bind(5, r.events[i].commandKey)
          .run(owner_);
  }

  void writeTransfers(const DeviceRecord& r) {
    for (std::size_t i = 0; i < r.transfers.size(); ++i) {
      const device::Transfer& t = r.transfers[i];
      auto seq = static_cast<std::int64_t>(i);
      transfer_.bindKey(r.key)
          .bind(3, seq)
          .bind(4, t.commandKey)
          .bind(5, t.isDownload ? 1 : 0)
          .bind(6, t.scheduled ? 1 : 0)
          .bind(7, t.fileType)
          .bind(8, t.url)
          .bind(9, t.username)
          .bind(10, t.password)
          .bind(11, static_cast<std::int64_t>(t.fileSize))
          .bind(12, t.targetFileName)
          .bind(13, t.delaySeconds)
          .bind(14, t.state)
          .bind(15, unixMs(t.receivedAt))
          .run(owner_);
      for (std::size_t w = 0; w < t.windows.size(); ++w) {
        const device::TimeWindow& tw = t.windows[w];
        window_.bindKey(r.key)
            .bind(3, seq)
            .bind(4, static_cast<std::int64_t>(w))
            .bind(5, tw.start)
            .bind(6, tw.end)
            .bind(7, tw.mode)
            .bind(8, tw.userMessage)
            .bind(9, tw.maxRetries)
            .run(owner_);
      }
    }
  }

  void writeCompletedTransfers(const DeviceRecord& r) {
    for (std::size_t i = 0; i < r.completedTransfers.size(); ++i) {
      const device::CompletedTransfer& c = r.completedTransfers[i];
      completed_.bindKey(r.key)
          .bind(3, static_cast<std::int64_t>(i))
          .bind(4, c.transfer.commandKey)
          .bind(5, c.transfer.isDownload ? 1 : 0)
          .bind(6, c.transfer.scheduled ? 1 : 0)
          .bind(7, c.transfer.fileType)
          .bind(8, static_cast<std::int64_t>(c.transfer.fileSize))
          .bind(9, c.transfer.targetFileName)
          .bind(10, static_cast<std::int64_t>(c.faultCode))
          .bind(11, c.faultString)
          .bind(12, unixMs(c.startTime))
          .bind(13, unixMs(c.completeTime))
          .run(owner_);
    }
  }

  const DeviceStore& owner_;
  std::vector<std::unique_ptr<Statement>> deletes_;  // one per table of kDeviceTables
  Statement device_, scheduled_, instance_, counter_, value_, attribute_;
  Statement event_, transfer_, window_, completed_;
};

}  // namespace

DeviceStore::DeviceStore(const std::filesystem::path& stateDir) : file_(stateDir / kFileName) {
  std::error_code ec;
  std::filesystem::create_directories(stateDir, ec);
  if (ec) throw StoreError(stateDir.string() + ": cannot create the state directory: " + ec.message());
  if (sqlite3_open_v2(file_.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                      nullptr) != SQLITE_OK) {
    std::string why = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    db_ = nullptr;
    throw StoreError(file_.string() + ": cannot open the state database: " + why);
  }
  try {
    sqlite3_busy_timeout(db_, 5000);  // another process of the fleet may be writing
    openSchema();
  } catch (...) {
    sqlite3_close(db_);
    db_ = nullptr;
    throw;
  }
}

DeviceStore::~DeviceStore() {
  sqlite3_close(db_);
}

void DeviceStore::fail(const std::string& what) const {
  throw StoreError(file_.string() + ": " + what + ": " + sqlite3_errmsg(db_));
}

void DeviceStore::exec(const char* sql) {
  char* message = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &message) != SQLITE_OK) {
    std::string why = message ? message : sqlite3_errmsg(db_);
    sqlite3_free(message);
    throw StoreError(file_.string() + ": " + why);
  }
}

void DeviceStore::openSchema() {
  // A file that is not a database (or is damaged) fails here; never start fresh over it.
  int version = 0;
  try {
    Statement check(db_, "PRAGMA quick_check", *this);
    while (check.step(*this))
      if (check.text(0) != "ok") throw StoreError(file_.string() + ": database is corrupt: " + check.text(0));
    Statement v(db_, "PRAGMA user_version", *this);
    if (v.step(*this)) version = static_cast<int>(v.integer(0));
  } catch (const StoreError& e) {
    throw StoreError(std::string(e.what()) +
                     " (not a usable cpemu state database; move it away to start fresh)");
  }
  // WAL + synchronous=FULL: a committed transaction is on disk before COMMIT returns.
  exec("PRAGMA journal_mode=WAL");
  exec("PRAGMA synchronous=FULL");
  if (version == kSchemaVersion) return;
  if (version > kSchemaVersion)
    throw StoreError(file_.string() + ": schema version " + std::to_string(version) +
                     ", this cpemu reads versions up to " + std::to_string(kSchemaVersion));
  exec("BEGIN IMMEDIATE");
  try {
    Statement v(db_, "PRAGMA user_version", *this);  // another process may have changed it meanwhile
    int current = v.step(*this) ? static_cast<int>(v.integer(0)) : 0;
    // A new database gets the version 2 tables and then the same migrations an old one goes through.
    if (current == 0) exec(kSchema);
    else if (current < 2) exec(kMigrateFrom1);
    if (current < 3) exec(kMigrateFrom2);
    if (current < kSchemaVersion) exec(("PRAGMA user_version=" + std::to_string(kSchemaVersion)).c_str());
    exec("COMMIT");
  } catch (...) {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

void DeviceStore::save(const device::Device& device) {
  awaitSave(enqueueSave(device));
}

CommitQueue::Ticket DeviceStore::enqueueSave(const device::Device& device) {
  // Read the device here, on its own thread, and without the connection: whoever commits the batch
  // needs only the record.
  return queue_.enqueue(DeviceRecord::of(device));
}

// One transaction for the whole batch: one fsync, and all or nothing (a failed batch leaves every
// device's previous state).
void DeviceStore::writeBatch(const std::vector<const DeviceRecord*>& records) {
  std::lock_guard lock(mutex_);
  exec("BEGIN IMMEDIATE");
  try {
    RecordWriter writer(db_, *this);
    for (const DeviceRecord* record : records) writer.write(*record);
    exec("COMMIT");
  } catch (...) {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

bool DeviceStore::load(device::Device& device) {
  std::lock_guard lock(mutex_);
  const DeviceKey key = DeviceKey::of(device);
  const std::string who = file_.string() + ": device " + std::to_string(key.index) + " (" + key.profile + ")";
  auto restoreFailed = [&](const std::string& what, const datamodel::Fault& f) {
    throw StoreError(who + ": saved " + what + " does not fit the profile: " + f.message);
  };

  exec("BEGIN");  // one consistent snapshot even while another process writes
  try {
    Statement dev(db_,
                  "SELECT bootstrapped, bootstrap_url, pending_reboot IS NOT NULL, pending_reboot, "
                  "pending_factory_reset FROM device WHERE device_index=?1 AND profile=?2",
                  *this);
    dev.bindKey(key);
    if (!dev.step(*this)) {
      exec("COMMIT");
      return false;
    }
    bool bootstrapped = dev.integer(0) != 0;
    std::string bootstrapUrl = dev.text(1);
    device::PendingActions pending;
    if (dev.integer(2) != 0) pending.reboot = dev.text(3);
    pending.factoryReset = dev.integer(4) != 0;
    std::vector<device::ScheduledInform> informs;
    {
      Statement s(db_,
                  "SELECT due_unix_ms, command_key FROM scheduled_inform WHERE device_index=?1 AND profile=?2 "
                  "ORDER BY seq",
                  *this);
      s.bindKey(key);
      while (s.step(*this))
        informs.push_back({fromUnixMs(s.integer(0)), s.text(1)});
    }

    datamodel::InstanceTree tree = device.deviceTemplate().instantiate(device.index());
    std::vector<std::string> saved;
    {
      Statement s(db_, "SELECT path FROM object_instance WHERE device_index=?1 AND profile=?2 ORDER BY seq",
                  *this);
      s.bindKey(key);
      while (s.step(*this)) saved.push_back(s.text(0));
    }
    std::set<std::string> savedSet(saved.begin(), saved.end());
    for (const auto& path : shapeOf(tree).instances)
      if (!savedSet.count(path) && tree.hasObject(path))
        if (auto f = tree.deleteObject(path, datamodel::WriteOrigin::Device))
          restoreFailed("instance " + path, f);
    for (const auto& path : saved) {
      if (tree.hasObject(path)) continue;
      // "Device.IP.Interface.3." -> table "Device.IP.Interface.", number 3
      auto dot = path.rfind('.', path.size() - 2);
      std::uint32_t number = 0;
      try {
        number = static_cast<std::uint32_t>(std::stoul(path.substr(dot + 1)));
      } catch (const std::exception&) {
        throw StoreError(who + ": saved instance path " + path + " has no instance number");
      }
      auto added = tree.addObject(path.substr(0, dot + 1), datamodel::WriteOrigin::Device, number);
      if (added.fault) restoreFailed("instance " + path, added.fault);
    }
    {
      Statement s(db_, "SELECT path, value FROM parameter_value WHERE device_index=?1 AND profile=?2", *this);
      s.bindKey(key);
      while (s.step(*this)) {
        // A restored instance already holds its defaults, which need not pass a syntax check (an empty
        // enumeration); only values that differ are written.
        std::string path = s.text(0), value = s.text(1);
        if (auto current = tree.get(path, datamodel::ReadView::Device);
            !current.fault && current.value == value)
          continue;
        if (auto f = tree.set(path, value, datamodel::WriteOrigin::Device)) restoreFailed("value", f);
      }
    }
    {
      Statement s(db_,
                  "SELECT path, notification, subscriber_access FROM parameter_attribute "
                  "WHERE device_index=?1 AND profile=?2",
                  *this);
      s.bindKey(key);
      while (s.step(*this)) {
        if (auto f = tree.setNotification(s.text(0), static_cast<int>(s.integer(1))))
          restoreFailed("attribute", f);
        if (auto f = tree.setSubscriberAccess(s.text(0), s.integer(2) != 0)) restoreFailed("attribute", f);
      }
    }
    {
      Statement s(db_, "SELECT path, next_instance FROM table_counter WHERE device_index=?1 AND profile=?2",
                  *this);
      s.bindKey(key);
      while (s.step(*this))
        if (auto f = tree.setNextInstance(s.text(0), static_cast<std::uint32_t>(s.integer(1))))
          restoreFailed("instance counter", f);
    }
    device::EventQueue events;
    {
      Statement s(
          db_,
          "SELECT code, command_key FROM pending_event WHERE device_index=?1 AND profile=?2 ORDER BY seq",
          *this);
      s.bindKey(key);
      while (s.step(*this)) events.add(s.text(0), s.text(1));
    }
    std::vector<device::Transfer> transfers;
    {
      Statement s(
          db_,
          "SELECT seq, command_key, is_download, scheduled, file_type, url, username, password, file_size, "
          "target_file_name, delay_seconds, state, received_unix_ms FROM queued_transfer "
          "WHERE device_index=?1 AND profile=?2 ORDER BY seq",
          *this);
      s.bindKey(key);
      Statement w(db_,
                  "SELECT window_start, window_end, mode, user_message, max_retries FROM transfer_window "
                  "WHERE device_index=?1 AND profile=?2 AND transfer_seq=?3 ORDER BY seq",
                  *this);
      while (s.step(*this)) {
        device::Transfer t;
        t.commandKey = s.text(1);
        t.isDownload = s.integer(2) != 0;
        t.scheduled = s.integer(3) != 0;
        t.fileType = s.text(4);
        t.url = s.text(5);
        t.username = s.text(6);
        t.password = s.text(7);
        t.fileSize = static_cast<std::uint64_t>(s.integer(8));
        t.targetFileName = s.text(9);
        t.delaySeconds = static_cast<unsigned>(s.integer(10));
        // A transfer the process was killed in the middle of starts again (TR-069 leaves a CPE free to
        // retry an interrupted transfer); the ACS still gets exactly one TransferComplete.
        t.state = 1;
        t.receivedAt = fromUnixMs(s.integer(12));
        w.bindKey(key).bind(3, s.integer(0));
        while (w.step(*this))
          t.windows.push_back({static_cast<unsigned>(w.integer(0)), static_cast<unsigned>(w.integer(1)),
                               w.text(2), w.text(3), static_cast<int>(w.integer(4))});
        w.reset();
        transfers.push_back(std::move(t));
      }
    }
    std::vector<device::CompletedTransfer> completed;
    {
      Statement s(db_,
                  "SELECT command_key, is_download, scheduled, file_type, file_size, target_file_name, fault_code, "
                  "fault_string, start_unix_ms, complete_unix_ms FROM completed_transfer "
                  "WHERE device_index=?1 AND profile=?2 ORDER BY seq",
                  *this);
      s.bindKey(key);
      while (s.step(*this)) {
        device::CompletedTransfer c;
        c.transfer.commandKey = s.text(0);
        c.transfer.isDownload = s.integer(1) != 0;
        c.transfer.scheduled = s.integer(2) != 0;
        c.transfer.fileType = s.text(3);
        c.transfer.fileSize = static_cast<std::uint64_t>(s.integer(4));
        c.transfer.targetFileName = s.text(5);
        c.transfer.state = 3;
        c.faultCode = static_cast<unsigned>(s.integer(6));
        c.faultString = s.text(7);
        c.startTime = fromUnixMs(s.integer(8));
        c.completeTime = fromUnixMs(s.integer(9));
        completed.push_back(std::move(c));
      }
    }
    exec("COMMIT");

    device.tree() = std::move(tree);
    device.events() = std::move(events);
    device.transfers() = device::TransferQueue();
    for (auto& t : transfers) device.transfers().add(std::move(t));
    for (auto& c : completed) device.transfers().addCompleted(std::move(c));
    device.setBootstrapped(bootstrapped);
    device.setBootstrapUrl(std::move(bootstrapUrl));
    device.pending() = pending;
    device.scheduledInforms() = std::move(informs);
    return true;
  } catch (...) {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

}  // namespace cpemu::store
