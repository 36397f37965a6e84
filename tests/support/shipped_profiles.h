// The device templates of the profiles shipped in profiles/, loaded once per test binary.
#pragma once

#include <memory>
#include <string>

#include "profile/device_template.h"

namespace cpemu::test {

// "gateway.yaml", "stb.yaml": profiles/<file> with the project's datamodels/. Throws when it does not load.
std::shared_ptr<const profile::DeviceTemplate> shippedProfile(const std::string& file);

}  // namespace cpemu::test
