#include "interop/genieacs.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <unistd.h>

#include <httplib.h>

#include <cctype>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "cli/run_command.h"

namespace cpemu::interop {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

// `count` ports nothing listens on now: bound together (so they differ), then released for GenieACS.
std::vector<std::uint16_t> sparePorts(std::size_t count) {
  std::vector<int> fds;
  std::vector<std::uint16_t> ports;
  for (std::size_t i = 0; i < count; ++i) {
    int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&addr), len) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0)
      throw std::runtime_error("cannot find a spare loopback port");
    fds.push_back(fd);
    ports.push_back(ntohs(addr.sin_port));
  }
  for (int fd : fds) ::close(fd);
  return ports;
}

std::string tail(const std::string& text, std::size_t lines) {
  std::size_t pos = text.size();
  for (std::size_t n = 0; n <= lines && pos != std::string::npos && pos > 0; ++n) pos = text.rfind('\n', pos - 1);
  return pos == std::string::npos ? text : text.substr(pos + 1);
}

// The services the kit starts, each with a PID file and what its command line contains.
const std::vector<std::pair<std::string, std::string>>& services() {
  static const std::vector<std::pair<std::string, std::string>> s = {{"ui", "genieacs-ui"},
                                                                      {"fs", "genieacs-fs"},
                                                                      {"nbi", "genieacs-nbi"},
                                                                      {"cwmp", "genieacs-cwmp"},
                                                                      {"congodb", "congo-server.mjs"}};
  return s;
}

bool isOurs(pid_t pid, const std::string& mark) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/cmdline", std::ios::binary);
  std::string cmdline((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return cmdline.find(mark) != std::string::npos;
}

}  // namespace

fs::path genieAcsKit() {
  fs::path kit = env("CPEMU_GENIEACS_KIT").empty() ? fs::path(CPEMU_DEFAULT_GENIEACS_KIT)
                                                   : fs::path(env("CPEMU_GENIEACS_KIT"));
  return fs::is_regular_file(kit / "start") && fs::is_regular_file(kit / "install") ? kit : fs::path();
}

bool genieAcsRequired() { return env("CPEMU_REQUIRE_GENIEACS") == "1"; }

GenieAcs::GenieAcs(const std::string& testName, GenieAcsOptions options) : options_(std::move(options)) {
  kit_ = genieAcsKit();
  if (kit_.empty()) throw std::runtime_error("the GenieACS test kit is not there (set CPEMU_GENIEACS_KIT)");
  home_ = env("CPEMU_GENIEACS_HOME").empty() ? fs::path(CPEMU_DEFAULT_GENIEACS_HOME)
                                             : fs::path(env("CPEMU_GENIEACS_HOME"));
  fs::create_directories(home_);
  // Kept after the test (CI keeps them as artefacts): the logs, cwmp-debug.yaml above all.
  runDir_ = fs::path(CPEMU_INTEROP_LOG_DIR) / testName;
  fs::remove_all(runDir_);
  fs::create_directories(runDir_);
  logDir_ = runDir_ / "logs";
  {
    // One install for every test of the run; the others wait for it.
    int lock = ::open((home_ / ".install.lock").c_str(), O_CREAT | O_RDWR | O_CLOEXEC, 0644);
    if (lock < 0 || ::flock(lock, LOCK_EX) != 0) throw std::runtime_error("cannot lock " + home_.string());
    test::CommandResult installed{0, 0, "", ""};
    if (!fs::exists(home_ / "genieacs" / ".kit-stamp") || !fs::exists(home_ / "congodb" / ".kit-stamp"))
      installed = test::runCommand({(kit_ / "install").string()},
                                   {{{"GENIEACS_HOME", home_.string()}, {"GENIEACS_SKIP_SMOKE", "1"}}, {}});
    ::close(lock);
    if (installed.exitCode != 0)
      throw std::runtime_error("the GenieACS kit did not install:\n" + installed.out + installed.err);
  }
  start();
}

GenieAcs::~GenieAcs() { stop(); }

