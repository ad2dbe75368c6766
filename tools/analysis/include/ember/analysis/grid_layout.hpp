// Where each neuron of a layer sits on the G x G grid of an NN-fMRI slice (G = 8, 16, 32 or 64).
//
// The layer's neurons first fill a square "sheet" of side s = ceil(sqrt(width)) in row-major order:
// neuron n at sheet row n / s, column n % s. The sheet is then resampled to the grid:
// - G >= s: voxel (row y, column x) shows the neuron at sheet cell (y * s / G, x * s / G) (integer division),
//   so each neuron covers a block of voxels; voxels whose cell is past the last neuron stay empty.
// - G < s: neuron n goes to voxel (row * G / s, column * G / s); a voxel shows the mean of its neurons.
// Regions for occlusion are the 4 x 4 blocks of G/4 x G/4 voxels, numbered row-major; a region holds
// every neuron that shows in one of its voxels.
#ifndef EMBER_ANALYSIS_GRID_LAYOUT_HPP
#define EMBER_ANALYSIS_GRID_LAYOUT_HPP

#include <cstdint>
#include <vector>

namespace ember::analysis {

constexpr std::uint32_t kRegionsPerSide = 4;

bool is_supported_grid(std::uint32_t grid);

class GridLayout {
 public:
  // Throws std::invalid_argument for a grid not in {8, 16, 32, 64}.
  GridLayout(std::uint32_t width, std::uint32_t grid);

  std::uint32_t grid() const { return grid_; }
  std::uint32_t voxels() const { return grid_ * grid_; }
  std::uint32_t regions() const { return kRegionsPerSide * kRegionsPerSide; }
  // Neurons shown by voxel v (row-major), possibly none.
  const std::vector<std::uint32_t>& voxel_neurons(std::uint32_t voxel) const { return voxel_neurons_[voxel]; }
  // Neurons of region r, ascending, no repeats.
  const std::vector<std::uint32_t>& region_neurons(std::uint32_t region) const { return region_neurons_[region]; }

 private:
  std::uint32_t grid_;
  std::vector<std::vector<std::uint32_t>> voxel_neurons_;
  std::vector<std::vector<std::uint32_t>> region_neurons_;
};

}  // namespace ember::analysis

#endif  // EMBER_ANALYSIS_GRID_LAYOUT_HPP
