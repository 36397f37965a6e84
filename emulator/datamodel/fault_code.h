// CWMP fault codes (TR-069 A6 Table A.5.1) that data-model operations can produce.
// They live here, not in cwmp/, because the data model decides validity; the protocol only carries them.
#pragma once

#include <string>

namespace cpemu::datamodel {

enum class FaultCode : int {
  None = 0,
  MethodNotSupported = 9000,
  RequestDenied = 9001,
  InternalError = 9002,
  InvalidArguments = 9003,
  ResourcesExceeded = 9004,
  InvalidParameterName = 9005,
  InvalidParameterType = 9006,
  InvalidParameterValue = 9007,
  NonWritableParameter = 9008,
  NotificationRequestRejected = 9009,
  DownloadFailure = 9010,
  UploadFailure = 9011,
  TransferServerAuthenticationFailure = 9012,
  UnsupportedTransferProtocol = 9013,
  DownloadFailureMulticastGroup = 9014,
  DownloadFailureContactServer = 9015,
  DownloadFailureAccessFile = 9016,
  DownloadFailureCompleteDownload = 9017,
  DownloadFailureFileCorrupted = 9018,
  DownloadFailureFileAuthentication = 9019,
  DownloadFailureTimeWindow = 9020,
  CancelationNotPermitted = 9021,
};

// A fault with the reason a person can act on; code None means success.
struct Fault {
  FaultCode code = FaultCode::None;
  std::string message;

  explicit operator bool() const { return code != FaultCode::None; }
  int number() const { return static_cast<int>(code); }
};

}  // namespace cpemu::datamodel
