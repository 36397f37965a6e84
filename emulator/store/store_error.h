#pragma once

#include <stdexcept>

namespace cpemu::store {

// Anything wrong with the database: cannot open, not a database, corrupt, newer schema, a saved state
// that no longer fits the profile, a failed commit. The message names the file.
class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace cpemu::store
