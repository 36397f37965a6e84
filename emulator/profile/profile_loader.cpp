#include "profile/profile_loader.h"

#include <arpa/inet.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <map>
#include <sstream>
#include <utility>

#include "profile/value_template.h"

namespace cpemu::profile {
namespace {

struct KeyMapping {
  std::string_view key;
  std::string_view parameter;  // relative to the model root
};

// identity: and acs: keys and the parameters they set (TR-181 DeviceInfo / ManagementServer).
constexpr std::array<KeyMapping, 7> kIdentityKeys{{
    {"manufacturer", "DeviceInfo.Manufacturer"},
    {"manufacturer_oui", "DeviceInfo.ManufacturerOUI"},
    {"product_class", "DeviceInfo.ProductClass"},
    {"model_name", "DeviceInfo.ModelName"},
    {"serial_number", "DeviceInfo.SerialNumber"},
    {"hardware_version", "DeviceInfo.HardwareVersion"},
    {"software_version", "DeviceInfo.SoftwareVersion"},
}};
constexpr std::array<KeyMapping, 6> kAcsKeys{{
    {"url", "ManagementServer.URL"},
    {"username", "ManagementServer.Username"},
    {"password", "ManagementServer.Password"},
    {"periodic_inform_enable", "ManagementServer.PeriodicInformEnable"},
    {"periodic_inform_interval", "ManagementServer.PeriodicInformInterval"},
    {"periodic_inform_time", "ManagementServer.PeriodicInformTime"},
}};
constexpr std::array<KeyMapping, 2> kConnectionRequestCredentials{{
    {"username", "ManagementServer.ConnectionRequestUsername"},
    {"password", "ManagementServer.ConnectionRequestPassword"},
}};

class Reader {
 public:
  explicit Reader(std::string file) : file_(std::move(file)) {}

  SourceLocation at(const YAML::Node& node, const std::string& key) const {
    const YAML::Mark m = node.Mark();
    return {file_, m.line >= 0 ? m.line + 1 : 0, m.column >= 0 ? m.column + 1 : 0, key};
  }
  [[noreturn]] void fail(const YAML::Node& node, const std::string& key, const std::string& message) const {
    throw ProfileError(at(node, key), message);
  }

  std::string scalar(const YAML::Node& node, const std::string& key) const {
    if (node.IsNull()) return "";
    if (!node.IsScalar()) fail(node, key, "expected a single value, found a " + kindOf(node));
    return node.Scalar();
  }

  void requireMap(const YAML::Node& node, const std::string& key) const {
    if (!node.IsMap()) fail(node, key, "expected a mapping of keys to values, found a " + kindOf(node));
  }

  static std::string kindOf(const YAML::Node& n) {
    if (n.IsSequence()) return "list";
    if (n.IsMap()) return "mapping";
    if (n.IsNull()) return "empty value";
    return "single value";
  }

  // Checks a template now, so a typo is reported with its line rather than per device later.
  void checkTemplate(const YAML::Node& node, const std::string& key, const std::string& value) const {
    try {
      ValueTemplate::parse(value);
    } catch (const std::invalid_argument& e) {
      fail(node, key, std::string("bad template: ") + e.what());
    }
  }

  // Parameter values under a path; nested mappings continue the path ("Stats: {BytesSent: 0}").
  void flatten(const YAML::Node& map, const std::string& prefix, const std::string& keyPrefix,
               std::vector<ProfileValue>& out) const {
    for (const auto& kv : map) {
      std::string name = scalar(kv.first, keyPrefix);
      std::string key = keyPrefix + "." + name;
      std::string path = prefix.empty() ? name : prefix + "." + name;
      if (name.empty() || name.front() == '.' || name.back() == '.')
        fail(kv.first, key, "parameter names have no leading or trailing dot");
      if (kv.second.IsMap()) {
        flatten(kv.second, path, key, out);
        continue;
      }
      std::string value = scalar(kv.second, key);
      checkTemplate(kv.second, key, value);
      out.push_back({path, std::move(value), at(kv.second, key), false});
    }
  }

