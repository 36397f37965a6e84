// A device profile as written in YAML (docs/profiles.md), after `extends:` chains are merged.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "profile/behaviour_settings.h"
#include "profile/diagnostics_settings.h"
#include "profile/profile_error.h"
#include "profile/transfer_settings.h"

namespace cpemu::profile {

// One parameter value. `rootRelative` paths ("DeviceInfo.SerialNumber") get the model's root prepended,
// so identity keys work for Device:2 and InternetGatewayDevice:1 alike.
struct ProfileValue {
  std::string path;
  std::string value;  // may hold {placeholders}
  SourceLocation where;
  bool rootRelative = false;
};

struct ProfileInstance {
  std::string path;  // instance path without the trailing dot: "Device.IP.Interface.1"
  SourceLocation where;
};

struct ProfileNotification {
  std::string path;
  int value = 0;  // TR-069 notification attribute 0..6
  SourceLocation where;
};

struct DataModelRef {
  std::filesystem::path file;  // resolved
  SourceLocation where;
};

// Connection Request server settings (TR-069 §3.2.2); credentials live in the data model.
struct ConnectionRequestSettings {
  std::string host = "127.0.0.1";
  std::uint16_t port = 7547;
  std::string path = "/";  // may hold {placeholders}
  bool allowBasic = false;
  // Requests honoured per device: a bucket of `rateBurst`, refilled at rateBurst per ratePeriodSeconds.
  // The default is far above what an ACS asks of one device (one request per session: GenieACS queuing
  // tasks back to back sends about 2 a second) and still turns a flood away (docs/connection-request.md).
  unsigned rateBurst = 100;
  unsigned ratePeriodSeconds = 10;
};

// TLS towards an https ACS (docs/profiles.md, "acs"): files resolved against the folder of the profile
// that names them. Verification itself is always on in a profile; only `cpemu run --insecure` turns it off.
struct AcsTlsSettings {
  std::filesystem::path caFile;  // PEM CA bundle the ACS certificate is checked against; empty: system store
  std::filesystem::path clientCert;  // PEM client certificate for mutual TLS; set together with clientKey
  std::filesystem::path clientKey;
  SourceLocation clientCertWhere;
  SourceLocation clientKeyWhere;
};

// Protocol behaviour (docs/profiles.md, "cwmp").
struct CwmpSettings {
  std::string version = "1.4";  // highest CWMP version the device speaks: 1.0 ... 1.4
  std::vector<ProfileValue> informParameters;  // extra parameters in every Inform (path in .path)
  bool strictTypes = true;  // SetParameterValues with an xsi:type that disagrees with the model -> 9006
};

struct Profile {
  std::filesystem::path file;           // the file that was loaded (the most derived one)
  std::vector<std::filesystem::path> chain;  // base-most first
  std::string description;
  std::vector<DataModelRef> datamodels;
  std::vector<ProfileInstance> instances;  // in declaration order, parents' first
  std::vector<ProfileValue> values;        // applied in order: a later value for a path wins
  std::vector<ProfileNotification> notifications;
  ConnectionRequestSettings connectionRequest;
  AcsTlsSettings acsTls;
  CwmpSettings cwmp;
  TransferSettings transfers;
  DiagnosticsSettings diagnostics;
  BehaviourSettings behaviours;
  std::optional<SourceLocation> connectionRequestWhere;
};

}  // namespace cpemu::profile
