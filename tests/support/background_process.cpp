#include "support/background_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "support/test_paths.h"

namespace cpemu::test {

BackgroundProcess::BackgroundProcess(std::vector<std::string> args, std::filesystem::path log)
    : log_(std::move(log)) {
  if (args.empty()) throw std::invalid_argument("BackgroundProcess: no program");
  const int fd = ::open(log_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) throw std::runtime_error("cannot open " + log_.string());
  pid_ = ::fork();
  if (pid_ < 0) {
    ::close(fd);
    throw std::runtime_error("fork failed");
  }
  if (pid_ == 0) {
    ::dup2(fd, STDOUT_FILENO);
    ::dup2(fd, STDERR_FILENO);
    const int null = ::open("/dev/null", O_RDONLY);
    if (null >= 0) ::dup2(null, STDIN_FILENO);
    ::unsetenv("CPEMU_DATAMODEL_PATH");
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(argv[0], argv.data());
    _exit(127);
  }
  ::close(fd);
}

BackgroundProcess::~BackgroundProcess() { stop(); }

bool BackgroundProcess::reap(bool block) {
  if (pid_ <= 0) return true;
  int status = 0;
  if (::waitpid(pid_, &status, block ? 0 : WNOHANG) != pid_) return false;
  exitCode_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  pid_ = -1;
  return true;
}

bool BackgroundProcess::running() { return !reap(false); }

bool BackgroundProcess::waitForExit(std::chrono::milliseconds limit) {
  const auto until = std::chrono::steady_clock::now() + limit;
  while (!reap(false)) {
    if (std::chrono::steady_clock::now() >= until) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return true;
}

int BackgroundProcess::stop(std::chrono::milliseconds grace) {
  if (pid_ <= 0) return exitCode_;
  ::kill(pid_, SIGTERM);
  if (!waitForExit(grace)) {
    ::kill(pid_, SIGKILL);
    reap(true);
  }
  return exitCode_;
}

std::string BackgroundProcess::output() const {
  std::ifstream in(log_);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> cpemuCommand(std::vector<std::string> args) {
  args.insert(args.begin(), cpemuBinary().string());
  return args;
}

}  // namespace cpemu::test
