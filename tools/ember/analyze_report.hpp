// The work and the tables behind `ember analyze`, once its options are checked and its inputs loaded.
#ifndef EMBER_TOOLS_ANALYZE_REPORT_HPP
#define EMBER_TOOLS_ANALYZE_REPORT_HPP

#include <cstdint>
#include <string>

#include "ember/analysis/analysis_data.hpp"
#include "ember/model.hpp"
#include "ember/report/table_writer.hpp"
#include "ember/spectral/band_power.hpp"

namespace ember::cli {

struct AnalyzeRequest {
  bool eeg = true;
  bool fmri = true;
  std::uint32_t window = 64;
  float rate_hz = 200.0f;
  spectral::BandSet bands = spectral::default_bands(200.0f);  // names point into the caller's strings
  std::string bands_note;  // printed under the NN-EEG table (e.g. the bands cut at Nyquist)
  std::uint32_t grid = 8;
  report::TableFormat format = report::TableFormat::markdown;
  std::string out_dir;  // empty: no files
};

// Prints the NN-EEG, NN-fMRI, consistency and (with a reference) anomaly tables to stdout and writes the
// per-neuron CSVs and PNG slices under out_dir. Returns the number of rows analyzed (data + reference).
std::size_t run_analysis(Model& model, const analysis::StreamData& data, const analysis::StreamData* reference,
                         const AnalyzeRequest& request);

}  // namespace ember::cli

#endif  // EMBER_TOOLS_ANALYZE_REPORT_HPP
