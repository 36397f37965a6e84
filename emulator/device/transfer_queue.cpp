#include "device/transfer_queue.h"

#include <algorithm>

namespace cpemu::device {

TransferQueue::CancelResult TransferQueue::cancel(const std::string& commandKey) {
  bool found = false, inProgress = false;
  for (const auto& t : transfers_) {
    if (t.commandKey != commandKey) continue;
    found = true;
    if (t.state != 1) inProgress = true;
  }
  if (!found) return CancelResult::NotFound;
  if (inProgress) return CancelResult::InProgress;
  std::erase_if(transfers_, [&](const Transfer& t) { return t.commandKey == commandKey; });
  return CancelResult::Cancelled;
}

}  // namespace cpemu::device
