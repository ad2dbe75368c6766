// Format v2 residual layers on the writer side: the golden residual blob byte for byte, the flag where
// docs/blob-format.md puts it, version 2 only when needed, the spec rules, and read_blob giving the flag back.
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include "ember/blob_format.hpp"
#include "ember/export/blob_writer.hpp"
#include "ember/export/file_io.hpp"
#include "ember/export/loaded_model.hpp"
#include "golden_output_bits_header.hpp"
#include "golden_residual_model.hpp"
#include "reference_forward.hpp"

namespace {
namespace b = ember::blob;
const std::string kGoldenPath = std::string(EMBER_TEST_DATA_DIR) + "/golden_v2_residual.ember";
const std::string kReferencePath = std::string(EMBER_TEST_DATA_DIR) + "/golden_v2_residual_reference.h";

// The host runtime's outputs for the golden rows, as float bits: every target must give exactly these
// (tests/runtime/golden_residual_test.cpp).
std::string reference_header(const std::vector<std::uint8_t>& blob) {
  return golden::output_bits_header(blob, "golden_v2_residual", "golden_residual", "golden_residual_model.hpp");
}
}  // namespace

TEST(BlobWriterResidual, WritesTheGoldenResidualBlobByteForByte) {
  const auto blob = ember::exporters::write_blob(golden::residual_model());
  if (std::getenv("EMBER_UPDATE_GOLDEN") != nullptr) {
    ember::exporters::write_file_atomic(kGoldenPath, blob.data(), blob.size());
    ember::exporters::write_file_atomic(kReferencePath, reference_header(blob));
  }
  const auto golden = ember::exporters::read_file(kGoldenPath);
  ASSERT_EQ(blob.size(), golden.size());
  for (std::size_t i = 0; i < blob.size(); ++i) ASSERT_EQ(blob[i], golden[i]) << "first difference at byte " << i;
}

TEST(BlobWriterResidual, GoldenResidualReferenceHeaderIsUpToDate) {
  const auto stored = ember::exporters::read_file(kReferencePath);
  EXPECT_EQ(std::string(stored.begin(), stored.end()), reference_header(ember::exporters::read_file(kGoldenPath)));
}

TEST(BlobWriterResidual, TheFlagIsByte3OfTheEntryAndTheBlobIsVersion2) {
  const auto blob = ember::exporters::write_blob(golden::residual_model());
  EXPECT_EQ(blob[b::header::format_version], 2);
  const std::uint8_t expected[] = {0, b::kLayerFlagResidual, b::kLayerFlagResidual, 0};
  for (unsigned k = 0; k < 4; ++k)
    EXPECT_EQ(blob[b::kHeaderBytes + k * b::kLayerEntryBytes + b::layer::flags], expected[k]) << "layer " << k;
  // Without residual layers the same model is a v1 blob.
  auto plain = golden::residual_model();
  for (auto& l : plain.layers) l.residual = false;
  EXPECT_EQ(ember::exporters::write_blob(plain)[b::header::format_version], 1);
}

TEST(BlobWriterResidual, ReadBlobGivesTheFlagBack) {
  const auto spec = ember::exporters::read_blob(ember::exporters::write_blob(golden::residual_model()));
  ASSERT_EQ(spec.layers.size(), 4u);
  EXPECT_FALSE(spec.layers[0].residual);
  EXPECT_TRUE(spec.layers[1].residual);
  EXPECT_TRUE(spec.layers[2].residual);
  EXPECT_FALSE(spec.layers[3].residual);
  EXPECT_EQ(ember::exporters::write_blob(spec), ember::exporters::write_blob(golden::residual_model()));
}

TEST(BlobWriterResidual, RuntimeOutputsMatchTheDoublePrecisionReference) {
  const auto spec = golden::residual_model();
  ember::exporters::LoadedModel loaded(ember::exporters::write_blob(spec));
  for (int r = 0; r < golden::kRows; ++r) {
    float x[5], y[3];
    std::vector<double> xd(5);
    for (int i = 0; i < 5; ++i) xd[i] = x[i] = float(golden::input(r, i));
    ASSERT_EQ(loaded.model().run(x, y), ember::Status::ok);
    const auto want = reference::forward(spec, xd);
    for (int j = 0; j < 3; ++j) EXPECT_NEAR(y[j], want[j], 1e-5 * (1 + std::fabs(want[j]))) << "row " << r;
  }
}

TEST(BlobWriterResidual, TheSpecRefusesAResidualOnUnequalWidthsOrOnAnInt8Layer) {
  auto spec = golden::residual_model();
  spec.layers[0].residual = true;  // 5 -> 8
  try {
    ember::exporters::write_blob(spec);
    FAIL() << "a residual 5 -> 8 layer was written";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("layer 0 is residual"), std::string::npos) << e.what();
  }
  spec = golden::residual_model();
  spec.layers[1].int8 = ember::exporters::QuantizedDense{};
  EXPECT_THROW(ember::exporters::write_blob(spec), std::invalid_argument);
}