  template <std::size_t N>
  void mapped(const YAML::Node& section, const std::string& sectionName, const std::array<KeyMapping, N>& keys,
              std::vector<ProfileValue>& out, std::vector<std::string_view> otherKeys = {}) const {
    requireMap(section, sectionName);
    for (const auto& kv : section) {
      std::string k = scalar(kv.first, sectionName);
      std::string key = sectionName + "." + k;
      if (std::find(otherKeys.begin(), otherKeys.end(), k) != otherKeys.end()) continue;
      auto it = std::find_if(keys.begin(), keys.end(), [&](const KeyMapping& m) { return m.key == k; });
      if (it == keys.end()) fail(kv.first, key, "unknown key" + knownKeys(keys, otherKeys));
      std::string value = scalar(kv.second, key);
      checkTemplate(kv.second, key, value);
      out.push_back({std::string(it->parameter), std::move(value), at(kv.second, key), true});
    }
  }

  // A file named by the profile: relative to the folder of `file`; "" stays empty (a child profile clears
  // its parent's setting that way). Must exist, so a typo is reported with its line now.
  std::filesystem::path existingFile(const YAML::Node& node, const std::string& key,
                                     const std::filesystem::path& file) const {
    const std::string name = scalar(node, key);
    if (name.empty()) return {};
    std::filesystem::path resolved =
        std::filesystem::path(name).is_absolute() ? std::filesystem::path(name) : file.parent_path() / name;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(resolved, ec))
      fail(node, key, "no such file: " + resolved.string());
    return resolved;
  }

  template <std::size_t N>
  static std::string knownKeys(const std::array<KeyMapping, N>& keys, const std::vector<std::string_view>& other) {
    std::string s = " (known:";
    for (const auto& k : keys) s += " " + std::string(k.key);
    for (auto k : other) s += " " + std::string(k);
    return s + ")";
  }

 private:
  std::string file_;
};

std::optional<int> parseNotification(const std::string& v) {
  if (v == "off") return 0;
  if (v == "passive") return 1;
  if (v == "active") return 2;
  int n = -1;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc{} || p != v.data() + v.size() || n < 0 || n > 6) return std::nullopt;
  return n;
}


// TR-181 2.19 DiagnosticsState error values of each diagnostic (Device.IP.Diagnostics.*,
// Device.DNS.Diagnostics.NSLookupDiagnostics): what `diagnostics.fail` may force.
const std::map<std::string, std::vector<std::string_view>, std::less<>>& diagnosticErrorStates() {
  static const std::map<std::string, std::vector<std::string_view>, std::less<>> kStates = {
      {"IPPing", {"Error_CannotResolveHostName", "Error_NoRouteToHost", "Error_Internal", "Error_Other"}},
      {"TraceRoute",
       {"Error_CannotResolveHostName", "Error_NoRouteToHost", "Error_MaxHopCountExceeded", "Error_Internal",
        "Error_Other"}},
      {"DownloadDiagnostics",
       {"Error_CannotResolveHostName", "Error_NoRouteToHost", "Error_InitConnectionFailed", "Error_NoResponse",
        "Error_TransferFailed", "Error_PasswordRequestFailed", "Error_LoginFailed", "Error_NoTransferMode",
        "Error_NoPASV", "Error_IncorrectSize", "Error_Timeout", "Error_Internal", "Error_Other"}},
      {"UploadDiagnostics",
       {"Error_CannotResolveHostName", "Error_NoRouteToHost", "Error_InitConnectionFailed", "Error_NoResponse",
        "Error_PasswordRequestFailed", "Error_LoginFailed", "Error_NoTransferMode", "Error_NoPASV", "Error_NoCWD",
        "Error_NoSTOR", "Error_NoTransferComplete", "Error_Timeout", "Error_Internal", "Error_Other"}},
      {"UDPEchoDiagnostics", {"Error_CannotResolveHostName", "Error_Internal", "Error_Other"}},
      {"NSLookupDiagnostics", {"Error_DNSServerNotResolved", "Error_Internal", "Error_Other"}},
  };
  return kStates;
}

