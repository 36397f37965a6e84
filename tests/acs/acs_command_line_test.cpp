// The cpemu-acs executable: options, script errors, the info log, the record file, and a clean exit on
// SIGTERM/SIGINT.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <regex>

#include "fake_cpe.h"
#include "support/temp_dir.h"
#include "support/test_certificates.h"

namespace cpemu::acs {
namespace {

#ifdef CPEMU_ACS_BINARY
constexpr const char* kAcsBinary = CPEMU_ACS_BINARY;
#else
constexpr const char* kAcsBinary = "";
#endif

// cpemu-acs running as a child process with its stderr read line by line.
class AcsProcess {
 public:
  explicit AcsProcess(std::vector<std::string> args) {
    int fds[2];
    if (::pipe(fds) != 0) throw std::runtime_error("pipe");
    pid_ = ::fork();
    if (pid_ == 0) {
      ::dup2(fds[1], STDERR_FILENO);
      ::close(fds[0]);
      ::close(fds[1]);
      std::vector<char*> argv;
      argv.push_back(const_cast<char*>(kAcsBinary));
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      ::execv(kAcsBinary, argv.data());
      ::_exit(127);
    }
    ::close(fds[1]);
    fd_ = fds[0];
  }
  ~AcsProcess() {
    if (pid_ > 0 && !exited_) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
    ::close(fd_);
  }

  // Reads stderr until a line matches `pattern`; returns the match (empty after a 10 s silence or EOF).
  std::smatch waitForLine(const std::string& pattern) {
    const std::regex re(pattern);
    while (true) {
      std::size_t nl;
      while ((nl = buffer_.find('\n')) != std::string::npos) {
        lastLine_ = buffer_.substr(0, nl);
        buffer_.erase(0, nl + 1);
        output_ += lastLine_ + "\n";
        std::smatch m;
        if (std::regex_search(lastLine_, m, re)) return m;
      }
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, 10000) <= 0) return {};
      char chunk[1024];
      const ssize_t n = ::read(fd_, chunk, sizeof chunk);
      if (n <= 0) return {};
      buffer_.append(chunk, static_cast<std::size_t>(n));
    }
  }

  // Sends `sig` and returns the exit status (or -1 when it did not exit normally).
  int stop(int sig) {
    ::kill(pid_, sig);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    exited_ = true;
    char chunk[4096];
    ssize_t n;
    while ((n = ::read(fd_, chunk, sizeof chunk)) > 0) output_.append(chunk, static_cast<std::size_t>(n));
    output_ += buffer_;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

  int wait() {
    int status = 0;
    ::waitpid(pid_, &status, 0);
    exited_ = true;
    char chunk[4096];
    ssize_t n;
    while ((n = ::read(fd_, chunk, sizeof chunk)) > 0) output_.append(chunk, static_cast<std::size_t>(n));
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

  const std::string& output() const { return output_; }

 private:
  pid_t pid_ = -1;
  int fd_ = -1;
  bool exited_ = false;
  std::string buffer_;
  std::string lastLine_;
  std::string output_;
};

class AcsCommandLineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (std::string(kAcsBinary).empty()) GTEST_SKIP() << "cpemu-acs binary not wired into this build";
  }
};

TEST_F(AcsCommandLineTest, RunsAScriptedSession_LogsIt_RecordsIt_AndExitsCleanlyOnSigterm) {
  cpemu::test::TempDir dir;
  const auto script = dir.write("script.yaml", "sessions:\n  - rpcs: [Reboot: {CommandKey: r1}]\n");
  const auto record = dir.path() / "record.jsonl";
  AcsProcess acs({"--listen", "127.0.0.1:0", "--script", script.string(), "--record", record.string(),
                  "--auth", "digest", "--username", "cli-user", "--password", "cli-password-789"});
  const auto listening = acs.waitForLine(R"(listening on (http://127\.0\.0\.1:\d+/acs))");
  ASSERT_FALSE(listening.empty()) << acs.output();
  const std::string url = listening[1];

  transport::HttpClientOptions client;
  client.username = "cli-user";
  client.password = "cli-password-789";
  test::FakeCpe cpe(url, client);
  test::InformSpec spec;
  spec.serial = "CLI00000001";
  ASSERT_EQ(cpe.inform(spec).status, 200);
  const auto reboot = cpe.emptyPost();
  ASSERT_EQ(test::SoapView(reboot.body).method(), "Reboot");
  ASSERT_EQ(cpe.post(test::responseXml("RebootResponse", test::SoapView(reboot.body).id())).status, 204);
  ASSERT_FALSE(acs.waitForLine(R"(<- RebootResponse)").empty()) << acs.output();

  EXPECT_EQ(acs.stop(SIGTERM), 0) << acs.output();
  const std::string log = acs.output();
  EXPECT_NE(log.find("session 1 from 127.0.0.1 serial CLI00000001 events [0 BOOTSTRAP, 1 BOOT]"),
            std::string::npos)
      << log;
  EXPECT_NE(log.find("  -> Reboot"), std::string::npos) << log;
  EXPECT_EQ(log.find("cli-password-789"), std::string::npos) << "never log passwords:\n" << log;

  std::ifstream in(record);
  std::string line;
  ASSERT_TRUE(std::getline(in, line));
  EXPECT_NE(line.find("\"serialNumber\":\"CLI00000001\""), std::string::npos) << line;
  EXPECT_NE(line.find("\"completed\":true"), std::string::npos) << line;
}

TEST_F(AcsCommandLineTest, ExitsCleanlyOnSigint) {
  AcsProcess acs({"--listen", "127.0.0.1:0"});
  ASSERT_FALSE(acs.waitForLine("listening on").empty()) << acs.output();
  EXPECT_EQ(acs.stop(SIGINT), 0) << acs.output();
}

