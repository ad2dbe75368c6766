#include <gtest/gtest.h>

#include <set>

#include "ember/analysis/grid_layout.hpp"

namespace {

using ember::analysis::GridLayout;

TEST(GridLayout, Puts64NeuronsOnePerVoxelOnAn8By8GridInRowMajorOrder) {
  const GridLayout g(64, 8);
  for (std::uint32_t v = 0; v < 64; ++v) {
    ASSERT_EQ(g.voxel_neurons(v).size(), 1u);
    EXPECT_EQ(g.voxel_neurons(v)[0], v);
  }
  // Region 5 is block row 1, block column 1: voxels (2..3, 2..3).
  EXPECT_EQ(g.region_neurons(5), (std::vector<std::uint32_t>{18, 19, 26, 27}));
}

TEST(GridLayout, SpreadsAFewNeuronsOverBlocksWithoutHoles) {
  const GridLayout g(10, 16);  // a 2 x 5 sheet: neuron n covers 8 rows of 3 or 4 voxels
  EXPECT_EQ(g.sheet_rows(), 2u);
  EXPECT_EQ(g.sheet_columns(), 5u);
  EXPECT_EQ(g.voxel_neurons(0), (std::vector<std::uint32_t>{0}));
  EXPECT_EQ(g.voxel_neurons(7 * 16 + 3), (std::vector<std::uint32_t>{0}));   // voxel columns 0-3: sheet column 0
  EXPECT_EQ(g.voxel_neurons(8 * 16 + 4), (std::vector<std::uint32_t>{6}));   // sheet row 1, column 1
  EXPECT_EQ(g.voxel_neurons(15 * 16 + 15), (std::vector<std::uint32_t>{9}));
  std::set<std::uint32_t> all;
  for (std::uint32_t r = 0; r < g.regions(); ++r) all.insert(g.region_neurons(r).begin(), g.region_neurons(r).end());
  EXPECT_EQ(all.size(), 10u);
}

TEST(GridLayout, EveryWidthThatFactorsTilesEveryGridWithoutHoles) {
  for (std::uint32_t width : {1u, 2u, 6u, 10u, 12u, 16u, 24u, 32u, 48u, 64u, 100u, 128u, 256u, 1000u})
    for (std::uint32_t grid : {8u, 16u, 32u, 64u}) {
      const GridLayout g(width, grid);
      EXPECT_EQ(g.empty_cells(), 0u) << width;
      std::set<std::uint32_t> shown;
      for (std::uint32_t v = 0; v < g.voxels(); ++v) {
        EXPECT_FALSE(g.voxel_neurons(v).empty()) << "hole at voxel " << v << ", width " << width << ", grid " << grid;
        shown.insert(g.voxel_neurons(v).begin(), g.voxel_neurons(v).end());
      }
      EXPECT_EQ(shown.size(), width) << "every neuron shows, width " << width << ", grid " << grid;
    }
}

TEST(GridLayout, ThirtyTwoNeuronsLieOnAFourByEightSheet) {
  const GridLayout g(32, 8);  // each neuron: 2 voxel rows x 1 voxel column
  EXPECT_EQ(g.sheet_rows(), 4u);
  EXPECT_EQ(g.sheet_columns(), 8u);
  EXPECT_EQ(g.voxel_neurons(0), (std::vector<std::uint32_t>{0}));
  EXPECT_EQ(g.voxel_neurons(8), (std::vector<std::uint32_t>{0}));
  EXPECT_EQ(g.voxel_neurons(16 + 7), (std::vector<std::uint32_t>{15}));
}

TEST(GridLayout, APrimeWidthUsesASquareSheetAndCountsItsEmptyCells) {
  const GridLayout g(13, 8);  // 1 x 13 would be a stripe: a 4 x 4 sheet with 3 empty cells instead
  EXPECT_EQ(g.sheet_rows(), 4u);
  EXPECT_EQ(g.empty_cells(), 3u);
  EXPECT_TRUE(g.voxel_neurons(63).empty());
}

TEST(GridLayout, PoolsNeuronsWhenTheLayerIsWiderThanTheGrid) {
  const GridLayout g(256, 8);  // sheet side 16: four neurons per voxel
  std::size_t placed = 0;
  for (std::uint32_t v = 0; v < 64; ++v) {
    EXPECT_EQ(g.voxel_neurons(v).size(), 4u);
    placed += g.voxel_neurons(v).size();
  }
  EXPECT_EQ(placed, 256u);
  EXPECT_EQ(g.voxel_neurons(0), (std::vector<std::uint32_t>{0, 1, 16, 17}));
}

TEST(GridLayout, RejectsGridsOutsideTheList) {
  EXPECT_THROW(GridLayout(8, 12), std::invalid_argument);
  EXPECT_THROW(GridLayout(8, 128), std::invalid_argument);
  EXPECT_NO_THROW(GridLayout(8, 32));
}

}  // namespace
