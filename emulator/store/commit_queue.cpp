#include "store/commit_queue.h"

#include <cassert>
#include <map>

#include "store/store_error.h"

namespace cpemu::store {

struct CommitQueue::Batch {
  std::map<DeviceKey, DeviceRecord> latest;  // the latest record of each device
  bool done = false;
  std::optional<std::string> error;  // why the commit failed
};

CommitQueue::Ticket CommitQueue::enqueue(DeviceRecord record) {
  std::lock_guard lock(mutex_);
  if (!open_) open_ = std::make_shared<Batch>();
  DeviceKey key = record.key;
  open_->latest.insert_or_assign(std::move(key), std::move(record));
  ++counters_.saves;
  Ticket ticket;
  ticket.batch_ = open_;
  return ticket;
}

void CommitQueue::await(const Ticket& ticket) {
  std::unique_lock lock(mutex_);
  const Batch& batch = *ticket.batch_;
  // A commit that is running started before this record was queued, so it does not include it: wait
  // for it to end, then either another saver has committed this batch or this saver does.
  finished_.wait(lock, [&] { return batch.done || !committing_; });
  if (!batch.done) {
    assert(open_ == ticket.batch_);  // not done and nothing committing: the batch is still open
    commitOpenBatch(lock);
  }
  if (batch.error) throw StoreError(*batch.error);
}

// Takes the open batch (savers arriving from now on start the next one) and commits it with the queue
// unlocked, so they can queue meanwhile.
void CommitQueue::commitOpenBatch(std::unique_lock<std::mutex>& lock) {
  std::shared_ptr<Batch> batch = std::move(open_);
  committing_ = true;
  lock.unlock();
  std::optional<std::string> error = commitRecords(*batch);
  lock.lock();
  batch->error = std::move(error);
  batch->done = true;
  committing_ = false;
  ++counters_.commits;
  finished_.notify_all();
}

std::optional<std::string> CommitQueue::commitRecords(const Batch& batch) const {
  try {
    std::vector<const DeviceRecord*> records;
    records.reserve(batch.latest.size());
    for (const auto& [key, record] : batch.latest) records.push_back(&record);
    commit_(records);
    return std::nullopt;
  } catch (const std::exception& e) {
    return e.what();
  } catch (...) {
    return "the commit failed for an unknown reason";
  }
}

CommitQueue::Counters CommitQueue::counters() const {
  std::lock_guard lock(mutex_);
  return counters_;
}

}  // namespace cpemu::store
