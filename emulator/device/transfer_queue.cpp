#include "device/transfer_queue.h"

#include <algorithm>

#include "device/event_queue.h"

namespace cpemu::device {

std::string_view completionEvent(const Transfer& t) {
  if (!t.isDownload) return event::MUpload;
  return t.scheduled ? event::MScheduleDownload : event::MDownload;
}

TransferQueue::CancelResult TransferQueue::cancel(const std::string& commandKey) {
  bool found = false, inProgress = false;
  for (const auto& t : transfers_) {
    if (t.commandKey != commandKey) continue;
    found = true;
    if (t.state != 1) inProgress = true;
  }
  for (const auto& c : completed_) {
    if (c.transfer.commandKey != commandKey) continue;
    found = true;
    inProgress = true;  // done already: too late to cancel (9021)
  }
  if (!found) return CancelResult::NotFound;
  if (inProgress) return CancelResult::InProgress;
  std::erase_if(transfers_, [&](const Transfer& t) { return t.commandKey == commandKey; });
  return CancelResult::Cancelled;
}

void TransferQueue::complete(std::size_t index, CompletedTransfer result) {
  result.transfer = std::move(transfers_.at(index));
  result.transfer.state = 3;
  transfers_.erase(transfers_.begin() + static_cast<std::ptrdiff_t>(index));
  completed_.push_back(std::move(result));
}

void TransferQueue::acknowledged(std::size_t index) {
  completed_.erase(completed_.begin() + static_cast<std::ptrdiff_t>(index));
}

}  // namespace cpemu::device
