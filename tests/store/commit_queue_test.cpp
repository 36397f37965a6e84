// CommitQueue's group commit with a fake commit that records what it is handed, so which records go into
// which batch is exact: records queued before a commit starts go together, the latest of a device wins, a
// failed commit fails every saver of its batch, and a saver returns only after its record was committed.
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <optional>
#include <set>
#include <stdexcept>
#include <thread>

#include "store/commit_queue.h"
#include "store/store_error.h"

namespace cpemu::store {
namespace {

// A device's record; `version` stands for its state (kept in bootstrapUrl, which the fake never reads).
DeviceRecord record(std::int64_t index, const std::string& version) {
  DeviceRecord r;
  r.key = {index, "gateway.yaml"};
  r.bootstrapUrl = version;
  return r;
}

// What each commit was handed: index/version of every record, in order.
using Batch = std::vector<std::string>;

std::string name(const DeviceRecord& r) {
  return std::to_string(r.key.index) + "/" + r.bootstrapUrl;
}

Batch names(const std::vector<const DeviceRecord*>& records) {
  Batch out;
  for (const auto* r : records) out.push_back(name(*r));
  return out;
}

// A queue whose fake commit only records what it was handed.
struct RecordingQueue {
  std::vector<Batch> commits;
  CommitQueue queue{[this](const auto& records) { commits.push_back(names(records)); }};

  // Queues `records` in this order, then waits for them in `awaitOrder` (positions in `records`).
  void saveTogether(const std::vector<DeviceRecord>& records, const std::vector<std::size_t>& awaitOrder) {
    std::vector<CommitQueue::Ticket> tickets;
    for (const auto& r : records) tickets.push_back(queue.enqueue(r));
    for (std::size_t i : awaitOrder) queue.await(tickets[i]);
  }
};

TEST(CommitQueue, RecordsQueuedBeforeACommitAreCommittedTogether) {
  RecordingQueue q;
  q.saveTogether({record(1, "a"), record(2, "b"), record(3, "c")}, {1, 0, 2});  // any saver may commit
  EXPECT_EQ(q.commits, (std::vector<Batch>{{"1/a", "2/b", "3/c"}}));
  EXPECT_EQ(q.queue.counters().saves, 3u);
  EXPECT_EQ(q.queue.counters().commits, 1u);
}

TEST(CommitQueue, LatestRecordOfADeviceInABatchWins) {
  RecordingQueue q;
  q.saveTogether({record(7, "old"), record(8, "x"), record(7, "new")}, {0, 1, 2});
  EXPECT_EQ(q.commits, (std::vector<Batch>{{"7/new", "8/x"}}));
}

TEST(CommitQueue, FailedCommitIsAnErrorForEverySaverInTheBatch) {
  int calls = 0;
  CommitQueue queue([&](const auto&) {
    if (++calls == 1) throw std::runtime_error("cpemu.db: database or disk is full");
  });
  std::vector<CommitQueue::Ticket> batch = {queue.enqueue(record(1, "a")), queue.enqueue(record(2, "b")),
                                            queue.enqueue(record(3, "c"))};
  for (const auto& ticket : batch) {
    try {
      queue.await(ticket);
      ADD_FAILURE() << "a saver of the failed batch was told its record is committed";
    } catch (const StoreError& e) {
      EXPECT_STREQ(e.what(), "cpemu.db: database or disk is full");
    }
  }
  EXPECT_EQ(calls, 1);
  EXPECT_NO_THROW(queue.await(queue.enqueue(record(1, "a"))));  // the next batch is a new transaction
  EXPECT_EQ(calls, 2);
}

TEST(CommitQueue, RecordQueuedDuringACommitWaitsForTheNextOne) {
  std::vector<Batch> commits;
  std::optional<CommitQueue::Ticket> late;
  CommitQueue* self = nullptr;
  CommitQueue queue([&](const auto& records) {
    commits.push_back(names(records));
    if (!late) late = self->enqueue(record(2, "late"));  // arrives while the first batch is being written
  });
  self = &queue;
  queue.await(queue.enqueue(record(1, "early")));
  EXPECT_EQ(commits, (std::vector<Batch>{{"1/early"}}));  // the running commit did not claim the late one
  ASSERT_TRUE(late);
  queue.await(*late);
  EXPECT_EQ(commits, (std::vector<Batch>{{"1/early"}, {"2/late"}}));
}

TEST(CommitQueue, EveryConcurrentSaverReturnsOnlyOnceItsRecordIsCommitted) {
  constexpr int kThreads = 16, kSaves = 50;
  std::mutex mutex;
  std::set<std::string> committed;
  CommitQueue queue([&](const auto& records) {
    std::lock_guard lock(mutex);
    for (const auto* r : records) committed.insert(name(*r));
  });
  std::atomic<int> returnedEarly = 0;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < kSaves; ++i) {
        DeviceRecord r = record(t, std::to_string(i));
        std::string expected = name(r);
        queue.await(queue.enqueue(std::move(r)));
        std::lock_guard lock(mutex);
        if (!committed.count(expected)) ++returnedEarly;
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(returnedEarly, 0);
  EXPECT_EQ(committed.size(), static_cast<std::size_t>(kThreads * kSaves));
  EXPECT_EQ(queue.counters().saves, static_cast<std::uint64_t>(kThreads * kSaves));
  EXPECT_LE(queue.counters().commits, queue.counters().saves);
}

}  // namespace
}  // namespace cpemu::store
