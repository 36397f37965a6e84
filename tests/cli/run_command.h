// Runs a program as a child process and captures its stdout, stderr and exit status separately, so CLI
// tests can check each stream on its own (fork/exec; no shell, so arguments need no quoting).
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace cpemu::test {

struct CommandResult {
  int exitCode = -1;  // the status passed to exit(); -1 when the child did not exit normally
  int signal = 0;     // the signal that ended the child, 0 when it exited
  std::string out;    // everything written to stdout
  std::string err;    // everything written to stderr
};

struct CommandOptions {
  // Variables to set (a value) or remove (nullopt) in the child; the rest of the environment is inherited.
  std::map<std::string, std::optional<std::string>> environment;
  std::filesystem::path workingDirectory;  // empty: the test's own
};

// Runs args[0] (a path, not looked up in PATH) with args[1..]. Throws std::runtime_error when the
// program cannot be started at all.
CommandResult runCommand(const std::vector<std::string>& args, const CommandOptions& options = {});

// Runs the built cpemu with `args`. CPEMU_DATAMODEL_PATH is removed from its environment unless
// `options` sets it, so that the caller's environment cannot change what a test sees.
CommandResult runCpemu(const std::vector<std::string>& args, CommandOptions options = {});

}  // namespace cpemu::test
