// NN-fMRI: each hidden layer is a G x G slice (layout in grid_layout.hpp). A voxel's value is the mean
// absolute activation of its neurons over the stream; a region's importance is how much the model's output
// moves when its neurons are silenced (set to 0 and the later layers re-run): the mean over samples of the
// L1 distance between the occluded and the intact output.
#ifndef EMBER_ANALYSIS_NN_FMRI_HPP
#define EMBER_ANALYSIS_NN_FMRI_HPP

#include <cstddef>
#include <cstdint>
#include <vector>

#include "ember/analysis/activations.hpp"
#include "ember/analysis/grid_layout.hpp"
#include "ember/model.hpp"

namespace ember::analysis {

struct RegionImportance {
  std::uint32_t region = 0;
  std::uint32_t neurons = 0;
  double mean_abs_activation = 0;  // over the region's neurons and all samples
  double output_change = 0;        // occlusion: mean L1 output distance
};

struct LayerFmri {
  std::uint16_t layer = 0;
  GridLayout layout;
  std::vector<double> voxel_mean_abs;     // G x G, row-major; 0 for an empty voxel
  std::vector<double> neuron_mean_abs;    // per neuron
  std::vector<double> neuron_importance;  // occlusion of that neuron alone
  std::vector<RegionImportance> regions;  // one per region, in region order
};

struct FmriResult {
  std::vector<LayerFmri> layers;
  std::size_t occlusion_samples = 0;  // evenly spaced samples re-run for every occlusion
};

// Mean absolute activation per neuron over samples [first, first + count) of a layer.
std::vector<double> mean_abs_activation(const LayerActivations& layer, std::size_t first, std::size_t count);

FmriResult analyze_fmri(const Model& model, const Activations& activations, std::uint32_t grid,
                        std::size_t max_occlusion_samples = 512);

}  // namespace ember::analysis

#endif  // EMBER_ANALYSIS_NN_FMRI_HPP
