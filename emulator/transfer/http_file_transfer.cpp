#include "transfer/http_file_transfer.h"

#include <variant>

namespace cpemu::transfer {
namespace {

using datamodel::Fault;
using datamodel::FaultCode;

std::unique_ptr<transport::HttpSession> open(const FileServer& server) {
  transport::HttpClientOptions options;
  options.username = server.username;
  options.password = server.password;
  options.tls = server.tls;
  return transport::openHttpSession(server.url, options);
}

// The fault for a status that is not a success: 9012 when the server refuses the credentials, else
// `otherwise`.
Fault statusFault(int status, FaultCode otherwise) {
  if (status == 401 || status == 407)
    return {FaultCode::TransferServerAuthenticationFailure,
            "the file server refused the credentials (HTTP " + std::to_string(status) + ")"};
  if (status < 200 || status > 299)
    return {otherwise, "the file server answered HTTP " + std::to_string(status)};
  return {};
}

}  // namespace

// TR-069 A.5.1: 9015 the file server cannot be reached (DNS, connect, TLS); 9012 it refuses the
// credentials; 9016 it has no such file for us (404, 403, any other error status); 9017 the download broke
// off; 9010 the file does not fit the device.
Fault downloadFile(const FileServer& server, std::uint64_t maxBytes, const DownloadSink& sink) {
  Fault stopped;
  std::uint64_t received = 0;
  transport::TransferRequest request;
  request.onBody = [&](const char* data, std::size_t size) {
    received += size;
    if (received > maxBytes) {
      stopped = {FaultCode::DownloadFailure,
                 "the file is larger than the " + std::to_string(maxBytes) + " bytes the device can store"};
      return false;
    }
    stopped = sink(std::string_view(data, size));
    return !stopped;
  };
  transport::TransferTimes times;
  auto result = open(server)->transfer(request, &times);
  if (stopped) return stopped;
  if (auto* error = std::get_if<transport::TransportError>(&result)) {
    if (!times.responseStarted)
      return {FaultCode::DownloadFailureContactServer, "cannot reach the file server: " + error->message};
    return {FaultCode::DownloadFailureCompleteDownload,
            "the download broke off after " + std::to_string(received) + " bytes: " + error->message};
  }
  return statusFault(std::get<transport::HttpResponse>(result).status, FaultCode::DownloadFailureAccessFile);
}

// TR-069 A.5.1: 9012 the server refuses the credentials, 9011 anything else.
Fault uploadFile(const FileServer& server, const std::string& body, const std::string& contentType) {
  transport::TransferRequest request;
  request.method = "PUT";
  request.body = body;
  request.contentType = contentType;
  auto result = open(server)->transfer(request);
  if (auto* error = std::get_if<transport::TransportError>(&result))
    return {FaultCode::UploadFailure, "cannot upload to the file server: " + error->message};
  return statusFault(std::get<transport::HttpResponse>(result).status, FaultCode::UploadFailure);
}

}  // namespace cpemu::transfer
