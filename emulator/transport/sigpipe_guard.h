// Keeps SIGPIPE from killing the process while this thread writes to a socket the peer may have closed.
// cpp-httplib writes TLS records through OpenSSL's socket BIO with plain write(), which raises SIGPIPE on a
// reset connection; the emulator is a library and must not change the process's signal dispositions.
#pragma once

#include <csignal>

namespace cpemu::transport {

// For its lifetime, blocks SIGPIPE in the calling thread; a SIGPIPE raised meanwhile (it is directed at
// the thread that wrote) is consumed instead of delivered. The write itself fails with EPIPE.
class SigpipeGuard {
 public:
  SigpipeGuard();
  ~SigpipeGuard();
  SigpipeGuard(const SigpipeGuard&) = delete;
  SigpipeGuard& operator=(const SigpipeGuard&) = delete;

 private:
  sigset_t previousMask_;
  bool wasPending_ = false;
};

// Blocks SIGPIPE for good in the calling thread (and the threads it starts afterwards): for server threads.
void blockSigpipeInThisThread();

}  // namespace cpemu::transport
