// What a device of a profile is given besides its session options (cwmp::sessionOptionsFor): its TLS
// settings towards the ACS and file servers, and the activities it runs between sessions. `cpemu run` and
// `cpemu fleet` (each device group with its own profile) both build their devices from these.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "device/activity.h"
#include "log/logger.h"
#include "profile/profile.h"
#include "transport/http_session.h"

namespace cpemu::cwmp {

// The TLS options given on the command line (--ca-file, --client-cert/--client-key, --insecure); empty
// strings: not given.
struct TlsCommandLine {
  std::string caFile;
  std::string clientCert;  // set together with clientKey
  std::string clientKey;
  bool insecure = false;
};

// The command line wins over the profile's acs.ca_file / client_cert / client_key (already resolved
// against the profile file's folder by the loader); a client certificate and its key are taken together,
// from the command line when it gives them, else from the profile. Only the command line can turn
// verification off (docs/tls.md).
transport::TlsOptions tlsOptionsFor(const profile::Profile& profile, const TlsCommandLine& commandLine);

// What the devices of a profile do between sessions: TR-143 diagnostics (docs/diagnostics.md) and
// Download/Upload/ScheduleDownload (docs/transfers.md), whose https file servers are verified with `tls`
// like the ACS. Made once per profile, so that a fleet's devices share what needs no copy of its own:
// the transfer activity (it keeps no per-device state) and the diagnostics settings.
class ProfileActivities {
 public:
  ProfileActivities(const profile::Profile& profile, log::Logger& log, const transport::TlsOptions& tls);
  // One device's activities: its own diagnostics activity (it tracks the device's results), the shared rest.
  std::vector<std::shared_ptr<device::Activity>> forDevice() const;

 private:
  log::Logger& log_;
  std::shared_ptr<const profile::DiagnosticsSettings> diagnostics_;
  std::shared_ptr<device::Activity> transfers_;
};

// The activities of a single device (`cpemu run`).
std::vector<std::shared_ptr<device::Activity>> activitiesFor(const profile::Profile& profile,
                                                             log::Logger& log,
                                                             const transport::TlsOptions& tls);

}  // namespace cpemu::cwmp
