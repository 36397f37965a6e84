#include "app/commands.h"

#include <pthread.h>
#include <signal.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <ostream>
#include <thread>
#include <utility>

#include "cwmp/connection_request_server.h"
#include "cwmp/cpe_agent.h"
#include "cwmp/cwmp_version.h"
#include "device/device.h"
#include "log/logger.h"

#include "datamodel/instance_tree.h"
#include "datamodel/model_loader.h"
#include "profile/device_template.h"
#include "profile/profile_loader.h"
#include "transport/url.h"

namespace cpemu::app {
namespace {

void reportWarnings(const datamodel::ModelLoader& loader, const CommonOptions& common, std::ostream& err) {
  const auto& w = loader.warnings();
  if (w.empty()) return;
  if (common.showWarnings) {
    for (const auto& d : w) err << "warning: " << d.toString() << '\n';
  } else {
    err << "note: " << w.size() << " data-model warning(s) tolerated; --warnings lists them\n";
  }
}

// One line per parameter must survive values with tabs or newlines in them.
std::string escapeField(std::string_view v) {
  std::string out;
  out.reserve(v.size());
  for (char c : v) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      default: out += c;
    }
  }
  return out;
}

std::shared_ptr<const profile::DeviceTemplate> loadTemplate(const CommonOptions& common,
                                                           const std::filesystem::path& file,
                                                           datamodel::ModelLoader& loader) {
  for (const auto& dir : common.dataModelPath) loader.addSearchDirectory(dir);
  profile::ProfileLoader profiles(common.dataModelPath);
  return profile::DeviceTemplate::build(profiles.load(file), loader);
}

// TR-069 §3.2.2: the device's Connection Request server, listening but with nobody registered yet.
// ConnectionRequestURL must name where it really listens: an ACS that is given a URL nothing listens on
// queues its tasks forever. A port asked for on the command line that cannot be bound is an error; the
// profile's port (7547 by convention, which an ACS on the same host often holds) falls back to a free
// port with one warning. Throws std::runtime_error naming the host and port.
struct ConnectionRequestListener {
  std::unique_ptr<cwmp::ConnectionRequestServer> server;
  std::string path;
  std::string url;  // with the bound port
};

ConnectionRequestListener listenForConnectionRequests(const profile::ConnectionRequestSettings& settings,
                                                      std::optional<std::uint16_t> portOverride,
                                                      device::Device& device, log::Logger& logger) {
  ConnectionRequestListener listener;
  // The profile's path template, as expanded for this device into ConnectionRequestURL.
  listener.path = settings.path;
  if (auto url = transport::parseUrl(device.value("ManagementServer.ConnectionRequestURL"));
      std::holds_alternative<transport::Url>(url))
    listener.path = std::get<transport::Url>(url).target;
  cwmp::ConnectionRequestServerOptions serverOptions;
  serverOptions.burst = settings.rateBurst;
  serverOptions.ratePeriod = std::chrono::seconds(settings.ratePeriodSeconds);
  auto server = std::make_unique<cwmp::ConnectionRequestServer>(logger, serverOptions);
  std::uint16_t bound = 0;
  if (portOverride) {
    try {
      bound = server->start(settings.host, *portOverride);
    } catch (const std::exception& e) {
      throw std::runtime_error("--cr-port " + std::to_string(*portOverride) + ": " + e.what());
    }
  } else {
    try {
      bound = server->start(settings.host, settings.port);
    } catch (const std::exception& e) {
      if (settings.port == 0) throw;
      bound = server->start(settings.host, 0);  // throws when the host itself cannot be bound
      logger.warning(device.label(), std::string(e.what()) + " (connection_request.port); listening on port " +
                                         std::to_string(bound) + " instead");
    }
  }
  const std::string host = settings.host.find(':') != std::string::npos ? "[" + settings.host + "]" : settings.host;
  listener.url = "http://" + host + ":" + std::to_string(bound) + listener.path;
  listener.server = std::move(server);
  // A factory value, so that a FactoryReset keeps reporting the port really served.
  if (auto f = device.setFactoryValue(device.rootName() + ".ManagementServer.ConnectionRequestURL", listener.url))
    logger.warning(device.label(), "cannot set ConnectionRequestURL: " + f.message);
  logger.info(device.label(), "connection requests on " + listener.url);
  return listener;
}

}  // namespace

