#include "ember/crc32.hpp"
#include "unit_test.hpp"

TEST_CASE(crc32_matches_the_standard_check_value) {
  // The CRC-32 "check" value of the ASCII string "123456789" is 0xCBF43926 (zlib, IEEE 802.3).
  CHECK(ember::crc32("123456789", 9) == 0xCBF43926u);
}

TEST_CASE(crc32_of_nothing_is_zero) { CHECK(ember::crc32("", 0) == 0u); }

TEST_CASE(crc32_continues_across_calls) {
  const uint32_t part = ember::crc32("12345", 5);
  CHECK(ember::crc32("6789", 4, part) == 0xCBF43926u);
}