double diagnosticsNumber(const Reader& r, const YAML::Node& node, const std::string& key, double min, double max) {
  std::string s = r.scalar(node, key);
  double d = 0;
  auto [end, err] = std::from_chars(s.data(), s.data() + s.size(), d);
  if (s.empty() || err != std::errc{} || end != s.data() + s.size() || d < min || d > max) {
    std::ostringstream range;
    range << min << " to " << max;
    r.fail(node, key, "'" + s + "' is not a number from " + range.str());
  }
  return d;
}

// `diagnostics:` (docs/diagnostics.md). A child's keys override its parent's one by one; `resolve` and
// `fail` entries are added to the parent's, the child's winning for the same name.
double behaviourNumber(const Reader& r, const YAML::Node& n, const std::string& key) {
  try {
    std::size_t used = 0;
    std::string text = r.scalar(n, key);
    double v = std::stod(text, &used);
    if (used == text.size() && std::isfinite(v)) return v;
  } catch (const std::exception&) {
  }
  r.fail(n, key, "expected a number");
}

// behaviours: (docs/behaviours.md). Paths are checked against the model when the device template is built.
void readBehaviours(const Reader& r, const YAML::Node& v, const std::string& key, BehaviourSettings& out) {
  r.requireMap(v, key);
  out = {};  // a child's behaviours replace its parent's
  for (const auto& kv : v) {
    const std::string k = r.scalar(kv.first, key);
    const std::string fk = key + "." + k;
    const YAML::Node& n = kv.second;
    if (k == "uptime") {
      std::vector<YAML::Node> items;
      if (n.IsSequence()) {
        for (const auto& item : n) items.push_back(item);
      } else {
        items.push_back(n);
      }
      for (const auto& item : items) {
        CounterBehaviour c;
        c.path = r.scalar(item, fk);
        c.where = r.at(item, fk);
        out.counters.push_back(std::move(c));
      }
    } else if (k == "counters") {
      r.requireMap(n, fk);
      for (const auto& p : n) {
        CounterBehaviour c;
        c.path = r.scalar(p.first, fk);
        const std::string pk = fk + "." + c.path;
        c.where = r.at(p.first, pk);
        r.requireMap(p.second, pk);
        for (const auto& f : p.second) {
          std::string name = r.scalar(f.first, pk);
          if (name == "rate") c.ratePerSecond = behaviourNumber(r, f.second, pk + ".rate");
          else if (name == "start") c.start = behaviourNumber(r, f.second, pk + ".start");
          else r.fail(f.first, pk + "." + name, "unknown key (known: rate start)");
        }
        if (c.ratePerSecond < 0) r.fail(p.second, pk + ".rate", "a counter never goes down: rate must be >= 0");
        out.counters.push_back(std::move(c));
      }
    } else if (k == "random_walk") {
      r.requireMap(n, fk);
      for (const auto& p : n) {
        RandomWalkBehaviour w;
        w.path = r.scalar(p.first, fk);
        const std::string pk = fk + "." + w.path;
        w.where = r.at(p.first, pk);
        r.requireMap(p.second, pk);
        for (const auto& f : p.second) {
          std::string name = r.scalar(f.first, pk);
          double x = behaviourNumber(r, f.second, pk + "." + name);
          if (name == "min") w.min = x;
          else if (name == "max") w.max = x;
          else if (name == "step") w.step = x;
          else if (name == "every") w.everySeconds = x;
          else if (name == "start") w.start = x;
          else r.fail(f.first, pk + "." + name, "unknown key (known: min max step every start)");
        }
        if (w.min > w.max) r.fail(p.second, pk, "min is above max");
        if (w.everySeconds <= 0) r.fail(p.second, pk + ".every", "must be above 0 seconds");
        if (w.step < 0) r.fail(p.second, pk + ".step", "must be >= 0");
        if (w.start && (*w.start < w.min || *w.start > w.max)) r.fail(p.second, pk + ".start", "outside [min, max]");
        out.walks.push_back(std::move(w));
      }
    } else if (k == "timeline") {
      if (!n.IsSequence()) r.fail(n, fk, "expected a list of steps");
      for (std::size_t i = 0; i < n.size(); ++i) {
        const std::string sk = fk + "[" + std::to_string(i) + "]";
        r.requireMap(n[i], sk);
        TimelineStep step;
        step.where = r.at(n[i], sk);
        bool hasAt = false;
        for (const auto& f : n[i]) {
          std::string name = r.scalar(f.first, sk);
          const std::string nk = sk + "." + name;
          if (name == "at") {
            step.atSeconds = behaviourNumber(r, f.second, nk);
            hasAt = true;
          } else if (name == "every") {
            step.everySeconds = behaviourNumber(r, f.second, nk);
            if (*step.everySeconds <= 0) r.fail(f.second, nk, "must be above 0 seconds");
          } else if (name == "set") {
            r.requireMap(f.second, nk);
            for (const auto& sv : f.second)
              step.set.emplace_back(r.scalar(sv.first, nk), r.scalar(sv.second, nk + "." + r.scalar(sv.first, nk)));
          } else if (name == "event") {
            step.event = r.scalar(f.second, nk);
          } else if (name == "command_key") {
            step.commandKey = r.scalar(f.second, nk);
          } else {
            r.fail(f.first, nk, "unknown key (known: at every set event command_key)");
          }
        }
        if (!hasAt && step.everySeconds) step.atSeconds = *step.everySeconds;
        if (!hasAt && !step.everySeconds) r.fail(n[i], sk, "a step needs at: or every:");
        if (step.atSeconds < 0) r.fail(n[i], sk + ".at", "must be >= 0 seconds after boot");
        if (step.set.empty() && step.event.empty()) r.fail(n[i], sk, "a step needs set: or event:");
        out.timeline.push_back(std::move(step));
      }
    } else {
      r.fail(kv.first, fk, "unknown key (known: uptime counters random_walk timeline)");
    }
  }
}