int runCheck(const CommonOptions& common, const std::filesystem::path& file, std::ostream& out, std::ostream& err) {
  datamodel::ModelLoader loader;
  try {
    auto t = loadTemplate(common, file, loader);
    reportWarnings(loader, common, err);
    std::size_t parameters = 0, objects = 0;
    t->tree().forEachParameter([&](const std::string&, const datamodel::ParameterDef&, std::string_view) { ++parameters; });
    std::vector<datamodel::ParameterName> names;
    t->tree().getNames("", false, names);
    for (const auto& n : names)
      if (n.path.ends_with('.')) ++objects;
    out << "ok: " << file.string() << ": model " << t->schema()->modelName();
    for (const auto& s : t->schema()->serviceModelNames()) out << " + " << s;
    out << ", " << objects << " objects, " << parameters << " parameters, " << t->perDeviceValueCount()
        << " per-device values\n";
    return 0;
  } catch (const std::exception& e) {
    reportWarnings(loader, common, err);
    err << "error: " << e.what() << '\n';
    return 1;
  }
}

int runDump(const CommonOptions& common, const DumpOptions& options, std::ostream& out, std::ostream& err) {
  datamodel::ModelLoader loader;
  try {
    auto t = loadTemplate(common, options.profile, loader);
    reportWarnings(loader, common, err);
    if (options.index == 0) {
      err << "error: --index counts from 1\n";
      return 1;
    }
    datamodel::InstanceTree tree = t->instantiate(options.index);
    std::vector<datamodel::ParameterValue> values;
    auto view = options.showSecrets ? datamodel::ReadView::Device : datamodel::ReadView::Acs;
    if (auto f = tree.getValues(options.path, values, view)) {
      err << "error: " << f.message << " (fault " << f.number() << ")\n";
      return 1;
    }
    for (const auto& v : values) {
      // Lists travel as xsd:string on the wire (TR-069 A.2.1); the type column says what the ACS sees.
      std::string_view type = v.def->syntax.list ? "string" : datamodel::xsdName(v.def->syntax.type);
      out << v.path << '\t' << type << '\t' << datamodel::accessName(v.def->access) << '\t' << escapeField(v.value)
          << '\n';
    }
    return 0;
  } catch (const std::exception& e) {
    reportWarnings(loader, common, err);
    err << "error: " << e.what() << '\n';
    return 1;
  }
}

