#include "ember/analysis/grid_layout.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace ember::analysis {

bool is_supported_grid(std::uint32_t grid) { return grid == 8 || grid == 16 || grid == 32 || grid == 64; }

GridLayout::GridLayout(std::uint32_t width, std::uint32_t grid) : grid_(grid) {
  if (!is_supported_grid(grid))
    throw std::invalid_argument("--grid " + std::to_string(grid) + " is not one of 8, 16, 32, 64");
  std::uint32_t side = 1;
  while (side * side < width) ++side;
  voxel_neurons_.resize(grid * grid);
  if (grid >= side) {
    for (std::uint32_t y = 0; y < grid; ++y)
      for (std::uint32_t x = 0; x < grid; ++x) {
        const std::uint32_t n = (y * side / grid) * side + x * side / grid;
        if (n < width) voxel_neurons_[y * grid + x].push_back(n);
      }
  } else {
    for (std::uint32_t n = 0; n < width; ++n)
      voxel_neurons_[(n / side) * grid / side * grid + (n % side) * grid / side].push_back(n);
  }
  region_neurons_.resize(kRegionsPerSide * kRegionsPerSide);
  const std::uint32_t block = grid / kRegionsPerSide;
  for (std::uint32_t v = 0; v < grid * grid; ++v) {
    const std::uint32_t region = (v / grid / block) * kRegionsPerSide + (v % grid) / block;
    auto& r = region_neurons_[region];
    r.insert(r.end(), voxel_neurons_[v].begin(), voxel_neurons_[v].end());
  }
  for (auto& r : region_neurons_) {
    std::sort(r.begin(), r.end());
    r.erase(std::unique(r.begin(), r.end()), r.end());
  }
}

}  // namespace ember::analysis
