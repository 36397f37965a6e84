// Group commit, as databases do for their logs: saves that arrive while a commit is running are queued,
// and the first of them to get its turn commits every queued record in one transaction (one fsync), while
// the others wait for that commit. A fleet's 32 workers then share fsyncs instead of queueing behind one
// each, and every save still returns only once its record is durable (TR-069 A.3.2: what the CPE
// acknowledges must survive a crash, so the state is saved before the response is sent).
//
// A batch is all or nothing: when its commit fails, nothing of it is written and every saver in it gets
// the error. Within a batch the latest record of a device wins.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "store/device_record.h"

namespace cpemu::store {

class CommitQueue {
  struct Batch;  // the records committed together; see commit_queue.cpp

 public:
  // Writes every record of a batch in one transaction, or nothing and throws.
  using CommitBatch = std::function<void(const std::vector<const DeviceRecord*>&)>;

  struct Counters {
    std::uint64_t saves = 0;    // records enqueued
    std::uint64_t commits = 0;  // batches committed (each one transaction), failed ones included
  };

  explicit CommitQueue(CommitBatch commit) : commit_(std::move(commit)) {}
  CommitQueue(const CommitQueue&) = delete;
  CommitQueue& operator=(const CommitQueue&) = delete;

  // A saver's place in the queue: the batch its record went into.
  class Ticket {
    friend class CommitQueue;
    std::shared_ptr<Batch> batch_;
  };

  // Queues `record` without waiting; the commit of its batch has not started yet.
  Ticket enqueue(DeviceRecord record);
  // Returns once the batch of `ticket` is committed, committing it in this thread when no commit is
  // running; throws StoreError when that commit failed.
  void await(const Ticket& ticket);

  Counters counters() const;

 private:
  void commitOpenBatch(std::unique_lock<std::mutex>& lock);
  std::optional<std::string> commitRecords(const Batch& batch) const;

  const CommitBatch commit_;
  mutable std::mutex mutex_;
  std::condition_variable finished_;  // a commit ended
  std::shared_ptr<Batch> open_;       // where new records go; none until the first after a commit starts
  bool committing_ = false;
  Counters counters_;
};

}  // namespace cpemu::store