void readDiagnostics(const Reader& r, const YAML::Node& v, const std::string& key, DiagnosticsSettings& out) {
  r.requireMap(v, key);
  for (const auto& kv : v) {
    const std::string k = r.scalar(kv.first, key);
    const std::string fk = key + "." + k;
    const YAML::Node& n = kv.second;
    if (k == "mode") {
      std::string mode = r.scalar(n, fk);
      if (mode != "simulated" && mode != "real") r.fail(n, fk, "expected simulated or real");
      out.mode = mode == "real" ? DiagnosticsMode::Real : DiagnosticsMode::Simulated;
    } else if (k == "latency_ms") {
      r.requireMap(n, fk);
      for (const auto& m : n) {
        std::string bound = r.scalar(m.first, fk);
        if (bound != "min" && bound != "max") r.fail(m.first, fk + "." + bound, "unknown key (known: min max)");
        (bound == "min" ? out.latencyMinMs : out.latencyMaxMs) =
            diagnosticsNumber(r, m.second, fk + "." + bound, 0, 60000);
      }
      if (out.latencyMinMs > out.latencyMaxMs) r.fail(n, fk, "min is above max");
    } else if (k == "loss_percent") {
      out.lossPercent = diagnosticsNumber(r, n, fk, 0, 100);
    } else if (k == "download_mbps") {
      out.downloadMbps = diagnosticsNumber(r, n, fk, 0.001, 1e6);
    } else if (k == "upload_mbps") {
      out.uploadMbps = diagnosticsNumber(r, n, fk, 0.001, 1e6);
    } else if (k == "hops") {
      double hops = diagnosticsNumber(r, n, fk, 1, 64);
      if (hops != static_cast<unsigned>(hops)) r.fail(n, fk, "expected a whole number of hops");
      out.hops = static_cast<unsigned>(hops);
    } else if (k == "download_bytes") {
      double bytes = diagnosticsNumber(r, n, fk, 1, 1e15);
      out.downloadBytes = static_cast<std::uint64_t>(bytes);
    } else if (k == "seed") {
      out.seed = static_cast<std::uint64_t>(diagnosticsNumber(r, n, fk, 0, 4294967295.0));
    } else if (k == "unknown_hosts") {
      std::string rule = r.scalar(n, fk);
      if (rule != "synthesize" && rule != "fail") r.fail(n, fk, "expected synthesize or fail");
      out.unknownHosts = rule == "fail" ? UnknownHostRule::Fail : UnknownHostRule::Synthesize;
    } else if (k == "resolve") {
      r.requireMap(n, fk);
      for (const auto& m : n) {
        std::string name = r.scalar(m.first, fk);
        std::string nk = fk + "." + name;
        std::vector<std::string> addresses;
        if (m.second.IsSequence()) {
          for (std::size_t i = 0; i < m.second.size(); ++i) addresses.push_back(r.scalar(m.second[i], nk));
        } else {
          addresses.push_back(r.scalar(m.second, nk));
        }
        for (const auto& a : addresses) {
          unsigned char buf[sizeof(in6_addr)];
          if (inet_pton(AF_INET, a.c_str(), buf) != 1 && inet_pton(AF_INET6, a.c_str(), buf) != 1)
            r.fail(m.second, nk, "'" + a + "' is not an IPv4 or IPv6 address");
        }
        if (name.empty() || addresses.empty()) r.fail(m.first, nk, "expected a host name and its address(es)");
        std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
        out.resolve[name] = std::move(addresses);
      }
    } else if (k == "fail") {
      r.requireMap(n, fk);
      for (const auto& m : n) {
        std::string diagnostic = r.scalar(m.first, fk);
        std::string dk = fk + "." + diagnostic;
        auto it = diagnosticErrorStates().find(diagnostic);
        if (it == diagnosticErrorStates().end()) {
          std::string known;
          for (const auto& [name, states] : diagnosticErrorStates()) known += " " + name;
          r.fail(m.first, dk, "unknown diagnostic (known:" + known + ")");
        }
        std::string state = r.scalar(m.second, dk);
        if (std::find(it->second.begin(), it->second.end(), state) == it->second.end()) {
          std::string known;
          for (auto s : it->second) known += " " + std::string(s);
          r.fail(m.second, dk, "'" + state + "' is not an error state of " + diagnostic + " (known:" + known + ")");
        }
        out.fail[diagnostic] = state;
      }
    } else {
      r.fail(kv.first, fk,
             "unknown key (known: mode latency_ms loss_percent download_mbps upload_mbps hops download_bytes "
             "resolve unknown_hosts fail seed)");
    }
  }
}

