#include "cwmp/rpc/transfer_checks.h"

#include <array>
#include <string_view>

#include "cwmp/rpc/rpc_handlers.h"

namespace cpemu::cwmp::rpc {
namespace {

bool isVendorType(std::string_view t) {
  // "X <OUI> <name>": OUI is six upper-case hex digits.
  if (t.size() < 10 || !t.starts_with("X ") || t[8] != ' ') return false;
  for (char c : t.substr(2, 6))
    if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'F'))) return false;
  return true;
}

bool isIndexedType(std::string_view t, std::string_view prefix) {
  if (!t.starts_with(prefix) || t.size() == prefix.size()) return false;
  for (char c : t.substr(prefix.size()))
    if (c < '0' || c > '9') return false;
  return true;
}

}  // namespace

std::optional<CwmpFault> checkFileType(const std::string& fileType, bool isDownload) {
  static constexpr std::array<std::string_view, 6> kDownload = {
      "1 Firmware Upgrade Image", "2 Web Content", "3 Vendor Configuration File",
      "4 Tone File", "5 Ringer File", "6 Stored Firmware Image"};
  static constexpr std::array<std::string_view, 2> kUpload = {"1 Vendor Configuration File", "2 Vendor Log File"};
  if (isVendorType(fileType)) return std::nullopt;
  if (isDownload) {
    for (auto t : kDownload)
      if (t == fileType) return std::nullopt;
  } else {
    for (auto t : kUpload)
      if (t == fileType) return std::nullopt;
    if (isIndexedType(fileType, "3 Vendor Configuration File ") || isIndexedType(fileType, "4 Vendor Log File "))
      return std::nullopt;
  }
  return makeFault(datamodel::FaultCode::InvalidArguments, "unsupported FileType '" + fileType + "'");
}

std::optional<CwmpFault> checkTransferUrl(const std::string& url) {
  if (url.empty()) return makeFault(datamodel::FaultCode::InvalidArguments, "URL is empty");
  if (url.starts_with("http://") || url.starts_with("https://")) return std::nullopt;
  return makeFault(datamodel::FaultCode::UnsupportedTransferProtocol, "only http:// and https:// are supported");
}

std::optional<CwmpFault> checkAndQueue(device::Device& device, device::Transfer transfer) {
  if (auto f = checkFileType(transfer.fileType, transfer.isDownload)) return f;
  if (auto f = checkTransferUrl(transfer.url)) return f;
  if (device.transfers().full()) return makeFault(datamodel::FaultCode::ResourcesExceeded, "transfer queue is full");
  device.transfers().add(std::move(transfer));
  return std::nullopt;
}

}  // namespace cpemu::cwmp::rpc
