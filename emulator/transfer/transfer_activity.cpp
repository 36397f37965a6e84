#include "transfer/transfer_activity.h"

#include <chrono>
#include <exception>
#include <string>
#include <vector>

#include "device/event_queue.h"
#include "device/firmware_state.h"
#include "transfer/firmware_image.h"
#include "transfer/http_file_transfer.h"
#include "transfer/vendor_config_file.h"

namespace cpemu::transfer {
namespace {

using datamodel::Fault;
using datamodel::FaultCode;
using std::chrono::seconds;

// The largest vendor configuration file kept in memory to be applied.
constexpr std::uint64_t kMaxConfigFile = 4 * 1024 * 1024;

bool isFirmware(const std::string& fileType) {
  return fileType == "1 Firmware Upgrade Image";
}
bool isConfiguration(const std::string& fileType, bool isDownload) {
  return isDownload ? fileType == "3 Vendor Configuration File"
                    : fileType == "1 Vendor Configuration File" ||
                          fileType.starts_with("3 Vendor Configuration File");
}
bool isLog(const std::string& fileType) {
  return fileType == "2 Vendor Log File" || fileType.starts_with("4 Vendor Log File");
}

// "http://host/images/fw-2.0.bin?x=1" -> "fw-2.0.bin"
std::string lastPathSegment(const std::string& url) {
  std::string path = url.substr(0, url.find_first_of("?#"));
  const auto scheme = path.find("://");
  if (scheme != std::string::npos && path.find('/', scheme + 3) == std::string::npos) return "";
  return path.substr(path.rfind('/') + 1);
}

Fault injected(unsigned code, const char* key) {
  return {static_cast<FaultCode>(code),
          std::string("failure injected by the profile (transfers.fail.") + key + ")"};
}

std::string describe(const device::Transfer& t) {
  return std::string(t.isDownload ? (t.scheduled ? "ScheduleDownload" : "Download") : "Upload") + " '" +
         t.commandKey + "' (" + t.fileType + ", " + t.url + ")";
}

}  // namespace

TransferActivity::TransferActivity(profile::TransferSettings settings, log::Logger& log,
                                   transport::TlsOptions tls)
    : settings_(std::move(settings)), log_(log), tls_(std::move(tls)) {}

device::TimePoint TransferActivity::startAt(const device::Transfer& t, device::TimePoint now) {
  if (!t.scheduled) return t.receivedAt + seconds(t.delaySeconds);
  // TR-069 A.4.1.8: WindowStart/WindowEnd are seconds after the ScheduleDownload was received.
  for (const auto& w : t.windows) {
    if (now >= t.receivedAt + seconds(w.end)) continue;
    return std::max(now, t.receivedAt + seconds(w.start));
  }
  return now;
}

std::optional<device::TimePoint> TransferActivity::nextDue(const device::Device& device,
                                                           device::TimePoint now) const {
  std::optional<device::TimePoint> due;
  for (const auto& t : device.transfers().all()) {
    std::optional<device::TimePoint> at;
    if (t.state == 1)
      at = startAt(t, now);
    else if (t.state == 2)
      at = t.installAt;
    if (at && (!due || *at < *due)) due = at;
  }
  return due;
}

void TransferActivity::run(device::Device& device, device::TimePoint now) {
  // One at a time, oldest first; each finished one leaves the queue.
  for (;;) {
    const auto& queue = device.transfers().all();
    std::optional<std::size_t> next;
    for (std::size_t i = 0; i < queue.size() && !next; ++i) {
      const auto& t = queue[i];
      if ((t.state == 1 && startAt(t, now) <= now) || (t.state == 2 && t.installAt && *t.installAt <= now))
        next = i;
    }
    if (!next) return;
    if (queue[*next].state == 1)
      runOne(device, *next, now);
    else
      finishInstall(device, *next, now);
  }
}

void TransferActivity::runOne(device::Device& device, std::size_t index, device::TimePoint now) {
  device::Transfer& t = device.transfers().at(index);
  t.state = 2;
  const device::Transfer request = t;
  log_.info(device.label(), "starting " + describe(request));
  const auto started = std::chrono::steady_clock::now();

  Applied applied;
  bool windowsPassed = request.scheduled;
  for (const auto& w : request.windows)
    if (now >= request.receivedAt + seconds(w.start) && now < request.receivedAt + seconds(w.end))
      windowsPassed = false;
  if (windowsPassed) {
    // TR-069 A.4.1.8: the transfer could not be done within any of its windows.
    applied.fault = {FaultCode::DownloadFailureTimeWindow,
                     "every time window had passed before the download could start"};
  } else {
    try {
      if (request.isDownload) {
        Received received = download(device, request);
        if (!received.fault && needsInstall(request) && settings_.applySeconds) {
          // The file is here; installing it takes a while, during which the transfer stays in progress.
          t.startedAt = now;
          t.installAt = now + seconds(settings_.applySeconds);
          t.install = std::move(received.install);
          log_.info(device.label(), describe(request) + " downloaded, installing for " +
                                        std::to_string(settings_.applySeconds) + " s");
          return;
        }
        applied =
            received.fault ? Applied{received.fault, false} : install(device, request, received.install);
      } else {
        applied.fault = upload(device, request, now);
      }
    } catch (const std::exception& e) {  // the device reports the failure; the agent goes on
      applied = {{request.isDownload ? FaultCode::DownloadFailure : FaultCode::UploadFailure,
                  std::string("internal error: ") + e.what()},
                 false};
    }
  }
  // StartTime/CompleteTime on the device's clock; the real time the transfer took is added to it.
  finish(device, index, now,
         now + std::chrono::duration_cast<device::TimePoint::duration>(std::chrono::steady_clock::now() -
                                                                       started),
         applied);
}

void TransferActivity::finishInstall(device::Device& device, std::size_t index, device::TimePoint now) {
  const device::Transfer t = device.transfers().at(index);
  finish(device, index, t.startedAt, now, install(device, t, t.install));
}

void TransferActivity::finish(device::Device& device, std::size_t index, device::TimePoint startTime,
                              device::TimePoint completeTime, const Applied& applied) {
  const device::Transfer request = device.transfers().at(index);
  device::CompletedTransfer result;
  result.startTime = startTime;
  result.completeTime = completeTime;
  result.faultCode = static_cast<unsigned>(applied.fault.number());
  result.faultString = applied.fault.message;
  device.transfers().complete(index, std::move(result));
  if (applied.fault)
    log_.warning(device.label(), describe(request) + " failed: fault " +
                                     std::to_string(applied.fault.number()) + " " + applied.fault.message);
  else
    log_.info(device.label(), describe(request) + " done");

  if (applied.reboot) {
    // The new firmware runs after a reboot: "1 BOOT" (no "M Reboot": the ACS asked for a Download).
    log_.info(device.label(), "rebooting into software " + device.value("DeviceInfo.SoftwareVersion"));
    device.powerOn();
  }
  // TR-069 §3.7.1.5: reported with the CommandKey; both stay until the TransferCompleteResponse.
  device.events().add(device::event::TransferComplete);
  device.events().add(device::completionEvent(request), request.commandKey);
}

bool TransferActivity::needsInstall(const device::Transfer& t) {
  return isFirmware(t.fileType) || isConfiguration(t.fileType, true);
}

TransferActivity::Received TransferActivity::download(const device::Device& device,
                                                      const device::Transfer& t) {
  // An unreachable server is faked without contacting one; the other injected faults follow a real download.
  if (settings_.failDownload == static_cast<unsigned>(FaultCode::DownloadFailureContactServer))
    return {injected(*settings_.failDownload, "download"), ""};

  std::vector<std::string> names;
  if (auto name = lastPathSegment(t.url); !name.empty()) names.push_back(name);
  if (!t.targetFileName.empty()) names.push_back(t.targetFileName);
  FirmwareImageCheck firmware(settings_, names);
  std::string configuration;
  std::uint64_t received = 0;

  Fault fault =
      downloadFile({t.url, t.username, t.password, tls_}, settings_.maxFileSize, [&](std::string_view data) {
        received += data.size();
        // TR-069 A.3.2.8 FileSize (0: not given): a file longer than announced is not the file the ACS meant.
        if (t.fileSize && received > t.fileSize)
          return Fault{FaultCode::DownloadFailureFileCorrupted,
                       "the file is longer than the FileSize of " + std::to_string(t.fileSize) + " bytes"};
        if (isFirmware(t.fileType)) {
          firmware.feed(data);
        } else if (isConfiguration(t.fileType, true)) {
          if (configuration.size() + data.size() > kMaxConfigFile)
            return Fault{FaultCode::DownloadFailure, "a configuration file larger than 4 MiB is refused"};
          configuration.append(data);
        }
        return Fault{};
      });
  if (fault) return {fault, ""};
  if (t.fileSize && received != t.fileSize)
    return {{FaultCode::DownloadFailureFileCorrupted,
             "received " + std::to_string(received) + " bytes, FileSize says " + std::to_string(t.fileSize)},
            ""};
  if (settings_.failDownload) return {injected(*settings_.failDownload, "download"), ""};

  if (isFirmware(t.fileType)) {
    auto verdict = firmware.verdict();
    if (auto* refused = std::get_if<Fault>(&verdict)) return {*refused, ""};
    return {{}, std::get<std::string>(verdict)};
  }
  if (isConfiguration(t.fileType, true)) return {{}, std::move(configuration)};
  // Other file types (web content, tone and ringer files, vendor types) are received and counted as stored.
  log_.info(device.label(), "stored " + std::to_string(received) + " bytes as '" +
                                (t.targetFileName.empty() ? lastPathSegment(t.url) : t.targetFileName) + "'");
  return {};
}

// The simulated install: a firmware version becomes DeviceInfo.SoftwareVersion (a reboot follows); a
// configuration file is applied all or nothing.
TransferActivity::Applied TransferActivity::install(device::Device& device, const device::Transfer& t,
                                                    const std::string& what) {
  if (isFirmware(t.fileType)) {
    const std::string fileName = t.targetFileName.empty() ? lastPathSegment(t.url) : t.targetFileName;
    if (auto f = device::installFirmware(device.tree(), what, fileName))
      return {
          {FaultCode::DownloadFailureFileCorrupted, "cannot install version '" + what + "': " + f.message},
          false};
    return {{}, true};
  }
  if (isConfiguration(t.fileType, true)) return {applyVendorConfig(device, what), false};
  return {};
}

Fault TransferActivity::upload(device::Device& device, const device::Transfer& t, device::TimePoint now) {
  if (settings_.failUpload) return injected(*settings_.failUpload, "upload");
  if (isLog(t.fileType))
    return uploadFile({t.url, t.username, t.password, tls_}, vendorLog(device, now), "text/plain");
  // "1 Vendor Configuration File" (and vendor types): the format a FileType 3 download accepts.
  return uploadFile({t.url, t.username, t.password, tls_}, exportVendorConfig(device), "text/plain");
}

}  // namespace cpemu::transfer