void GenieAcs::start() {
  std::string failure;
  for (int attempt = 0; attempt < 3; ++attempt) {  // a spare port may be taken between probe and bind
    auto ports = sparePorts(5);
    dbPort_ = ports[0];
    cwmpPort_ = ports[1];
    nbiPort_ = ports[2];
    fsPort_ = ports[3];
    uiPort_ = ports[4];
    test::CommandOptions o;
    o.environment = {{"GENIEACS_HOME", home_.string()},
                     {"GENIEACS_RUN_DIR", runDir_.string()},
                     {"CONGO_PORT", std::to_string(dbPort_)},
                     {"GENIEACS_CWMP_PORT", std::to_string(cwmpPort_)},
                     {"GENIEACS_NBI_PORT", std::to_string(nbiPort_)},
                     {"GENIEACS_FS_PORT", std::to_string(fsPort_)},
                     {"GENIEACS_UI_PORT", std::to_string(uiPort_)},
                     {"GENIEACS_WITH_UI", options_.withUi ? "1" : "0"}};
    for (const auto& [k, v] : options_.environment) o.environment[k] = v;
    auto r = test::runCommand({(kit_ / "start").string()}, o);
    if (r.exitCode == 0) {
      started_ = true;
      return;
    }
    failure = r.out + r.err;
    if (failure.find("already taken") == std::string::npos) break;
  }
  throw std::runtime_error("GenieACS did not start:\n" + tail(failure, 40));
}

// The kit's own `stop` stops one service after the other (about 8 s); the data is in memory only, so
// every service gets SIGTERM at once.
void GenieAcs::stop() {
  if (!started_) return;
  started_ = false;
  std::vector<pid_t> running;
  for (const auto& [name, mark] : services()) {
    std::ifstream in(runDir_ / (name + ".pid"));
    pid_t pid = 0;
    if (!(in >> pid) || pid <= 0 || ::kill(pid, 0) != 0 || !isOurs(pid, mark)) continue;
    ::kill(pid, SIGTERM);
    running.push_back(pid);
  }
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  for (pid_t pid : running) {
    while (::kill(pid, 0) == 0 && std::chrono::steady_clock::now() < until)
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    if (::kill(pid, 0) == 0) ::kill(pid, SIGKILL);
  }
  for (const auto& [name, mark] : services()) fs::remove(runDir_ / (name + ".pid"));
}

std::string GenieAcs::acsUrl() const { return "http://127.0.0.1:" + std::to_string(cwmpPort_) + "/"; }

namespace {

HttpAnswer request(std::uint16_t port, const std::string& method, const std::string& target, const std::string& body,
                   const std::map<std::string, std::string>& headers) {
  httplib::Client client("127.0.0.1", port);
  client.set_connection_timeout(10, 0);
  client.set_read_timeout(120, 0);
  httplib::Request req;
  req.method = method;
  req.path = target;
  req.body = body;
  for (const auto& [k, v] : headers) req.headers.emplace(k, v);
  if (!body.empty() && !req.has_header("Content-Type")) req.headers.emplace("Content-Type", "application/json");
  auto res = client.send(req);
  HttpAnswer answer;
  if (!res) return answer;
  answer.status = res->status;
  answer.body = res->body;
  for (const auto& [k, v] : res->headers) {
    std::string name = k;
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    answer.headers[name] = v;
  }
  return answer;
}

void expectOk(const HttpAnswer& a, const std::string& what) {
  if (a.status < 200 || a.status > 299)
    throw std::runtime_error(what + ": HTTP " + std::to_string(a.status) + " " + a.body);
}

}  // namespace

HttpAnswer GenieAcs::nbi(const std::string& method, const std::string& target, const std::string& body,
                         const std::map<std::string, std::string>& headers) const {
  return request(nbiPort_, method, target, body, headers);
}

HttpAnswer GenieAcs::ui(const std::string& method, const std::string& target, const std::string& body) const {
  return request(uiPort_, method, target, body, {});
}

