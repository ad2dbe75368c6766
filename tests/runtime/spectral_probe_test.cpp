// The streaming band-power probe, fed by hand and through the observer hook of the golden model
// (hidden layers 8, 6 and 4 wide). Runs on the host and on every target.
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "ember/model.hpp"
#include "ember/report/table_writer.hpp"
#include "ember/spectral/band_power_probe.hpp"
#include "ember/spectral/real_fft.hpp"
#include "golden_v1_blob.h"
#include "unit_test.hpp"

namespace {

alignas(16) float model_arena[64];
constexpr uint32_t kNeurons = 8 + 6 + 4;
constexpr uint32_t kWindow = 128;
alignas(4) unsigned char probe_memory[4 * (kNeurons * (kWindow + kWindow / 2 + 1) + 4 * kWindow + 2)];

// sin(2 pi f t / rate) without libm: f * t / rate in turns, reduced to a root of unity of a fine grid.
double sine_turns(double turns) {
  const uint32_t grid = 1u << 20;
  double whole = turns - static_cast<double>(static_cast<int64_t>(turns));
  if (whole < 0) whole += 1.0;
  double c, s;
  ember::spectral::unit_root(static_cast<uint32_t>(whole * grid + 0.5) % grid, grid, &c, &s);
  return s;
}

char table_text[2048];
size_t table_length = 0;
void append(void*, const char* text, size_t bytes) {
  for (size_t i = 0; i < bytes && table_length + 1 < sizeof table_text; ++i) table_text[table_length++] = text[i];
  table_text[table_length] = 0;
}

}  // namespace

TEST_CASE(probe_memory_is_declared_up_front_and_checked) {
  CHECK(ember::spectral_probe_bytes(kNeurons, kWindow) == sizeof probe_memory);
  CHECK(ember::spectral_probe_bytes(kNeurons, 100) == 0);
  ember::Model model;
  REQUIRE(model.load(golden_v1_blob, golden_v1_blob_len, model_arena, sizeof model_arena) == ember::Status::ok);
  ember::spectral::BandPowerProbe probe;
  CHECK(probe.init(model, kWindow, 200.0f, probe_memory, sizeof probe_memory - 4) == ember::Status::arena_too_small);
  // Any finite rate above 1 Hz: the EEG bands cut at its Nyquist frequency; 1 Hz leaves no band.
  CHECK(probe.init(model, kWindow, 1.0f, probe_memory, sizeof probe_memory) == ember::Status::bad_argument);
  CHECK(probe.init(model, kWindow, 0.0f, probe_memory, sizeof probe_memory) == ember::Status::bad_argument);
  CHECK(probe.init(model, kWindow, 50.0f, probe_memory, sizeof probe_memory) == ember::Status::ok);
  CHECK(probe.init(model, 96, 200.0f, probe_memory, sizeof probe_memory) == ember::Status::bad_argument);
  CHECK(probe.init(model, kWindow, 200.0f, probe_memory, sizeof probe_memory) == ember::Status::ok);
  CHECK(probe.neurons() == kNeurons);
  CHECK(probe.hidden_layers() == 3);
}

TEST_CASE(probe_puts_6_hz_and_20_hz_power_in_theta_and_beta_within_1_percent_of_the_analytic_split) {
  ember::Model model;
  REQUIRE(model.load(golden_v1_blob, golden_v1_blob_len, model_arena, sizeof model_arena) == ember::Status::ok);
  ember::spectral::BandPowerProbe probe;
  REQUIRE(probe.init(model, kWindow, 200.0f, probe_memory, sizeof probe_memory) == ember::Status::ok);
  // Neuron i carries a 6 Hz sine of amplitude a_i and a 20 Hz sine of amplitude b_i on top of an offset:
  // the analytic split is theta = a^2 / (a^2 + b^2), beta = b^2 / (a^2 + b^2).
  float layer0[8], layer1[6], layer2[4];
  float* layers[] = {layer0, layer1, layer2};
  const uint16_t widths[] = {8, 6, 4};
  const uint32_t samples = 2048;
  for (uint32_t t = 0; t < samples; ++t) {
    uint32_t neuron = 0;
    for (uint16_t l = 0; l < 3; ++l) {
      for (uint16_t i = 0; i < widths[l]; ++i, ++neuron) {
        const double a = 1.0 + 0.1 * neuron, b = 0.5 + 0.05 * (neuron % 5);
        layers[l][i] = static_cast<float>(3.0 + a * sine_turns(6.0 * t / 200.0) + b * sine_turns(20.0 * t / 200.0 + 0.3));
      }
      probe.record(l, layers[l], widths[l]);
    }
    probe.end_sample();
  }
  CHECK(probe.segments() == (samples - kWindow) / (kWindow / 2) + 1);
  for (uint32_t n = 0; n < kNeurons; ++n) {
    const double a = 1.0 + 0.1 * n, b = 0.5 + 0.05 * (n % 5);
    const ember::spectral::NeuronSpectrum s = probe.neuron(n);
    CHECK(!s.silent);
    CHECK(fabs(s.relative[1] - a * a / (a * a + b * b)) < 0.01);
    CHECK(fabs(s.relative[3] - b * b / (a * a + b * b)) < 0.01);
    // Total power of a sum of sines: (a^2 + b^2) / 2.
    CHECK(fabs(s.total_power - (a * a + b * b) / 2) < 0.02 * (a * a + b * b) / 2);
  }
}

TEST_CASE(probe_fed_by_the_observer_hook_prints_the_nn_eeg_table) {
  ember::Model model;
  REQUIRE(model.load(golden_v1_blob, golden_v1_blob_len, model_arena, sizeof model_arena) == ember::Status::ok);
  ember::spectral::BandPowerProbe probe;
  REQUIRE(probe.init(model, 64, 200.0f, probe_memory, sizeof probe_memory) == ember::Status::ok);
  model.set_observer(&ember::spectral::BandPowerProbe::observe, &probe);
  float x[5], y[3];
  for (uint32_t t = 0; t < 256; ++t) {
    for (int i = 0; i < 5; ++i) x[i] = static_cast<float>(2.0 * sine_turns((7.0 + 9.0 * i) * t / 200.0) + 0.3 * i);
    REQUIRE(model.run(x, y) == ember::Status::ok);
  }
  model.set_observer(nullptr, nullptr);
  CHECK(probe.samples() == 256);
  CHECK(probe.segments() == 7);
  ember::report::TableWriter table(ember::report::TableFormat::csv, append, nullptr);
  table_length = 0;
  REQUIRE(probe.write_table(table));
  CHECK(strstr(table_text, "layer,neurons,silent,delta (%),theta (%)") != nullptr);
  CHECK(strstr(table_text, "\n0,8,") != nullptr);
  CHECK(strstr(table_text, "\n2,4,") != nullptr);
}
