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

TEST(GridLayout, SpreadsAFewNeuronsOverBlocksAndLeavesVoxelsPastTheLastNeuronEmpty) {
  const GridLayout g(10, 16);  // sheet side 4: neuron n covers a 4x4 block of voxels
  EXPECT_EQ(g.voxel_neurons(0), (std::vector<std::uint32_t>{0}));
  EXPECT_EQ(g.voxel_neurons(3 * 16 + 3), (std::vector<std::uint32_t>{0}));
  EXPECT_EQ(g.voxel_neurons(4), (std::vector<std::uint32_t>{1}));
  EXPECT_EQ(g.voxel_neurons(8 * 16 + 4), (std::vector<std::uint32_t>{9}));
  EXPECT_TRUE(g.voxel_neurons(8 * 16 + 8).empty());
  std::set<std::uint32_t> all;
  for (std::uint32_t r = 0; r < g.regions(); ++r) all.insert(g.region_neurons(r).begin(), g.region_neurons(r).end());
  EXPECT_EQ(all.size(), 10u);
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
