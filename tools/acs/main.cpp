// cpemu-acs: parses the command line, loads the script and runs an AcsServer until SIGINT/SIGTERM.
#include <CLI/CLI.hpp>

#include <pthread.h>
#include <csignal>
#include <iostream>

#include "acs/acs_server.h"

namespace {

struct ListenAddress {
  std::string host;
  std::uint16_t port = 0;
};

// "HOST:PORT", "[v6]:PORT" or ":PORT" (all interfaces).
std::optional<ListenAddress> parseListen(const std::string& text) {
  const auto colon = text.rfind(':');
  if (colon == std::string::npos) return std::nullopt;
  std::string host = text.substr(0, colon);
  const std::string port = text.substr(colon + 1);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  if (host.empty()) host = "0.0.0.0";
  if (port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos)
    return std::nullopt;
  const unsigned long value = std::stoul(port);
  if (value > 65535) return std::nullopt;
  return ListenAddress{host, static_cast<std::uint16_t>(value)};
}

}  // namespace

int main(int argc, char** argv) {
  using namespace cpemu::acs;

  CLI::App app{
      "cpemu-acs: a small scriptable TR-069 ACS that shows what a CPE sends and scripts what it gets"};
  std::string listen = "127.0.0.1:7548";
  std::string scriptFile;
  std::string recordFile;
  std::string auth = "none";
  std::string username;
  std::string password;
  std::string cwmpVersion;
  std::string logLevel = "info";
  std::string redirectUrl;
  int redirectStatus = 307;
  bool holdRequests = false;
  int sessionTimeout = 120;
  std::size_t workers = 16;
  std::string tlsCert;
  std::string tlsKey;
  std::string clientCa;

  app.add_option("--listen", listen, "HOST:PORT to listen on ([v6]:PORT, :PORT for all interfaces)")
      ->capture_default_str();
  app.add_option("--script", scriptFile, "YAML or JSON script of RPCs per session (docs/test-acs.md)")
      ->check(CLI::ExistingFile);
  app.add_option("--record", recordFile, "append one JSON object per finished session to FILE");
  app.add_option("--auth", auth, "HTTP authentication the CPE must pass")
      ->check(CLI::IsMember({"none", "basic", "digest"}))
      ->capture_default_str();
  app.add_option("--username", username, "username for --auth basic|digest");
  app.add_option("--password", password, "password for --auth basic|digest")->envname("CPEMU_ACS_PASSWORD");
  app.add_option("--cwmp-version", cwmpVersion,
                 "highest CWMP version spoken, 1.0..1.4 (default: script, else 1.4)")
      ->check(CLI::IsMember({"1.0", "1.1", "1.2", "1.3", "1.4"}));
  app.add_option("--log-level", logLevel, "info: a line per session and RPC; debug: full SOAP too")
      ->check(CLI::IsMember({"quiet", "info", "debug"}))
      ->capture_default_str();
  app.add_option("--redirect", redirectUrl, "redirect each CPE's first Inform to this URL");
  app.add_option("--redirect-status", redirectStatus, "HTTP status of the redirect")
      ->check(CLI::IsMember({302, 307}))
      ->capture_default_str();
  app.add_flag("--hold-requests", holdRequests, "send HoldRequests=true on the InformResponse");
  app.add_option("--session-timeout", sessionTimeout, "seconds an open session may stay idle")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_option("--workers", workers, "connections served at once (each CPE in a session holds one)")
      ->check(CLI::Range(1, 4096))
      ->capture_default_str();
  // Not CLI::ExistingFile: a file that cannot be read is exit status 1 with the reason, like the record file.
  app.add_option("--tls-cert", tlsCert, "serve https with this PEM certificate (chain); needs --tls-key");
  app.add_option("--tls-key", tlsKey, "PEM private key of --tls-cert");
  app.add_option("--client-ca", clientCa,
                 "require client certificates signed by this PEM CA (mutual TLS); needs --tls-cert");
  CLI11_PARSE(app, argc, argv);

  const auto address = parseListen(listen);
  if (!address) {
    std::cerr << "cpemu-acs: --listen must be HOST:PORT, got '" << listen << "'\n";
    return 2;
  }

  if (tlsCert.empty() != tlsKey.empty()) {
    std::cerr << "cpemu-acs: --tls-cert and --tls-key go together (the certificate and its private key)\n";
    return 2;
  }
  if (!clientCa.empty() && tlsCert.empty()) {
    std::cerr
        << "cpemu-acs: --client-ca needs --tls-cert and --tls-key (client certificates are a TLS matter)\n";
    return 2;
  }

  AcsOptions options;
  if (!tlsCert.empty()) options.tls = cpemu::transport::ServerTlsOptions{tlsCert, tlsKey, clientCa};
  options.auth.scheme = *authSchemeFromName(auth);
  options.auth.username = username;
  options.auth.password = password;
  if (options.auth.scheme != AuthScheme::None && username.empty()) {
    std::cerr << "cpemu-acs: --auth " << auth << " needs --username (and --password)\n";
    return 2;
  }
  if (!cwmpVersion.empty()) options.cwmpVersion = cwmpVersion;
  if (!redirectUrl.empty()) options.redirect = RedirectOptions{redirectStatus, redirectUrl};
  options.holdRequests = holdRequests;
  options.recordFile = recordFile;
  options.logLevel = logLevel == "debug"  ? LogLevel::Debug
                     : logLevel == "info" ? LogLevel::Info
                                          : LogLevel::Off;
  options.sessionTimeout = std::chrono::seconds(sessionTimeout);
  options.http.workerThreads = workers;

  AcsScript script;
  try {
    if (!scriptFile.empty()) script = loadAcsScript(scriptFile);
  } catch (const ScriptError& e) {
    std::cerr << "cpemu-acs: " << e.what() << "\n";
    return 2;
  }

  // Block the stop signals in every thread (the server's threads inherit this mask) and wait for them here.
  sigset_t stopSignals;
  sigemptyset(&stopSignals);
  sigaddset(&stopSignals, SIGINT);
  sigaddset(&stopSignals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);

  AcsServer acs(options);
  acs.setScript(std::move(script));
  try {
    acs.start(address->host, address->port);
  } catch (const std::exception& e) {
    std::cerr << "cpemu-acs: " << e.what() << "\n";
    return 1;
  }
  std::cerr << "cpemu-acs listening on " << acs.url() << " (auth " << auth
            << (username.empty() ? "" : ", user " + username) << ", script "
            << (scriptFile.empty() ? "none" : scriptFile)
            << (clientCa.empty() ? "" : ", client certificates from " + clientCa + " required") << ")"
            << std::endl;

  int signal = 0;
  sigwait(&stopSignals, &signal);
  std::cerr << "cpemu-acs: " << (signal == SIGINT ? "SIGINT" : "SIGTERM") << ", stopping" << std::endl;
  acs.stop();
  return 0;
}
