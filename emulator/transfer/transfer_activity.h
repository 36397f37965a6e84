// Download, Upload and ScheduleDownload carried out (TR-069 A.3.2.8, A.4.1.5, A.4.1.8) as a device
// activity (device/activity.h): when a queued transfer is due (DelaySeconds after its request, or the start
// of its first time window still open), the file is really fetched or sent over HTTP(S), the download is
// applied, and the transfer moves to the device's completed list with the "7 TRANSFER COMPLETE" and
// "M Download"/"M ScheduleDownload"/"M Upload" events; the session then sends its TransferComplete.
//
// What "apply" does (simulated; docs/transfers.md): a firmware image sets DeviceInfo.SoftwareVersion and
// reboots the device (configuration kept; "1 BOOT" next); a cpemu vendor configuration file sets its
// values; any other file type is received, checked and reported done. With `transfers.apply_seconds` the
// install takes that long after the download, the transfer staying in progress (State 2) meanwhile.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "datamodel/fault_code.h"
#include "device/activity.h"
#include "device/device.h"
#include "log/logger.h"
#include "profile/transfer_settings.h"
#include "transport/http_session.h"

namespace cpemu::transfer {

// Keeps no per-device state (everything is in the Device), so one instance may serve every device of a
// profile, from several threads at once.
class TransferActivity final : public device::Activity {
 public:
  // `tls`: how https file servers are verified (the ACS's CA settings).
  TransferActivity(profile::TransferSettings settings, log::Logger& log, transport::TlsOptions tls = {});

  std::optional<device::TimePoint> nextDue(const device::Device& device,
                                           device::TimePoint now) const override;
  void run(device::Device& device, device::TimePoint now) override;

  // When `t` may start, seen at `now`: DelaySeconds after its request; for ScheduleDownload the start of the
  // first window that has not ended (now, if it is open); now when every window has passed (it then fails
  // with 9020).
  static device::TimePoint startAt(const device::Transfer& t, device::TimePoint now);

 private:
  struct Applied {
    datamodel::Fault fault;
    bool reboot = false;
  };
  struct Received {
    datamodel::Fault fault;
    std::string install;  // firmware: the version; configuration file: its text
  };
  void runOne(device::Device& device, std::size_t index, device::TimePoint now);
  void finishInstall(device::Device& device, std::size_t index, device::TimePoint now);
  void finish(device::Device& device, std::size_t index, device::TimePoint startTime,
              device::TimePoint completeTime, const Applied& applied);
  static bool needsInstall(const device::Transfer& t);
  Received download(const device::Device& device, const device::Transfer& t);
  Applied install(device::Device& device, const device::Transfer& t, const std::string& what);
  datamodel::Fault upload(device::Device& device, const device::Transfer& t, device::TimePoint now);

  profile::TransferSettings settings_;
  log::Logger& log_;
  transport::TlsOptions tls_;
};

}  // namespace cpemu::transfer
