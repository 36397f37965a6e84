// DownloadDiagnostics and UploadDiagnostics (TR-181 2.19, TR-143 §4.1/§4.2) share their inputs and result
// layout; only the direction of the test bytes differs. This runs either one.
#pragma once

#include <string>

#include "diagnostics/diagnostic.h"

namespace cpemu::diagnostics {

enum class TransferDirection { Download, Upload };

std::string runTransferDiagnostics(DiagnosticContext& c, TransferDirection direction);

}  // namespace cpemu::diagnostics
