// The UDP Echo Plus header (TR-143 A.1.4): five 32-bit fields in network byte order at the start of the
// payload. A client fills TestGenSN; an Echo Plus responder fills the other four.
#pragma once

#include <cstddef>
#include <cstdint>

namespace cpemu::diagnostics {

struct EchoPlusHeader {
  std::uint32_t testGenSn = 0;
  std::uint32_t testRespSn = 0;
  std::uint32_t testRespRecvTimeStamp = 0;
  std::uint32_t testRespReplyTimeStamp = 0;
  std::uint32_t testRespReplyFailureCount = 0;

  static constexpr std::size_t kSize = 20;

  static EchoPlusHeader read(const unsigned char* p) {
    return {be32(p), be32(p + 4), be32(p + 8), be32(p + 12), be32(p + 16)};
  }
  void write(unsigned char* p) const {
    put(p, testGenSn);
    put(p + 4, testRespSn);
    put(p + 8, testRespRecvTimeStamp);
    put(p + 12, testRespReplyTimeStamp);
    put(p + 16, testRespReplyFailureCount);
  }

 private:
  static std::uint32_t be32(const unsigned char* p) {
    return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) | p[3];
  }
  static void put(unsigned char* p, std::uint32_t v) {
    p[0] = static_cast<unsigned char>(v >> 24);
    p[1] = static_cast<unsigned char>(v >> 16);
    p[2] = static_cast<unsigned char>(v >> 8);
    p[3] = static_cast<unsigned char>(v);
  }
};

}  // namespace cpemu::diagnostics
