#include "cwmp/device_setup.h"

#include "diagnostics/diagnostics_activity.h"
#include "transfer/transfer_activity.h"

namespace cpemu::cwmp {

transport::TlsOptions tlsOptionsFor(const profile::Profile& profile, const TlsCommandLine& commandLine) {
  const profile::AcsTlsSettings& fromProfile = profile.acsTls;
  transport::TlsOptions tls;
  tls.caFile = !commandLine.caFile.empty() ? commandLine.caFile : fromProfile.caFile.string();
  const bool clientFromCommandLine = !commandLine.clientCert.empty();
  tls.clientCertFile = clientFromCommandLine ? commandLine.clientCert : fromProfile.clientCert.string();
  tls.clientKeyFile = clientFromCommandLine ? commandLine.clientKey : fromProfile.clientKey.string();
  tls.verifyPeer = !commandLine.insecure;
  return tls;
}

ProfileActivities::ProfileActivities(const profile::Profile& profile, log::Logger& log,
                                     const transport::TlsOptions& tls)
    : log_(log),
      diagnostics_(std::make_shared<const profile::DiagnosticsSettings>(profile.diagnostics)),
      transfers_(std::make_shared<transfer::TransferActivity>(profile.transfers, log, tls)) {}

std::vector<std::shared_ptr<device::Activity>> ProfileActivities::forDevice() const {
  return {std::make_shared<diagnostics::DiagnosticsActivity>(diagnostics_, log_), transfers_};
}

std::vector<std::shared_ptr<device::Activity>> activitiesFor(const profile::Profile& profile,
                                                             log::Logger& log,
                                                             const transport::TlsOptions& tls) {
  return ProfileActivities(profile, log, tls).forDevice();
}

}  // namespace cpemu::cwmp