// An unsigned number under `key` within [min, max].
std::uint64_t transfersNumber(const Reader& r, const YAML::Node& node, const std::string& key, std::uint64_t min,
                              std::uint64_t max) {
  std::string s = r.scalar(node, key);
  std::uint64_t n = 0;
  auto [end, err] = std::from_chars(s.data(), s.data() + s.size(), n);
  if (s.empty() || err != std::errc{} || end != s.data() + s.size() || n < min || n > max)
    r.fail(node, key, "'" + s + "' is not a whole number from " + std::to_string(min) + " to " + std::to_string(max));
  return n;
}

// `transfers:` (docs/transfers.md). A child's keys override its parent's; `firmware` images are added to
// the parent's, the child's winning for the same file name.
void readTransfers(const Reader& r, const YAML::Node& v, const std::string& key, TransferSettings& out) {
  r.requireMap(v, key);
  for (const auto& kv : v) {
    const std::string k = r.scalar(kv.first, key);
    const std::string fk = key + "." + k;
    const YAML::Node& n = kv.second;
    if (k == "firmware") {
      r.requireMap(n, fk);
      for (const auto& image : n) {
        const std::string name = r.scalar(image.first, fk);
        const std::string ik = fk + "." + name;
        if (name.empty() || name.find('/') != std::string::npos)
          r.fail(image.first, ik, "expected a file name (the last part of the download URL)");
        r.requireMap(image.second, ik);
        FirmwareImage fw;
        fw.where = r.at(image.first, ik);
        for (const auto& field : image.second) {
          const std::string f = r.scalar(field.first, ik);
          const std::string ffk = ik + "." + f;
          if (f == "version") {
            fw.version = r.scalar(field.second, ffk);
          } else if (f == "size") {
            fw.size = transfersNumber(r, field.second, ffk, 0, ~std::uint64_t{0});
          } else if (f == "sha256") {
            fw.sha256 = r.scalar(field.second, ffk);
            for (char& c : fw.sha256)
              if (c >= 'A' && c <= 'F') c = static_cast<char>(c - 'A' + 'a');
            if (fw.sha256.size() != 64 || fw.sha256.find_first_not_of("0123456789abcdef") != std::string::npos)
              r.fail(field.second, ffk, "expected 64 hexadecimal digits");
          } else {
            r.fail(field.first, ffk, "unknown key (known: version size sha256)");
          }
        }
        if (fw.version.empty()) r.fail(image.first, ik, "a firmware image needs a version");
        out.firmwareImages[name] = std::move(fw);
      }
    } else if (k == "fail") {
      r.requireMap(n, fk);
      for (const auto& m : n) {
        const std::string direction = r.scalar(m.first, fk);
        const std::string dk = fk + "." + direction;
        const unsigned code = static_cast<unsigned>(transfersNumber(r, m.second, dk, 0, 9999));
        // TR-069 A.5.1: the faults a download / an upload can end with.
        if (direction == "download") {
          if (code != 9010 && code != 9012 && (code < 9015 || code > 9019) && code != 0)
            r.fail(m.second, dk, "a download fails with 9010, 9012, 9015, 9016, 9017, 9018 or 9019 (0: no failure)");
          out.failDownload = code ? std::optional<unsigned>(code) : std::nullopt;
        } else if (direction == "upload") {
          if (code != 9011 && code != 9012 && code != 0)
            r.fail(m.second, dk, "an upload fails with 9011 or 9012 (0: no failure)");
          out.failUpload = code ? std::optional<unsigned>(code) : std::nullopt;
        } else {
          r.fail(m.first, dk, "unknown key (known: download upload)");
        }
      }
    } else if (k == "max_file_size") {
      out.maxFileSize = transfersNumber(r, n, fk, 1, ~std::uint64_t{0});
    } else if (k == "apply_seconds") {
      out.applySeconds = static_cast<unsigned>(transfersNumber(r, n, fk, 0, 86400));
    } else {
      r.fail(kv.first, fk, "unknown key (known: firmware fail max_file_size apply_seconds)");
    }
  }
}

}  // namespace

