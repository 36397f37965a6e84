#include "cli/run_command.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "support/test_paths.h"

extern char** environ;

namespace cpemu::test {
namespace {

std::runtime_error systemError(const std::string& what) {
  return std::runtime_error(what + ": " + std::strerror(errno));
}

class Pipe {
 public:
  Pipe() {
    if (pipe2(fds_, O_CLOEXEC) != 0) throw systemError("pipe2");
  }
  ~Pipe() {
    closeRead();
    closeWrite();
  }
  Pipe(const Pipe&) = delete;
  Pipe& operator=(const Pipe&) = delete;

  int readEnd() const { return fds_[0]; }
  int writeEnd() const { return fds_[1]; }
  void closeRead() { closeFd(fds_[0]); }
  void closeWrite() { closeFd(fds_[1]); }

 private:
  static void closeFd(int& fd) {
    if (fd >= 0) ::close(fd);
    fd = -1;
  }
  int fds_[2] = {-1, -1};
};

std::vector<std::string> childEnvironment(const CommandOptions& options) {
  std::vector<std::string> env;
  for (char** e = environ; e && *e; ++e) {
    std::string entry = *e;
    std::string name = entry.substr(0, entry.find('='));
    if (!options.environment.count(name)) env.push_back(std::move(entry));
  }
  for (const auto& [name, value] : options.environment)
    if (value) env.push_back(name + "=" + *value);
  return env;
}

std::vector<char*> pointers(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (auto& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

// Reads both pipes until the child closes them; reading one at a time could deadlock on a full pipe.
void drain(Pipe& outPipe, Pipe& errPipe, std::string& out, std::string& err) {
  pollfd fds[2] = {{outPipe.readEnd(), POLLIN, 0}, {errPipe.readEnd(), POLLIN, 0}};
  std::string* sinks[2] = {&out, &err};
  int open = 2;
  char buf[65536];
  while (open > 0) {
    if (poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      throw systemError("poll");
    }
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      ssize_t n = ::read(fds[i].fd, buf, sizeof buf);
      if (n > 0) {
        sinks[i]->append(buf, static_cast<std::size_t>(n));
      } else if (n == 0 || errno != EINTR) {
        fds[i].fd = -1;  // poll ignores negative descriptors
        --open;
      }
    }
  }
}

}  // namespace

CommandResult runCommand(const std::vector<std::string>& args, const CommandOptions& options) {
  if (args.empty()) throw std::invalid_argument("runCommand: no program");
  // Everything the child needs is prepared before fork(): after it, only async-signal-safe calls.
  std::vector<std::string> argStrings = args;
  std::vector<std::string> envStrings = childEnvironment(options);
  std::vector<char*> argv = pointers(argStrings);
  std::vector<char*> envp = pointers(envStrings);
  std::string workingDirectory = options.workingDirectory.string();

  Pipe outPipe, errPipe;
  pid_t pid = fork();
  if (pid < 0) throw systemError("fork");
  if (pid == 0) {
    int devNull = ::open("/dev/null", O_RDONLY);
    if (devNull < 0 || dup2(devNull, STDIN_FILENO) < 0 || dup2(outPipe.writeEnd(), STDOUT_FILENO) < 0 ||
        dup2(errPipe.writeEnd(), STDERR_FILENO) < 0)
      _exit(126);
    if (!workingDirectory.empty() && chdir(workingDirectory.c_str()) != 0) _exit(126);
    execve(argv[0], argv.data(), envp.data());
    _exit(127);
  }
  outPipe.closeWrite();
  errPipe.closeWrite();

  CommandResult result;
  drain(outPipe, errPipe, result.out, result.err);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) throw systemError("waitpid");
  }
  if (WIFEXITED(status)) result.exitCode = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) result.signal = WTERMSIG(status);
  if (result.exitCode == 127 && result.out.empty() && result.err.empty())
    throw std::runtime_error("cannot execute " + args[0]);
  return result;
}

CommandResult runCpemu(const std::vector<std::string>& args, CommandOptions options) {
  std::vector<std::string> full{cpemuBinary().string()};
  full.insert(full.end(), args.begin(), args.end());
  options.environment.try_emplace("CPEMU_DATAMODEL_PATH", std::nullopt);
  return runCommand(full, options);
}

}  // namespace cpemu::test
