// Downloads and uploads the ACS asked for (TR-069 A.3.2.8/A.3.2.9/A.4.1.8), queued until they run.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

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
  int state = 1;  // 1 not yet started, 2 in progress, 3 completed
  bool operator==(const Transfer&) const = default;
};

class TransferQueue {
 public:
  // TR-069 A.3.2.8: a CPE may refuse when its queue is full (fault 9004).
  static constexpr std::size_t kCapacity = 16;

  bool full() const { return transfers_.size() >= kCapacity; }
  void add(Transfer t) { transfers_.push_back(std::move(t)); }
  const std::vector<Transfer>& all() const { return transfers_; }

  enum class CancelResult { Cancelled, NotFound, InProgress };
  // CancelTransfer (A.4.1.10): only transfers that have not started can be cancelled.
  CancelResult cancel(const std::string& commandKey);

 private:
  std::vector<Transfer> transfers_;
};

}  // namespace cpemu::device
