// Caps on every size the host tools compute from their input (docs/reliability.md, "caps"). Each is checked
// in 64-bit arithmetic before anything is allocated, and a value above one is refused with one line that
// names the cap, instead of ending in std::bad_alloc, a wrapped multiplication or the OOM killer.
#ifndef EMBER_EXPORT_INPUT_CAPS_HPP
#define EMBER_EXPORT_INPUT_CAPS_HPP

#include <cstdint>
#include <string>

namespace ember::exporters::caps {

// Any file a tool reads whole: a CSV, a blob, a JSON model (256 MiB).
constexpr std::uint64_t kMaxFileBytes = std::uint64_t{256} << 20;
// Numbers in one CSV (rows x columns): 32 Mi cells, 256 MiB as doubles.
constexpr std::uint64_t kMaxCsvCells = std::uint64_t{32} << 20;
// Rows of a stream for `ember analyze` (CSV or sines:F/ROWS): 4 Mi.
constexpr std::uint64_t kMaxStreamRows = std::uint64_t{4} << 20;
// Floats `ember analyze` keeps for a stream: rows x (inputs + every layer's outputs), 64 Mi (256 MiB).
constexpr std::uint64_t kMaxStreamValues = std::uint64_t{64} << 20;
// Classes of a classifier: its output width, and the confusion matrix (classes^2 counts, 8 MiB at the cap).
constexpr std::uint64_t kMaxClasses = 1024;
// Parameters (weights + biases) of a network the trainer builds: 16 Mi (64 MiB of float32; the trainer
// keeps about five copies: weights, gradients, two Adam moments and the average).
constexpr std::uint64_t kMaxParameters = std::uint64_t{16} << 20;
// Floats of one forward/backward pass in the trainer: rows of a pass (max(--batch, 1024)) x neurons of every
// layer, inputs included; 64 Mi (256 MiB, kept twice: activations and deltas).
constexpr std::uint64_t kMaxTrainingActivations = std::uint64_t{64} << 20;

// Throws std::runtime_error("<what> is <value>, above the cap of <cap> <unit> (<cap_name>, docs/...)") when
// value > cap.
void check_cap(std::uint64_t value, std::uint64_t cap, const std::string& what, const char* unit,
               const char* cap_name);

// a * b, refused like check_cap when it exceeds `cap` (or 2^64: the product is computed without wrapping).
std::uint64_t checked_product(std::uint64_t a, std::uint64_t b, std::uint64_t cap, const std::string& what,
                              const char* unit, const char* cap_name);

}  // namespace ember::exporters::caps

#endif  // EMBER_EXPORT_INPUT_CAPS_HPP
