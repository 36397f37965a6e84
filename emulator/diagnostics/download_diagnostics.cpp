// Device.IP.Diagnostics.DownloadDiagnostics (TR-181 2.19, TR-143 §4.1): an HTTP GET of DownloadURL, timed
// from the TCP handshake to the last byte; the file's bytes are counted and dropped.
#include "diagnostics/transfer_results.h"

namespace cpemu::diagnostics {

std::string runDownloadDiagnostics(DiagnosticContext& c) {
  return runTransferDiagnostics(c, TransferDirection::Download);
}

}  // namespace cpemu::diagnostics
