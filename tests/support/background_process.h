// A program running beside the test (cpemu run, cpemu fleet) while the test talks to it over the network:
// started with fork/exec, its stdout and stderr written to one log file the test reads at any time,
// stopped with SIGTERM (as a user stops it) and killed if it does not stop.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace cpemu::test {

class BackgroundProcess {
 public:
  // Runs args[0] (a path) with the rest; output appended to `log`. Throws std::runtime_error.
  BackgroundProcess(std::vector<std::string> args, std::filesystem::path log);
  ~BackgroundProcess();  // stop()
  BackgroundProcess(const BackgroundProcess&) = delete;
  BackgroundProcess& operator=(const BackgroundProcess&) = delete;

  bool running();
  // SIGTERM, then SIGKILL after `grace`. Returns the exit status (-1 when killed by a signal).
  int stop(std::chrono::milliseconds grace = std::chrono::seconds(20));
  // Waits for the process to exit on its own; false when it still runs after `limit`.
  bool waitForExit(std::chrono::milliseconds limit);
  int exitCode() const { return exitCode_; }
  std::string output() const;  // the log so far
  pid_t pid() const { return pid_; }

 private:
  bool reap(bool block);
  pid_t pid_ = -1;
  int exitCode_ = -1;
  std::filesystem::path log_;
};

// The built cpemu with `args`, in the background.
std::vector<std::string> cpemuCommand(std::vector<std::string> args);

}  // namespace cpemu::test
