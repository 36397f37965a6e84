// Device::unsignedValue: an unsignedInt setting read as a number, with the caller's fallback when the
// parameter is absent or holds no usable number (retry intervals, throttles, timer intervals).
#include <gtest/gtest.h>

#include "device/device.h"
#include "support/shipped_profiles.h"

namespace cpemu::test {
namespace {

TEST(DeviceUnsignedValue, ReadsTheNumberOrFallsBack) {
  device::Device d(shippedProfile("gateway.yaml"), 1);
  ASSERT_FALSE(d.setValue("ManagementServer.CWMPRetryMinimumWaitInterval", "17"));
  EXPECT_EQ(d.unsignedValue("ManagementServer.CWMPRetryMinimumWaitInterval", 5), 17u);
  ASSERT_FALSE(d.setValue("ManagementServer.PeriodicInformInterval", "4294967295"));
  EXPECT_EQ(d.unsignedValue("ManagementServer.PeriodicInformInterval", 5), 4294967295u);

  EXPECT_EQ(d.unsignedValue("ManagementServer.NoSuchParameter", 5), 5u);
  EXPECT_EQ(d.unsignedValue("DeviceInfo.SerialNumber", 5), 5u);  // "GW00000001" is no number
}

}  // namespace
}  // namespace cpemu::test