void GenieAcs::putProvision(const std::string& name, const std::string& script) const {
  expectOk(nbi("PUT", "/provisions/" + urlEncode(name), script, {{"Content-Type", "application/javascript"}}),
           "PUT provision " + name);
}

void GenieAcs::putPreset(const std::string& name, const std::string& provision, const json& events,
                         const std::string& precondition) const {
  json preset = {{"weight", 0},
                 {"channel", name},
                 {"events", events},
                 {"precondition", precondition},
                 {"configurations", json::array({{{"type", "provision"}, {"name", provision}, {"args", nullptr}}})}};
  expectOk(nbi("PUT", "/presets/" + urlEncode(name), preset.dump()), "PUT preset " + name);
}

void GenieAcs::waitForConfigReload() {
  // genieacs-cwmp checks for new presets at the first session after each multiple of 5 s (epoch time).
  using namespace std::chrono;
  const auto now = duration_cast<milliseconds>(system_clock::now().time_since_epoch());
  std::this_thread::sleep_for(milliseconds(5000 - now.count() % 5000 + 200));
}

int GenieAcs::task(const std::string& deviceId, const json& task, std::chrono::milliseconds timeout) const {
  auto a = nbi("POST",
               "/devices/" + urlEncode(deviceId) + "/tasks?connection_request&timeout=" +
                   std::to_string(timeout.count()),
               task.dump());
  return a.status;
}

std::optional<json> GenieAcs::device(const std::string& deviceId, const std::string& projection) const {
  std::string target = "/devices/?query=" + urlEncode(json{{"_id", deviceId}}.dump());
  if (!projection.empty()) target += "&projection=" + urlEncode(projection);
  auto a = nbi("GET", target);
  expectOk(a, "GET device " + deviceId);
  auto list = json::parse(a.body);
  if (!list.is_array() || list.empty()) return std::nullopt;
  return list[0];
}

std::size_t GenieAcs::deviceCount() const {
  auto a = nbi("HEAD", "/devices/?query=%7B%7D");
  expectOk(a, "HEAD devices");
  return a.headers.count("total") ? std::stoul(a.headers.at("total")) : 0;
}

std::vector<std::string> GenieAcs::deviceIds() const {
  auto a = nbi("GET", "/devices/?projection=_id");
  expectOk(a, "GET devices");
  std::vector<std::string> out;
  for (const auto& d : json::parse(a.body)) out.push_back(d.at("_id").get<std::string>());
  return out;
}

json GenieAcs::faults() const {
  auto a = nbi("GET", "/faults/");
  expectOk(a, "GET faults");
  return json::parse(a.body);
}

json GenieAcs::tasks() const {
  auto a = nbi("GET", "/tasks/");
  expectOk(a, "GET tasks");
  return json::parse(a.body);
}

void GenieAcs::putFile(const std::string& name, const std::string& fileType, const std::string& oui,
                       const std::string& productClass, const std::string& version, const std::string& body) const {
  expectOk(nbi("PUT", "/files/" + urlEncode(name), body,
               {{"fileType", fileType},
                {"oui", oui},
                {"productClass", productClass},
                {"version", version},
                {"Content-Type", "application/octet-stream"}}),
           "PUT file " + name);
}

std::string GenieAcs::urlEncode(const std::string& s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

const json* genieNode(const json& document, const std::string& path) {
  const json* node = &document;
  std::size_t begin = 0;
  while (begin < path.size()) {
    std::size_t dot = path.find('.', begin);
    std::string name = path.substr(begin, dot == std::string::npos ? std::string::npos : dot - begin);
    if (!node->is_object() || !node->contains(name)) return nullptr;
    node = &(*node)[name];
    if (dot == std::string::npos) break;
    begin = dot + 1;
  }
  return node;
}

std::string genieValueText(const json& node) {
  if (!node.is_object() || !node.contains("_value")) return "";
  const json& v = node.at("_value");
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  if (v.is_number_integer()) return std::to_string(v.get<long long>());
  return v.dump();
}

}  // namespace cpemu::interop
