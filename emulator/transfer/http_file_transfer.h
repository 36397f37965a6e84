// The HTTP(S) side of Download and Upload (TR-069 A.3.2.8, A.4.1.5): a GET streamed to the caller, or a
// PUT, through transport::HttpSession (basic/digest with the RPC's Username/Password, redirects, TLS), and
// the TR-069 A.5.1 fault each way of failing maps to (docs/transfers.md has the table).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "datamodel/fault_code.h"
#include "transport/http_session.h"

namespace cpemu::transfer {

struct FileServer {
  std::string url;
  std::string username;  // Download/Upload Username and Password; empty: no credentials
  std::string password;
  transport::TlsOptions tls;
};

// Receives the file as it arrives; a fault stops the download and becomes its result.
using DownloadSink = std::function<datamodel::Fault(std::string_view data)>;

// GETs the file into `sink`. No fault when the whole file arrived (2xx). `maxBytes`: the most the device
// can store (more: 9010).
datamodel::Fault downloadFile(const FileServer& server, std::uint64_t maxBytes, const DownloadSink& sink);

// PUTs `body`. No fault when the server answered 2xx.
datamodel::Fault uploadFile(const FileServer& server, const std::string& body,
                            const std::string& contentType);

}  // namespace cpemu::transfer
