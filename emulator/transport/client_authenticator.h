// The CPE side of HTTP authentication for one session (TR-069 A6 §3.4.4): answers the ACS's 401
// challenge with digest (preferred; SHA-256 over MD5 when offered) or basic, then authenticates every later
// request of the session pre-emptively with the same credentials.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "transport/digest_auth.h"

namespace cpemu::transport {

class ClientAuthenticator {
 public:
  ClientAuthenticator(std::string username, std::string password);

  bool hasCredentials() const { return !username_.empty() || !password_.empty(); }

  // The Authorization header value for the next request; "" until a challenge was adopted.
  std::string authorization(std::string_view method, std::string_view uri, std::string_view body);

  enum class Adopted {
    None,   // nothing to answer: no credentials, or no challenge we support
    Fresh,  // a new challenge; answering it once more is worth it
    Stale,  // digest stale=true (RFC 7616 §3.3): the password was right, only the nonce expired
  };
  // A 401 arrived with these WWW-Authenticate values: take the strongest challenge we support.
  Adopted adopt(const std::vector<std::string>& wwwAuthenticate);

  // Forgets the adopted challenge (the session moved to another server).
  void reset();

 private:
  std::string username_;
  std::string password_;
  std::optional<DigestAuth> digest_;
  bool basic_ = false;
};

}  // namespace cpemu::transport