ProfileLoader::ProfileLoader(std::vector<std::filesystem::path> dataModelPath)
    : dataModelPath_(std::move(dataModelPath)) {}

Profile ProfileLoader::load(const std::filesystem::path& file) const {
  Profile profile;
  profile.file = file;
  std::vector<std::filesystem::path> stack;
  loadInto(file, profile, stack);
  // Checked once the extends chain is merged: a child may give the key its parent's certificate needs.
  const AcsTlsSettings& tls = profile.acsTls;
  if (tls.clientCert.empty() != tls.clientKey.empty()) {
    if (tls.clientKey.empty())
      throw ProfileError(tls.clientCertWhere,
                         "a client certificate needs its private key: add acs.client_key");
    throw ProfileError(tls.clientKeyWhere, "a client key needs its certificate: add acs.client_cert");
  }
  return profile;
}

void ProfileLoader::loadInto(const std::filesystem::path& file, Profile& out,
                             std::vector<std::filesystem::path>& stack) const {
  std::error_code ec;
  auto canonicalOf = [&ec](const std::filesystem::path& p) {
    auto c = std::filesystem::weakly_canonical(p, ec);
    return ec ? p : c;
  };
  if (!std::filesystem::is_regular_file(file, ec))
    throw ProfileError({file.string(), 0, 0, ""}, "no such profile file");
  stack.push_back(canonicalOf(file));

  Reader r(file.string());
  YAML::Node root;
  try {
    root = YAML::LoadFile(file.string());
  } catch (const YAML::Exception& e) {
    throw ProfileError({file.string(), e.mark.line + 1, e.mark.column + 1, ""}, "YAML syntax error: " + e.msg);
  }
  if (!root.IsMap()) r.fail(root, "", "a profile is a mapping of keys (description, datamodels, identity, ...)");

  // extends: first, so that everything in this file overrides the parent.
  if (const YAML::Node ext = root["extends"]) {
    std::string parent = r.scalar(ext, "extends");
    auto parentPath = file.parent_path() / parent;
    if (!std::filesystem::is_regular_file(parentPath, ec)) r.fail(ext, "extends", "no such profile: " + parentPath.string());
    // Checked here rather than in the parent's loadInto, so the error names the `extends:` line to fix.
    if (std::find(stack.begin(), stack.end(), canonicalOf(parentPath)) != stack.end())
      r.fail(ext, "extends", "profile extends itself (cycle through " + parentPath.string() + ")");
    if (stack.size() > 16) r.fail(ext, "extends", "extends chain deeper than 16");
    loadInto(parentPath, out, stack);
  }
  out.chain.push_back(file);

  static const std::vector<std::string_view> kTopLevel = {"description",        "extends",     "datamodels",
                                                          "identity",           "acs",         "connection_request",
                                                          "values",             "instances",   "notifications",
                                                          "cwmp",               "diagnostics", "behaviours", "transfers"};
  for (const auto& kv : root) {
    std::string key = r.scalar(kv.first, "");
    const YAML::Node& v = kv.second;
    if (key == "extends") continue;
    if (key == "description") {
      out.description = r.scalar(v, key);
    } else if (key == "datamodels") {
      if (!v.IsSequence()) r.fail(v, key, "expected a list of data-model files");
      out.datamodels.clear();  // a child's list replaces its parent's
      for (std::size_t i = 0; i < v.size(); ++i) {
        std::string k = key + "[" + std::to_string(i) + "]";
        std::string name = r.scalar(v[i], k);
        std::filesystem::path resolved;
        std::vector<std::filesystem::path> candidates;
        if (std::filesystem::path(name).is_absolute()) candidates.push_back(name);
        else {
          candidates.push_back(file.parent_path() / name);
          for (const auto& dir : dataModelPath_) candidates.push_back(dir / name);
        }
        for (const auto& c : candidates)
          if (resolved.empty() && std::filesystem::is_regular_file(c, ec)) resolved = c;
        if (resolved.empty()) {
          std::string looked;
          for (const auto& c : candidates) looked += (looked.empty() ? "" : ", ") + c.string();
          r.fail(v[i], k, "data-model file '" + name + "' not found (looked in: " + looked +
                              "; add a folder with --datamodel-path or CPEMU_DATAMODEL_PATH)");
        }
        out.datamodels.push_back({resolved, r.at(v[i], k)});
      }
    } else if (key == "identity") {
      r.mapped(v, key, kIdentityKeys, out.values);
    } else if (key == "acs") {
      r.requireMap(v, key);
      for (const auto& kv2 : v)
        if (r.scalar(kv2.first, key) == "insecure")
          r.fail(
              kv2.first, key + ".insecure",
              "not a profile key: a profile always verifies the ACS certificate; turn that off for one run "
              "with `cpemu run --insecure`");
      r.mapped(v, key, kAcsKeys, out.values, {"ca_file", "client_cert", "client_key"});
      if (const YAML::Node f = v["ca_file"]) out.acsTls.caFile = r.existingFile(f, key + ".ca_file", file);
      if (const YAML::Node f = v["client_cert"]) {
        out.acsTls.clientCert = r.existingFile(f, key + ".client_cert", file);
        out.acsTls.clientCertWhere = r.at(f, key + ".client_cert");
      }
      if (const YAML::Node f = v["client_key"]) {
        out.acsTls.clientKey = r.existingFile(f, key + ".client_key", file);
        out.acsTls.clientKeyWhere = r.at(f, key + ".client_key");
      }
    } else if (key == "connection_request") {
      r.mapped(v, key, kConnectionRequestCredentials, out.values, {"host", "port", "path", "allow_basic", "rate_limit"});
      out.connectionRequestWhere = r.at(v, key);
      if (const YAML::Node h = v["host"]) out.connectionRequest.host = r.scalar(h, key + ".host");
      if (const YAML::Node p = v["path"]) {
        std::string path = r.scalar(p, key + ".path");
        if (path.empty() || path.front() != '/') r.fail(p, key + ".path", "must start with '/'");
        r.checkTemplate(p, key + ".path", path);
        out.connectionRequest.path = path;
      }
      if (const YAML::Node p = v["port"]) {
        std::string s = r.scalar(p, key + ".port");
        unsigned port = 0;
        auto [end, err] = std::from_chars(s.data(), s.data() + s.size(), port);
        if (err != std::errc{} || end != s.data() + s.size() || port == 0 || port > 65535)
          r.fail(p, key + ".port", "'" + s + "' is not a TCP port (1-65535)");
        out.connectionRequest.port = static_cast<std::uint16_t>(port);
      }
      if (const YAML::Node b = v["allow_basic"]) {
        std::string s = r.scalar(b, key + ".allow_basic");
        if (s != "true" && s != "false") r.fail(b, key + ".allow_basic", "expected true or false");
        out.connectionRequest.allowBasic = s == "true";
      }
      if (const YAML::Node rl = v["rate_limit"]) {
        const std::string rk = key + ".rate_limit";
        r.requireMap(rl, rk);
        for (const auto& f : rl) {
          const std::string name = r.scalar(f.first, rk);
          const std::string s = r.scalar(f.second, rk + "." + name);
          unsigned n = 0;
          auto [end, err] = std::from_chars(s.data(), s.data() + s.size(), n);
          if (err != std::errc() || end != s.data() + s.size() || n == 0 || n > 1000000)
            r.fail(f.second, rk + "." + name, "'" + s + "' is not a whole number above 0");
          if (name == "burst") out.connectionRequest.rateBurst = n;
          else if (name == "period") out.connectionRequest.ratePeriodSeconds = n;
          else r.fail(f.first, rk + "." + name, "unknown key (known: burst period)");
        }
      }
    } else if (key == "values") {
      r.requireMap(v, key);
      r.flatten(v, "", key, out.values);
    } else if (key == "instances") {
      r.requireMap(v, key);
      for (const auto& inst : v) {
        std::string path = r.scalar(inst.first, key);
        std::string k = key + "." + path;
        if (path.ends_with('.')) path.pop_back();
        if (path.empty()) r.fail(inst.first, k, "empty instance path");
        out.instances.push_back({path, r.at(inst.first, k)});
        if (inst.second.IsNull()) continue;
        r.requireMap(inst.second, k);
        r.flatten(inst.second, path, k, out.values);
      }
    } else if (key == "cwmp") {
      r.requireMap(v, key);
      for (const auto& kv2 : v) {
        std::string k = r.scalar(kv2.first, key);
        std::string fk = key + "." + k;
        if (k == "version") {
          std::string ver = r.scalar(kv2.second, fk);
          if (ver != "1.0" && ver != "1.1" && ver != "1.2" && ver != "1.3" && ver != "1.4")
            r.fail(kv2.second, fk, "'" + ver + "' is not a CWMP version (1.0, 1.1, 1.2, 1.3 or 1.4)");
          out.cwmp.version = ver;
        } else if (k == "inform_parameters") {
          if (!kv2.second.IsSequence()) r.fail(kv2.second, fk, "expected a list of parameter names");
          out.cwmp.informParameters.clear();
          for (std::size_t i = 0; i < kv2.second.size(); ++i) {
            std::string ik = fk + "[" + std::to_string(i) + "]";
            out.cwmp.informParameters.push_back({r.scalar(kv2.second[i], ik), "", r.at(kv2.second[i], ik), false});
          }
        } else if (k == "strict_types") {
          std::string b = r.scalar(kv2.second, fk);
          if (b != "true" && b != "false") r.fail(kv2.second, fk, "expected true or false");
          out.cwmp.strictTypes = b == "true";
        } else {
          r.fail(kv2.first, fk, "unknown key (known: version inform_parameters strict_types)");
        }
      }
    } else if (key == "diagnostics") {
      readDiagnostics(r, v, key, out.diagnostics);
    } else if (key == "behaviours") {
      readBehaviours(r, v, key, out.behaviours);
    } else if (key == "transfers") {
      readTransfers(r, v, key, out.transfers);
    } else if (key == "notifications") {
      r.requireMap(v, key);
      for (const auto& n : v) {
        std::string path = r.scalar(n.first, key);
        std::string k = key + "." + path;
        auto value = parseNotification(r.scalar(n.second, k));
        if (!value) r.fail(n.second, k, "expected off, passive, active or a number 0-6");
        out.notifications.push_back({path, *value, r.at(n.second, k)});
      }
    } else {
      std::string known;
      for (auto t : kTopLevel) known += " " + std::string(t);
      r.fail(kv.first, key, "unknown key (known:" + known + ")");
    }
  }
  stack.pop_back();
}

}  // namespace cpemu::profile
