// PNG images of the NN-fMRI slices, drawn by gnuplot (pngcairo, or png when cairo is missing).
#ifndef EMBER_ANALYSIS_SLICE_IMAGES_HPP
#define EMBER_ANALYSIS_SLICE_IMAGES_HPP

#include <string>
#include <vector>

#include "ember/analysis/nn_fmri.hpp"

namespace ember::analysis {

bool gnuplot_available();

// Writes <dir>/fmri_layer<L>.png for every layer (mean |activation| per voxel, viridis-like palette,
// empty voxels white) and returns the paths written. Each image is drawn to a temporary name and renamed,
// so a failed plot leaves no partial file. Throws std::runtime_error if gnuplot fails.
std::vector<std::string> write_slice_images(const FmriResult& fmri, const std::string& dir);

}  // namespace ember::analysis

#endif  // EMBER_ANALYSIS_SLICE_IMAGES_HPP
