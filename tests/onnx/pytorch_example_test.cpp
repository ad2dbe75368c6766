// examples/pytorch-to-mcu: the committed blob and C header are what `ember import` and `ember export` make
// of the committed PyTorch export, and the blob reproduces PyTorch's 1,000 probabilities on the host (the
// firmware in examples/pytorch-to-mcu/firmware checks the same on each Cortex-M preset).
#include <gtest/gtest.h>

#include <cmath>

#include "ember/export/blob_writer.hpp"
#include "ember/export/file_io.hpp"
#include "ember/export/loaded_model.hpp"
#include "ember/export/onnx_import.hpp"
#include "onnx_fixtures.hpp"

namespace {
using namespace ember::exporters;
const std::string kExample = std::string(EMBER_SOURCE_DIR) + "/examples/pytorch-to-mcu";
}  // namespace

TEST(PyTorchExample, TheCommittedBlobIsTheImportOfTheCommittedOnnxFile) {
  OnnxImport imported = import_onnx(read_file(kExample + "/digits.onnx"), "digits");
  imported.spec.name = "digits";  // the README's --name
  EXPECT_EQ(write_blob(imported.spec), read_file(kExample + "/digits.ember"));
}

// The bytes of the header's array (not its text, which follows the C header exporter's layout).
TEST(PyTorchExample, TheFirmwareHeaderHoldsTheCommittedBlob) {
  const auto text = read_file(kExample + "/firmware/digits_model.h");
  const std::string h(text.begin(), text.end());
  const std::size_t start = h.find("digits_model[");
  ASSERT_NE(start, std::string::npos);
  std::vector<std::uint8_t> bytes;
  for (std::size_t at = h.find("0x", h.find('{', start)); at != std::string::npos && at < h.find("};", start);
       at = h.find("0x", at + 4))
    bytes.push_back(static_cast<std::uint8_t>(std::stoul(h.substr(at + 2, 2), nullptr, 16)));
  EXPECT_EQ(bytes, read_file(kExample + "/digits.ember"));
}

TEST(PyTorchExample, MatchesPyTorchOnTheHundredHeldOutRowsOnTheHost) {
  LoadedModel loaded(read_file(kExample + "/digits.ember"));
  const auto x = onnx_fixtures::read_rows(kExample + "/test_rows.csv", 64).x;
  const auto y = onnx_fixtures::read_rows(kExample + "/pytorch_outputs.csv", 0).y;
  ASSERT_EQ(x.size(), 100u);
  ASSERT_EQ(y.size(), 100u);
  float in[64], out[10];
  double worst = 0;
  for (std::size_t r = 0; r < x.size(); ++r) {
    for (int i = 0; i < 64; ++i) in[i] = static_cast<float>(x[r][i]);
    ASSERT_EQ(loaded.model().run(in, out), ember::Status::ok);
    for (int j = 0; j < 10; ++j) {
      const double d = std::fabs(out[j] - y[r][j]);
      EXPECT_LE(d, 1e-5 * std::fabs(y[r][j]) + 1e-7) << "row " << r << " class " << j;
      worst = std::max(worst, d / std::max(std::fabs(y[r][j]), 1e-30));
    }
  }
  RecordProperty("largest_relative_difference", std::to_string(worst));
}