int runDevice(const CommonOptions& common, const RunOptions& options, std::ostream& err) {
  log::Level level;
  if (!log::parseLevel(options.logLevel, level)) {
    err << "error: --log-level must be error, warning, info or debug\n";
    return 2;
  }
  if (options.tls.clientCert.empty() != options.tls.clientKey.empty()) {
    err << "error: --client-cert and --client-key go together (the certificate and its private key)\n";
    return 2;
  }
  if (!tlsFilesReadable(options.tls, err)) return 1;
  datamodel::ModelLoader loader;
  std::shared_ptr<const profile::DeviceTemplate> t;
  try {
    t = loadTemplate(common, options.profile, loader);
  } catch (const std::exception& e) {
    err << "error: " << e.what() << '\n';
    return 1;
  }
  reportWarnings(loader, common, err);
  if (options.index == 0) {
    err << "error: --index counts from 1\n";
    return 1;
  }
  device::Device device(t, options.index);
  for (const auto& set : options.sets) {
    auto eq = set.find('=');
    if (eq == std::string::npos || eq == 0) {
      err << "error: --set " << set << ": expected PATH=VALUE\n";
      return 1;
    }
    if (auto f = device.setFactoryValue(set.substr(0, eq), set.substr(eq + 1))) {
      err << "error: --set " << set.substr(0, eq) << ": " << f.message << " (fault " << f.number() << ")\n";
      return 1;
    }
  }
  if (!options.acsUrl.empty())
    if (auto f = device.setFactoryValue(device.rootName() + ".ManagementServer.URL", options.acsUrl)) {
      err << "error: --acs: " << f.message << " (fault " << f.number() << ")\n";
      return 1;
    }

  cwmp::AgentOptions agentOptions;
  agentOptions.session = cwmp::sessionOptionsFor(t->profile());
  agentOptions.stateDir = options.stateDir;
  agentOptions.maxSessions = options.maxSessions;
  agentOptions.tls = cwmp::tlsOptionsFor(t->profile(), options.tls);

  log::Logger logger(err, level);
  if (options.tls.insecure)
    logger.warning(device.label(), "--insecure: the ACS certificate and host name are not verified");
  agentOptions.activities = cwmp::activitiesFor(t->profile(), logger, agentOptions.tls);

  // SIGINT/SIGTERM stop the agent from a dedicated thread (signals are blocked everywhere else).
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGUSR2);  // used only to wake the waiter when the agent ends on its own
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  // Started after the signal mask so that its threads inherit it.
  ConnectionRequestListener connectionRequests;
  if (t->profile().connectionRequestWhere) {
    try {
      connectionRequests =
          listenForConnectionRequests(t->profile().connectionRequest, options.connectionRequestPort, device, logger);
    } catch (const std::exception& e) {
      err << "error: " << e.what() << '\n';
      return 1;
    }
    agentOptions.connectionRequestUrl = connectionRequests.url;
  }
  cwmp::CpeAgent agent(device, logger, agentOptions);
  if (connectionRequests.server)
    connectionRequests.server->add({connectionRequests.path, device.label(), t->profile().connectionRequest.allowBasic,
                                    [&agent] { return agent.connectionRequestCredentials(); },
                                    [&agent] { agent.connectionRequest(); }});

  std::thread waiter([&] {
    int received = 0;
    sigwait(&signals, &received);
    if (received != SIGUSR2) logger.info(device.label(), "stopping on signal " + std::to_string(received));
    agent.stop();
  });
  unsigned failures = agent.run();
  if (connectionRequests.server) connectionRequests.server->stop();
  pthread_kill(waiter.native_handle(), SIGUSR2);
  waiter.join();
  (void)failures;
  return device.bootstrapped() ? 0 : 1;
}

bool tlsFilesReadable(const cwmp::TlsCommandLine& tls, std::ostream& err) {
  for (const auto& [option, file] :
       {std::pair{"--ca-file", &tls.caFile}, std::pair{"--client-cert", &tls.clientCert},
        std::pair{"--client-key", &tls.clientKey}}) {
    if (file->empty()) continue;
    if (std::FILE* f = std::fopen(file->c_str(), "rb")) {
      std::fclose(f);
    } else {
      err << "error: " << option << ": cannot read '" << *file << "': " << std::strerror(errno) << '\n';
      return false;
    }
  }
  return true;
}

int runSchema(const CommonOptions& common, const std::vector<std::filesystem::path>& files, std::ostream& out,
              std::ostream& err) {
  datamodel::ModelLoader loader;
  for (const auto& dir : common.dataModelPath) loader.addSearchDirectory(dir);
  try {
    for (const auto& file : files) {
      for (const auto& model : loader.load(file))
        out << "model=" << model->name << " objects=" << model->objectDefinitionCount()
            << " parameters=" << model->parameterDefinitionCount() << '\n';
    }
    reportWarnings(loader, common, err);
    return 0;
  } catch (const std::exception& e) {
    reportWarnings(loader, common, err);
    err << "error: " << e.what() << '\n';
    return 1;
  }
}

}  // namespace cpemu::app
