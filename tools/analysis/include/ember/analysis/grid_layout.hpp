// Where each neuron of a layer sits on the G x G grid of an NN-fMRI slice (G = 8, 16, 32 or 64).
//
// The layer's neurons first fill a "sheet" of R rows and C columns in row-major order (neuron n at sheet row
// n / C, column n % C). R x C = width when the width factors into a sheet no more than 4 times wider than
// tall (32 -> 4 x 8, 64 -> 8 x 8, 10 -> 2 x 5), so the neurons tile the grid without holes; otherwise (a
// prime width such as 7 or 13) a square sheet of side ceil(sqrt(width)) whose last cells stay empty
// (empty_cells() says how many, and the image's title says so). Each axis of the sheet is then resampled
// to the grid's G voxels on its own:
// - G >= R (or C): voxel row y shows sheet row y * R / G (integer division): each neuron covers a block;
// - G < R (or C): sheet row r goes to voxel row r * G / R; a voxel shows the mean of its neurons.
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
  std::uint32_t sheet_rows() const { return sheet_rows_; }
  std::uint32_t sheet_columns() const { return sheet_columns_; }
  // Sheet cells without a neuron (0 when the width tiles the sheet); their voxels stay empty.
  std::uint32_t empty_cells() const { return sheet_rows_ * sheet_columns_ - width_; }
  // Neurons shown by voxel v (row-major), possibly none.
  const std::vector<std::uint32_t>& voxel_neurons(std::uint32_t voxel) const { return voxel_neurons_[voxel]; }
  // Neurons of region r, ascending, no repeats.
  const std::vector<std::uint32_t>& region_neurons(std::uint32_t region) const { return region_neurons_[region]; }

 private:
  std::uint32_t grid_;
  std::uint32_t width_ = 0, sheet_rows_ = 1, sheet_columns_ = 1;
  std::vector<std::vector<std::uint32_t>> voxel_neurons_;
  std::vector<std::vector<std::uint32_t>> region_neurons_;
};

}  // namespace ember::analysis

#endif  // EMBER_ANALYSIS_GRID_LAYOUT_HPP
