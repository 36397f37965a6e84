// Downloads and uploads the ACS asked for (TR-069 A.3.2.8/A.3.2.9/A.4.1.8), queued until they run, and the
// finished ones whose TransferComplete the ACS has not acknowledged yet (A.3.3.2). transfer/ runs them;
// the session delivers the TransferCompletes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "device/clock.h"

namespace cpemu::device {

struct TimeWindow {
  unsigned start = 0;  // seconds after the request
  unsigned end = 0;
  std::string mode;
  std::string userMessage;
  int maxRetries = 0;
  bool operator==(const TimeWindow&) const = default;
};

struct Transfer {
  std::string commandKey;
  bool isDownload = true;
  bool scheduled = false;  // came from ScheduleDownload
  std::string fileType;
  std::string url;
  std::string username;
  std::string password;
  std::uint64_t fileSize = 0;
  std::string targetFileName;
  unsigned delaySeconds = 0;
  std::vector<TimeWindow> windows;
  int state = 1;  // 1 not yet started, 2 in progress, 3 completed (TR-069 A.4.1.7)
  // When the request arrived: DelaySeconds (A.3.2.8) and the time windows (A.4.1.8) count from it.
  TimePoint receivedAt{};
  // A download being installed (state 2 after the file arrived; profile transfers.apply_seconds): when it
  // started, when the install is done, and what it installs (the firmware version, or the configuration
  // file). Not saved: a restart runs the transfer again from the start.
  TimePoint startedAt{};
  std::optional<TimePoint> installAt;
  std::string install;
  bool operator==(const Transfer&) const = default;
};

// A transfer that has run, and the TransferComplete it owes the ACS (TR-069 A.3.3.2). Kept (and saved)
// until a TransferCompleteResponse arrives, across failed sessions and restarts.
struct CompletedTransfer {
  Transfer transfer;     // what was asked for (GetAllQueuedTransfers still lists it, state 3)
  unsigned faultCode = 0;  // 0: success; else a TR-069 A.5 fault (9010 …)
  std::string faultString;
  TimePoint startTime{};
  TimePoint completeTime{};
  bool operator==(const CompletedTransfer&) const = default;
};

// The "M …" event a finished transfer is reported with, beside "7 TRANSFER COMPLETE" (TR-069 §3.7.1.5):
// "M Download", "M ScheduleDownload" or "M Upload", with the transfer's CommandKey.
std::string_view completionEvent(const Transfer& t);

class TransferQueue {
 public:
  // TR-069 A.3.2.8: a CPE may refuse when its queue is full (fault 9004). Finished transfers waiting for
  // their TransferCompleteResponse count too.
  static constexpr std::size_t kCapacity = 16;

  bool full() const { return transfers_.size() + completed_.size() >= kCapacity; }
  void add(Transfer t) { transfers_.push_back(std::move(t)); }
  const std::vector<Transfer>& all() const { return transfers_; }
  // The transfer at `index` of all() (the runner marks it in progress).
  Transfer& at(std::size_t index) { return transfers_.at(index); }

  enum class CancelResult { Cancelled, NotFound, InProgress };
  // CancelTransfer (A.4.1.10): only transfers that have not started can be cancelled; one in progress or
  // completed (its TransferComplete not yet acknowledged) cannot.
  CancelResult cancel(const std::string& commandKey);

  // The transfer at `index` of all() has finished: it leaves the queue and waits for its TransferComplete.
  void complete(std::size_t index, CompletedTransfer result);
  const std::vector<CompletedTransfer>& completed() const { return completed_; }
  // Restores a saved one (store/).
  void addCompleted(CompletedTransfer c) { completed_.push_back(std::move(c)); }
  // The ACS answered the TransferComplete of completed()[index] with TransferCompleteResponse.
  void acknowledged(std::size_t index);

 private:
  std::vector<Transfer> transfers_;
  std::vector<CompletedTransfer> completed_;
};

}  // namespace cpemu::device
