// Small models for the analysis tests, built from ModelSpec (no trainer needed).
#ifndef EMBER_TESTS_ANALYSIS_TEST_MODELS_HPP
#define EMBER_TESTS_ANALYSIS_TEST_MODELS_HPP

#include <cstdint>
#include <memory>
#include <vector>

#include "ember/export/blob_writer.hpp"
#include "ember/model.hpp"

namespace analysis_test {

// A blob copied into 16-aligned storage with its arena and a loaded Model (keep it where it is).
struct LoadedModel {
  std::vector<float> storage;
  std::vector<float> arena;
  ember::Model model;
};

inline std::unique_ptr<LoadedModel> load(const ember::exporters::ModelSpec& spec) {
  const std::vector<std::uint8_t> blob = ember::exporters::write_blob(spec);
  auto m = std::make_unique<LoadedModel>();
  m->storage.resize((blob.size() + 3) / 4);
  std::copy(blob.begin(), blob.end(), reinterpret_cast<std::uint8_t*>(m->storage.data()));
  ember::ModelInfo info;
  if (ember::inspect_blob(m->storage.data(), blob.size(), &info) != ember::Status::ok) return nullptr;
  m->arena.resize(info.arena_bytes / 4);
  if (m->model.load(m->storage.data(), blob.size(), m->arena.data(), info.arena_bytes) != ember::Status::ok)
    return nullptr;
  return m;
}

inline ember::exporters::DenseLayerSpec dense(std::uint16_t in, std::uint16_t out, ember::Activation act,
                                              std::vector<float> weights, std::vector<float> bias) {
  ember::exporters::DenseLayerSpec l;
  l.in_width = in;
  l.out_width = out;
  l.activation = act;
  l.weights = std::move(weights);
  l.bias = std::move(bias);
  return l;
}

// [2 inputs] -> 3 identity neurons -> 1 identity output. Hidden neuron 0 = input 0, 1 = input 1,
// 2 = input 0 + input 1; the output reads `output_weights`.
inline ember::exporters::ModelSpec linear_model(std::vector<float> output_weights = {1.0f, 0.5f, 0.25f}) {
  ember::exporters::ModelSpec spec;
  spec.name = "linear";
  spec.layers.push_back(dense(2, 3, ember::Activation::identity, {1, 0, 0, 1, 1, 1}, {0, 0, 0}));
  spec.layers.push_back(dense(3, 1, ember::Activation::identity, std::move(output_weights), {0}));
  return spec;
}

}  // namespace analysis_test

#endif  // EMBER_TESTS_ANALYSIS_TEST_MODELS_HPP
