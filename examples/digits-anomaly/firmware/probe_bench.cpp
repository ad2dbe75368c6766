// Device figures of the streaming NN-EEG probe (docs/analysis.md): runs a model 512 times with and without
// the probe on the observer hook, prints the instructions per inference (SysTick under QEMU -icount), the
// probe's RAM, and the NN-EEG table the probe accumulated. Built by build_probe_bench.sh against a
// cortex-m4f build tree; the model comes from `ember export --format c-header --symbol probe_model`,
// compiled in probe_model.c.
#include <stdint.h>
#include <stdio.h>

#include "ember/model.hpp"
#include "ember/report/table_writer.hpp"
#include "ember/spectral/band_power_probe.hpp"
#include "ember/target/board.h"
extern "C" {
uint64_t systick_instructions(void);
// From probe_model.c.
extern const unsigned char* const probe_blob;
extern const unsigned int probe_blob_len;
extern const unsigned int probe_arena_bytes;
extern const unsigned int probe_input_width;
}

namespace {

constexpr uint32_t kWindow = PROBE_WINDOW;
constexpr uint32_t kRuns = 512;
constexpr uint32_t kMaxNeurons = 256;
constexpr uint32_t kMaxWidth = 256;

alignas(16) float arena[4 * kMaxWidth];
alignas(4) unsigned char probe_memory[4 * (kMaxNeurons * (kWindow + kWindow / 2 + 1) + 4 * kWindow + 2)];
float input[kMaxWidth];
float output[kMaxWidth];

// Deterministic pixel-like inputs in 0..16 that change from one inference to the next.
void fill_input(uint32_t t) {
  uint32_t state = 2654435761u * (t + 1);
  for (uint32_t i = 0; i < probe_input_width; ++i) {
    state = state * 1664525u + 1013904223u;
    input[i] = static_cast<float>(state >> 28);
  }
}

uint64_t run_all(ember::Model& model) {
  const uint64_t start = systick_instructions();
  for (uint32_t t = 0; t < kRuns; ++t) {
    fill_input(t);
    model.run(input, output);
  }
  return systick_instructions() - start;
}

}  // namespace

int main() {
  systick_instructions();  // starts SysTick; its first reading is not a count
  ember::Model model;
  if (probe_arena_bytes > sizeof arena || probe_input_width > kMaxWidth) return 2;
  if (model.load(probe_blob, probe_blob_len, arena, sizeof arena) != ember::Status::ok) return 2;
  ember::spectral::BandPowerProbe probe;
  const ember::Status s = probe.init(model, kWindow, 200.0f, probe_memory, sizeof probe_memory);
  if (s != ember::Status::ok) {
    printf("probe init: %s\n", ember::status_message(s));
    return 3;
  }
  const uint64_t plain = run_all(model);
  model.set_observer(&ember::spectral::BandPowerProbe::observe, &probe);
  const uint64_t probed = run_all(model);
  model.set_observer(nullptr, nullptr);

  printf("model: %u hidden neurons, window %u, %u inferences, %u Welch segments\n",
         static_cast<unsigned>(probe.neurons()), static_cast<unsigned>(kWindow), static_cast<unsigned>(kRuns),
         static_cast<unsigned>(probe.segments()));
  printf("probe RAM: %u bytes (ember::spectral_probe_bytes) + %u bytes of probe object\n",
         static_cast<unsigned>(ember::spectral_probe_bytes(probe.neurons(), kWindow)),
         static_cast<unsigned>(sizeof probe));
  printf("instructions per inference: %u without the probe, %u with it (+%u, segment transforms amortized)\n",
         static_cast<unsigned>(plain / kRuns), static_cast<unsigned>(probed / kRuns),
         static_cast<unsigned>((probed - plain) / kRuns));
  ember::report::TableWriter table(ember::report::TableFormat::markdown, ember_board_write, nullptr);
  probe.write_table(table);
  return 0;
}
