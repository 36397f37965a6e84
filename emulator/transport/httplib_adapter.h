// Internal to transport/: how HttpServer and MultiPortHttpServer put a cpp-httplib server in front of one
// HttpServer::Handler. Includes cpp-httplib, so only transport/*.cpp may include this header.
#pragma once

#include <httplib.h>

#include <cstddef>

#include "transport/http_server.h"

#ifndef CPPHTTPLIB_OPENSSL_SUPPORT
#error "compile with the cpp-httplib pkg-config flags (see emulator/CMakeLists.txt)"
#endif

namespace cpemu::transport {

// The listen backlog. cpp-httplib 0.11 listens with CPPHTTPLIB_LISTEN_BACKLOG, 5, compiled into Debian's
// libcpp-httplib.so (so redefining the macro here changes nothing). With 5, a burst of connections (a fleet
// booting, a few dozen sessions opening at once) overflows the accept queue while the accept thread waits
// for a core, and each dropped SYN costs the client a 1 s retransmission. Linux clamps this to
// net.core.somaxconn.
constexpr int kListenBacklog = 4096;

// Every request (any method, any path) goes to `handler`; an exception from it becomes an empty 500.
// Responses get a Content-Length; kept-alive connections stay open between requests (`options`).
void serveWithHandler(httplib::Server& server, const HttpServerOptions& options, HttpServer::Handler handler);

}  // namespace cpemu::transport
