#include "ember/analysis/grid_layout.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <utility>

namespace ember::analysis {

bool is_supported_grid(std::uint32_t grid) { return grid == 8 || grid == 16 || grid == 32 || grid == 64; }

namespace {
// Voxel indices (along one axis of G voxels) that show sheet index `cell` of `cells`.
std::pair<std::uint32_t, std::uint32_t> voxel_span(std::uint32_t cell, std::uint32_t cells, std::uint32_t grid) {
  if (grid < cells) return {cell * grid / cells, cell * grid / cells + 1};
  // The voxels y with y * cells / grid == cell: from ceil(cell * grid / cells) up to ceil((cell + 1) * grid / cells).
  return {(cell * grid + cells - 1) / cells, ((cell + 1) * grid + cells - 1) / cells};
}
// Most sheet columns per row for a layout without holes; wider sheets would look like stripes.
constexpr std::uint32_t kMaxAspect = 4;
}  // namespace

GridLayout::GridLayout(std::uint32_t width, std::uint32_t grid) : grid_(grid), width_(width) {
  if (!is_supported_grid(grid))
    throw std::invalid_argument("--grid " + std::to_string(grid) + " is not one of 8, 16, 32, 64");
  std::uint32_t rows = 1;
  for (std::uint32_t r = 1; r * r <= width; ++r)
    if (width % r == 0) rows = r;
  if (width == 0 || width / rows > kMaxAspect * rows) {
    rows = 1;
    while (rows * rows < width) ++rows;
    sheet_rows_ = sheet_columns_ = rows;
  } else {
    sheet_rows_ = rows;
    sheet_columns_ = width / rows;
  }
  voxel_neurons_.resize(grid * grid);
  for (std::uint32_t n = 0; n < width; ++n) {
    const auto ys = voxel_span(n / sheet_columns_, sheet_rows_, grid);
    const auto xs = voxel_span(n % sheet_columns_, sheet_columns_, grid);
    for (std::uint32_t y = ys.first; y < ys.second; ++y)
      for (std::uint32_t x = xs.first; x < xs.second; ++x) voxel_neurons_[y * grid + x].push_back(n);
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