TEST_F(AcsCommandLineTest, ScriptErrorExitsWithFileLineAndKey) {
  cpemu::test::TempDir dir;
  const auto script = dir.write("broken.yaml", "sessions:\n  - rpcs:\n      - Reboot: {CommandKye: x}\n");
  AcsProcess acs({"--script", script.string(), "--listen", "127.0.0.1:0"});
  EXPECT_EQ(acs.wait(), 2);
  EXPECT_NE(acs.output().find(script.string() + ":3:"), std::string::npos) << acs.output();
  EXPECT_NE(acs.output().find("sessions[0].rpcs[0].Reboot.CommandKye"), std::string::npos) << acs.output();
}

TEST_F(AcsCommandLineTest, ServesHttpsWithTlsCertAndKey_AndRequiresClientCertificatesFromClientCa) {
  cpemu::test::TempDir dir;
  cpemu::test::TestCertificateAuthority ca(dir.path());
  const auto server = ca.issueServerCertificate("acs", {"127.0.0.1"});
  const auto client = ca.issueClientCertificate("cpe", "CLI00000002");
  AcsProcess acs({"--listen", "127.0.0.1:0", "--tls-cert", server.cert.string(), "--tls-key",
                  server.key.string(), "--client-ca", ca.caCertFile().string()});
  const auto listening = acs.waitForLine(R"(listening on (https://127\.0\.0\.1:\d+/acs))");
  ASSERT_FALSE(listening.empty()) << acs.output();
  EXPECT_NE(acs.output().find("client certificates from " + ca.caCertFile().string() + " required"),
            std::string::npos)
      << acs.output();

  transport::HttpClientOptions options;
  options.tls.caFile = ca.caCertFile().string();
  options.tls.clientCertFile = client.cert.string();
  options.tls.clientKeyFile = client.key.string();
  test::FakeCpe cpe(listening[1], options);
  test::InformSpec spec;
  spec.serial = "CLI00000002";
  EXPECT_EQ(cpe.inform(spec).status, 200);
  EXPECT_EQ(cpe.emptyPost().status, 204);
  EXPECT_FALSE(acs.waitForLine("session 1 from 127.0.0.1 serial CLI00000002").empty()) << acs.output();

  EXPECT_EQ(acs.stop(SIGTERM), 0) << acs.output();
}

TEST_F(AcsCommandLineTest, TlsCertAndKeyGoTogether) {
  cpemu::test::TempDir dir;
  const auto file = dir.write("x.pem", "x\n");
  AcsProcess certOnly({"--listen", "127.0.0.1:0", "--tls-cert", file.string()});
  EXPECT_EQ(certOnly.wait(), 2);
  EXPECT_NE(certOnly.output().find("--tls-cert and --tls-key go together"), std::string::npos)
      << certOnly.output();

  AcsProcess keyOnly({"--listen", "127.0.0.1:0", "--tls-key", file.string()});
  EXPECT_EQ(keyOnly.wait(), 2);
  EXPECT_NE(keyOnly.output().find("--tls-cert and --tls-key go together"), std::string::npos)
      << keyOnly.output();

  AcsProcess clientCaOnly({"--listen", "127.0.0.1:0", "--client-ca", file.string()});
  EXPECT_EQ(clientCaOnly.wait(), 2);
  EXPECT_NE(clientCaOnly.output().find("--client-ca needs --tls-cert and --tls-key"), std::string::npos)
      << clientCaOnly.output();
}

TEST_F(AcsCommandLineTest, UnreadableTlsFileExitsWithOneAndNamesIt) {
  cpemu::test::TempDir dir;
  cpemu::test::TestCertificateAuthority ca(dir.path());
  const auto server = ca.issueServerCertificate("acs", {"127.0.0.1"});
  const std::string missing = (dir.path() / "absent-ca.pem").string();

  AcsProcess noKey({"--listen", "127.0.0.1:0", "--tls-cert", server.cert.string(), "--tls-key",
                    (dir.path() / "absent.key").string()});
  EXPECT_EQ(noKey.wait(), 1);
  EXPECT_NE(noKey.output().find("cpemu-acs: cannot read the TLS key file '" +
                                (dir.path() / "absent.key").string() + "': No such file or directory"),
            std::string::npos)
      << noKey.output();

  AcsProcess noClientCa({"--listen", "127.0.0.1:0", "--tls-cert", server.cert.string(), "--tls-key",
                         server.key.string(), "--client-ca", missing});
  EXPECT_EQ(noClientCa.wait(), 1);
  EXPECT_NE(noClientCa.output().find("cannot read the client CA file '" + missing + "'"), std::string::npos)
      << noClientCa.output();

  // Readable but not a certificate: the TLS layer refuses it, and the message names the files.
  AcsProcess swapped(
      {"--listen", "127.0.0.1:0", "--tls-cert", server.key.string(), "--tls-key", server.cert.string()});
  EXPECT_EQ(swapped.wait(), 1);
  EXPECT_NE(swapped.output().find("cannot load the certificate '" + server.key.string() + "'"),
            std::string::npos)
      << swapped.output();
}

TEST_F(AcsCommandLineTest, AuthWithoutUsernameIsRefused) {
  AcsProcess acs({"--auth", "digest", "--listen", "127.0.0.1:0"});
  EXPECT_EQ(acs.wait(), 2);
  EXPECT_NE(acs.output().find("--username"), std::string::npos) << acs.output();
}

}  // namespace
}  // namespace cpemu::acs
