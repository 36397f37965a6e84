#include "transport/sigpipe_guard.h"

#include <pthread.h>

#include <ctime>

namespace cpemu::transport {
namespace {

sigset_t sigpipeSet() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGPIPE);
  return set;
}

bool sigpipePending() {
  sigset_t pending;
  sigemptyset(&pending);
  sigpending(&pending);
  return sigismember(&pending, SIGPIPE) == 1;
}

}  // namespace

SigpipeGuard::SigpipeGuard() {
  const sigset_t set = sigpipeSet();
  pthread_sigmask(SIG_BLOCK, &set, &previousMask_);
  wasPending_ = sigpipePending();
}

SigpipeGuard::~SigpipeGuard() {
  // Only a SIGPIPE that arrived while the guard was up is ours to swallow.
  if (!wasPending_ && sigpipePending() && !sigismember(&previousMask_, SIGPIPE)) {
    const sigset_t set = sigpipeSet();
    const timespec noWait{0, 0};
    sigtimedwait(&set, nullptr, &noWait);
  }
  pthread_sigmask(SIG_SETMASK, &previousMask_, nullptr);
}

void blockSigpipeInThisThread() {
  const sigset_t set = sigpipeSet();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

}  // namespace cpemu::transport
