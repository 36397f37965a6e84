// NSLookupDiagnostics over the host's network. Without DNSServer the system's resolver answers
// (getaddrinfo: /etc/hosts, then DNS as nsswitch.conf says); with one, A and AAAA queries go to that
// server (res_nquery on a resolver state of our own, IPv4 servers only), and its AA flag gives AnswerType.
#include <arpa/inet.h>
#include <arpa/nameser.h>
#include <netdb.h>
#include <resolv.h>

#include <cstring>

#include "diagnostics/real_network.h"
#include "diagnostics/socket_address.h"

namespace cpemu::diagnostics {
namespace {

using SteadyClock = std::chrono::steady_clock;

unsigned elapsedMs(SteadyClock::time_point since) {
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(SteadyClock::now() - since).count();
  return static_cast<unsigned>(ms < 1 ? 1 : ms);
}

// The first name server the system resolver would ask ("" when none is configured).
std::string systemDnsServer() {
  struct __res_state state {};
  if (res_ninit(&state) != 0) return "";
  std::string out;
  if (state.nscount > 0) {
    SocketAddress a;
    std::memcpy(&a.storage, &state.nsaddr_list[0], sizeof(sockaddr_in));
    a.length = sizeof(sockaddr_in);
    out = a.address();
  }
  res_nclose(&state);
  return out;
}

LookupResult systemLookup(const std::string& name) {
  LookupResult r;
  r.dnsServerIp = systemDnsServer();
  const auto start = SteadyClock::now();
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;  // one entry per address
  hints.ai_flags = AI_CANONNAME;
  addrinfo* found = nullptr;
  const int rc = isInvalidName(name) ? EAI_NONAME : ::getaddrinfo(name.c_str(), nullptr, &hints, &found);
  r.responseTimeMs = elapsedMs(start);
  if (rc != 0) {
    r.status = rc == EAI_NONAME || rc == EAI_NODATA ? "Error_HostNameNotResolved"
               : rc == EAI_AGAIN                    ? "Error_Timeout"
                                                    : "Error_Other";
    return r;
  }
  for (addrinfo* a = found; a; a = a->ai_next) {
    SocketAddress s;
    std::memcpy(&s.storage, a->ai_addr, a->ai_addrlen);
    s.length = a->ai_addrlen;
    r.addresses.push_back(s.address());
  }
  r.hostNameReturned = found->ai_canonname ? found->ai_canonname : name;
  ::freeaddrinfo(found);
  r.status = "Success";
  r.answerType = "NonAuthoritative";  // getaddrinfo does not say; a stub resolver's answers rarely are
  return r;
}

// One A or AAAA query; appends the addresses and tells whether the answer was authoritative.
int query(struct __res_state& state, const std::string& name, int type, LookupResult& r,
          bool& authoritative) {
  unsigned char answer[4096];
  int n = res_nquery(&state, name.c_str(), ns_c_in, type, answer, sizeof answer);
  if (n < 0) return state.res_h_errno;
  ns_msg msg;
  if (ns_initparse(answer, n, &msg) != 0) return NO_RECOVERY;
  authoritative = authoritative || ns_msg_getflag(msg, ns_f_aa);
  for (int i = 0; i < ns_msg_count(msg, ns_s_an); ++i) {
    ns_rr rr;
    if (ns_parserr(&msg, ns_s_an, i, &rr) != 0 || ns_rr_type(rr) != type) continue;
    char text[INET6_ADDRSTRLEN] = {};
    inet_ntop(type == ns_t_a ? AF_INET : AF_INET6, ns_rr_rdata(rr), text, sizeof text);
    r.addresses.push_back(text);
    r.hostNameReturned = ns_rr_name(rr);
  }
  return r.addresses.empty() ? NO_DATA : 0;
}

LookupResult serverLookup(const std::string& name, const SocketAddress& server, Micros timeout) {
  LookupResult r;
  r.dnsServerIp = server.address();
  struct __res_state state {};
  if (res_ninit(&state) != 0) {
    r.status = "Error_Other";
    return r;
  }
  std::memcpy(&state.nsaddr_list[0], &server.storage, sizeof(sockaddr_in));
  state.nscount = 1;
  state.retrans = static_cast<int>(
      std::max<long long>(1, std::chrono::duration_cast<std::chrono::seconds>(timeout).count()));
  state.retry = 1;
  const auto start = SteadyClock::now();
  bool authoritative = false;
  int err = HOST_NOT_FOUND;
  if (!isInvalidName(name)) {
    int a = query(state, name, ns_t_a, r, authoritative);
    int aaaa = query(state, name, ns_t_aaaa, r, authoritative);
    err = r.addresses.empty() ? (a == TRY_AGAIN || aaaa == TRY_AGAIN ? TRY_AGAIN : a) : 0;
  }
  res_nclose(&state);
  r.responseTimeMs = elapsedMs(start);
  if (err == 0) {
    r.status = "Success";
    r.answerType = authoritative ? "Authoritative" : "NonAuthoritative";
  } else {
    r.status = err == TRY_AGAIN                          ? "Error_DNSServerNotAvailable"
               : err == HOST_NOT_FOUND || err == NO_DATA ? "Error_HostNameNotResolved"
                                                         : "Error_Other";
  }
  return r;
}

}  // namespace

LookupOutcome RealNetwork::lookup(const LookupRequest& request) {
  LookupOutcome out;
  std::optional<SocketAddress> server;
  if (!request.dnsServer.empty()) {
    server = numericAddress(resolve(request.dnsServer, IpVersion::V4).address, NAMESERVER_PORT);
    if (!server) {
      out.error = NetworkError{"Error_DNSServerNotResolved",
                               "cannot resolve DNS server " + request.dnsServer + " to an IPv4 address"};
      return out;
    }
  }
  for (unsigned i = 0; i < request.repetitions; ++i)
    out.results.push_back(server ? serverLookup(request.hostName, *server, request.timeout)
                                 : systemLookup(request.hostName));
  return out;
}

}  // namespace cpemu::diagnostics
