// GenieACS 1.2.16, a real ACS, for the interop tests: started from the test kit in ../shared/genieacs (its
// README) on spare loopback ports for one test, and driven only through its northbound interface (NBI),
// as an operator drives it. Data lives in memory (CongoDB), so every instance starts empty.
#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace cpemu::interop {

struct HttpAnswer {
  int status = 0;  // 0: no answer (connection failed)
  std::string body;
  std::map<std::string, std::string> headers;  // names in lower case
};

// The kit folder ($CPEMU_GENIEACS_KIT, else ../shared/genieacs beside the checkout); empty when absent.
std::filesystem::path genieAcsKit();
// Whether a missing kit fails the test instead of skipping it ($CPEMU_REQUIRE_GENIEACS=1, as in CI).
bool genieAcsRequired();

struct GenieAcsOptions {
  bool withUi = false;                             // also start genieacs-ui (its /init creates stock presets)
  std::map<std::string, std::string> environment;  // more GENIEACS_* settings
};

class GenieAcs {
 public:
  // Installs the kit into $CPEMU_GENIEACS_HOME (default: the build folder's genieacs/) once, under a lock
  // (tests run in parallel), and starts it on spare ports. Throws std::runtime_error with the kit's
  // output when it does not come up.
  explicit GenieAcs(const std::string& testName, GenieAcsOptions options = {});
  ~GenieAcs();  // stops every service (SIGTERM to each at once; the data is gone)
  GenieAcs(const GenieAcs&) = delete;
  GenieAcs& operator=(const GenieAcs&) = delete;

  std::string acsUrl() const;  // http://127.0.0.1:PORT/ (genieacs-cwmp)
  std::uint16_t fsPort() const { return fsPort_; }
  const std::filesystem::path& logDir() const { return logDir_; }
  std::filesystem::path debugLog() const { return logDir_ / "cwmp-debug.yaml"; }  // every CWMP message

  // --- the NBI (http://127.0.0.1:NBI/) ---
  HttpAnswer nbi(const std::string& method, const std::string& target, const std::string& body = "",
                 const std::map<std::string, std::string>& headers = {}) const;
  // genieacs-ui (withUi only)
  HttpAnswer ui(const std::string& method, const std::string& target, const std::string& body = "") const;
  void putProvision(const std::string& name, const std::string& script) const;
  // A preset that runs `provision` at every Inform matching `events` (e.g. {"0 BOOTSTRAP": true}).
  void putPreset(const std::string& name, const std::string& provision, const nlohmann::json& events = nlohmann::json::object(),
                 const std::string& precondition = "") const;
  // GenieACS rereads presets and provisions on 5 s boundaries once a device has informed: waits until a
  // change made now is seen by the next Inform.
  static void waitForConfigReload();

  // Queues a task for `deviceId` with a Connection Request and waits up to `timeout` for it: 200 done,
  // 202 still queued (no session came, or the CPE faulted: see faults()).
  int task(const std::string& deviceId, const nlohmann::json& task,
           std::chrono::milliseconds timeout = std::chrono::seconds(20)) const;
  // The device document (GenieACS's whole view: {"Device": {"DeviceInfo": {"_value"…}}}), if it exists.
  std::optional<nlohmann::json> device(const std::string& deviceId, const std::string& projection = "") const;
  std::size_t deviceCount() const;
  std::vector<std::string> deviceIds() const;
  nlohmann::json faults() const;  // CPE faults and failed tasks, [] when none
  nlohmann::json tasks() const;   // tasks still queued
  // Uploads a file to genieacs-fs through the NBI (PUT /files/NAME) for a Download task.
  void putFile(const std::string& name, const std::string& fileType, const std::string& oui,
               const std::string& productClass, const std::string& version, const std::string& body) const;

  static std::string urlEncode(const std::string& s);

 private:
  void start();
  void stop();

  std::filesystem::path kit_;
  std::filesystem::path home_;
  std::filesystem::path runDir_;
  std::filesystem::path logDir_;
  GenieAcsOptions options_;
  std::uint16_t dbPort_ = 0, cwmpPort_ = 0, nbiPort_ = 0, fsPort_ = 0, uiPort_ = 0;
  bool started_ = false;
};

// A GenieACS parameter node's value as text the way `cpemu dump` prints it ("" when it has none).
std::string genieValueText(const nlohmann::json& node);
// The node at `path` ("Device.DeviceInfo.SoftwareVersion") of a device document; null when absent.
const nlohmann::json* genieNode(const nlohmann::json& document, const std::string& path);

}  // namespace cpemu::interop
