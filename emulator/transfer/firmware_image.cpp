#include "transfer/firmware_image.h"

#include <algorithm>
#include <sstream>

namespace cpemu::transfer {
namespace {

using datamodel::Fault;
using datamodel::FaultCode;

std::string trim(std::string s) {
  s.erase(0, s.find_first_not_of(" \t\r"));
  s.erase(s.find_last_not_of(" \t\r") + 1);
  return s;
}

}  // namespace

FirmwareImageCheck::FirmwareImageCheck(const profile::TransferSettings& settings,
                                       std::vector<std::string> fileNames)
    : settings_(settings), fileNames_(std::move(fileNames)) {}

void FirmwareImageCheck::feed(std::string_view data) {
  size_ += data.size();
  whole_.update(data);
  if (header_ == Header::Present) {
    payload_.update(data);
    return;
  }
  if (header_ != Header::Undecided) return;
  head_.append(data);
  decideHeader();
}

void FirmwareImageCheck::decideHeader() {
  const std::size_t common = std::min(head_.size(), kMagic.size());
  if (head_.compare(0, common, kMagic.substr(0, common)) != 0) {
    header_ = Header::Absent;
    head_.clear();
    return;
  }
  const auto end = head_.find("\n\n");
  if (end == std::string::npos) {
    if (head_.size() > kMaxHeader) {
      header_ = Header::Malformed;
      malformed_ = "the manifest header has no end within " + std::to_string(kMaxHeader) + " bytes";
    }
    return;
  }
  header_ = Header::Present;
  std::istringstream lines(head_.substr(kMagic.size(), end - kMagic.size()));
  for (std::string line; std::getline(lines, line);) {
    const auto colon = line.find(':');
    const std::string key = trim(line.substr(0, colon));
    const std::string value = colon == std::string::npos ? "" : trim(line.substr(colon + 1));
    if (key == "version")
      headerVersion_ = value;
    else if (key == "sha256")
      headerSha256_ = value;
  }
  if (headerVersion_.empty()) {
    header_ = Header::Malformed;
    malformed_ = "the manifest header names no version";
  }
  payload_.update(std::string_view(head_).substr(end + 2));
  head_.clear();
}

std::variant<std::string, Fault> FirmwareImageCheck::verdict() {
  if (header_ == Header::Undecided) {  // a file shorter than its header
    header_ = Header::Malformed;
    malformed_ = "the file ends inside its manifest header";
  }
  if (header_ == Header::Malformed) return Fault{FaultCode::DownloadFailureFileCorrupted, malformed_};
  // The image's own checksum: a mismatch means it was damaged (TR-069 A.5.1 9018).
  if (header_ == Header::Present && !headerSha256_.empty() && payload_.hexDigest() != headerSha256_)
    return Fault{FaultCode::DownloadFailureFileCorrupted,
                 "the payload does not match the sha256 in its manifest header"};
  // The profile's manifest: a file that differs is not the image the vendor released (9019).
  for (const auto& name : fileNames_) {
    auto it = settings_.firmwareImages.find(name);
    if (it == settings_.firmwareImages.end()) continue;
    const profile::FirmwareImage& known = it->second;
    if (known.size && *known.size != size_)
      return Fault{FaultCode::DownloadFailureFileAuthentication,
                   "'" + name + "' has " + std::to_string(size_) + " bytes, the profile's manifest says " +
                       std::to_string(*known.size)};
    if (!known.sha256.empty() && whole_.hexDigest() != known.sha256)
      return Fault{FaultCode::DownloadFailureFileAuthentication,
                   "'" + name + "' does not match the sha256 in the profile's manifest"};
    return known.version;
  }
  if (header_ == Header::Present) return headerVersion_;
  std::string names;
  for (const auto& n : fileNames_) names += (names.empty() ? "'" : ", '") + n + "'";
  return Fault{
      FaultCode::DownloadFailureFileCorrupted,
      "not a firmware image for this device: no manifest header, and the profile lists none of " + names};
}

}  // namespace cpemu::transfer
