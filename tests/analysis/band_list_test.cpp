#include <gtest/gtest.h>

#include <string>

#include "ember/analysis/band_list.hpp"
#include "ember/spectral/band_power.hpp"

namespace {
using ember::analysis::parse_bands;

TEST(BandList, TheDefaultsAreTheEegBandsAtTwoHundredHertzAndCutAtNyquistBelow) {
  const auto full = parse_bands("", 200.0f);
  ASSERT_EQ(full.set.count, 5u);
  EXPECT_TRUE(full.note.empty()) << full.note;
  EXPECT_EQ(full.set.bands[4].high_hz, 100.0f);
  const auto slow = parse_bands("", 50.0f);
  ASSERT_EQ(slow.set.count, 4u);  // gamma starts at 30 Hz, above 25
  EXPECT_STREQ(slow.set.bands[3].name, "beta");
  EXPECT_EQ(slow.set.bands[3].high_hz, 25.0f);
  EXPECT_NE(slow.note.find("gamma left out"), std::string::npos) << slow.note;
  EXPECT_TRUE(ember::spectral::is_valid_band_set(slow.set, 50.0f));
  EXPECT_EQ(ember::spectral::default_bands(1.0f).count, 0u);
  EXPECT_THROW(parse_bands("", 1.0f), std::invalid_argument);
}

TEST(BandList, ParsesNamedBandsThatOutliveTheParse) {
  ember::analysis::BandList bands = parse_bands("still:0.1-1,walk:1-3,run:3-8,shake:8-25", 50.0f);
  ember::analysis::BandList moved = std::move(bands);
  ASSERT_EQ(moved.set.count, 4u);
  EXPECT_STREQ(moved.set.bands[0].name, "still");
  EXPECT_STREQ(moved.set.bands[3].name, "shake");
  EXPECT_FLOAT_EQ(moved.set.bands[0].low_hz, 0.1f);
  EXPECT_TRUE(ember::spectral::is_valid_band_set(moved.set, 50.0f));
}

TEST(BandList, RejectsMalformedOverlappingTooManyAndAboveNyquist) {
  for (const char* bad : {"a", "a:1", "a:x-2", ":1-2", "a:2-1", "a:1-2,b:1.5-3", "a:1-30", "a b:1-2",
                          "a:0-1,b:1-2,c:2-3,d:3-4,e:4-5,f:5-6,g:6-7,h:7-8,i:8-9"})
    EXPECT_THROW(parse_bands(bad, 50.0f), std::invalid_argument) << bad;
}
}  // namespace
