#include "ember/export/c_header_writer.hpp"

#include <gtest/gtest.h>

#include "ember/export/blob_writer.hpp"
#include "ember/export/file_io.hpp"
#include "golden_model.hpp"

TEST(CHeaderWriter, DeclaresAlignedArrayLengthAndArenaSize) {
  const auto blob = ember::exporters::write_blob(golden::model());
  const std::string h = ember::exporters::write_c_header(blob, "golden_model");
  EXPECT_NE(h.find("#define GOLDEN_MODEL_ARENA_BYTES 64u"), std::string::npos) << h.substr(0, 600);
  EXPECT_NE(h.find("static const unsigned int golden_model_len = " + std::to_string(blob.size()) + "u;"),
            std::string::npos);
  EXPECT_NE(h.find("GOLDEN_MODEL_ALIGN static const unsigned char golden_model[" + std::to_string(blob.size()) + "]"),
            std::string::npos);
  EXPECT_NE(h.find("_Alignas(16)"), std::string::npos);
  EXPECT_NE(h.find(" 0x45, 0x4d, 0x42, 0x52,"), std::string::npos);  // "EMBR"
}

TEST(CHeaderWriter, RejectsInvalidBlobsAndSymbols) {
  auto blob = ember::exporters::write_blob(golden::model());
  EXPECT_THROW(ember::exporters::write_c_header(blob, "9lives"), std::invalid_argument);
  EXPECT_THROW(ember::exporters::write_c_header(blob, "has-dash"), std::invalid_argument);
  blob[200] ^= 0xFF;
  EXPECT_THROW(ember::exporters::write_c_header(blob, "ok"), std::invalid_argument);
}

TEST(CHeaderWriter, DerivesSymbolsFromFileNames) {
  EXPECT_EQ(ember::exporters::symbol_from_path("out/my-net.v2.h"), "my_net");
  EXPECT_EQ(ember::exporters::symbol_from_path("5d.h"), "model_5d");
}

TEST(CHeaderWriter, EscapesTheModelNameSoItCannotCloseTheComment) {
  auto spec = golden::model();
  spec.name = "*/ #define ember_load(x) 0 /*";
  const std::string h = ember::exporters::write_c_header(ember::exporters::write_blob(spec), "m");
  EXPECT_EQ(h.find("*/ #define"), std::string::npos) << h.substr(0, 300);
  EXPECT_NE(h.find("\"\\x2A\\x2F #define ember_load(x) 0 \\x2F\\x2A\""), std::string::npos) << h.substr(0, 300);
  // Only the writer's own comment ends remain: one per comment it opens.
  std::size_t opens = 0, closes = 0;
  for (std::size_t at = h.find("/*"); at != std::string::npos; at = h.find("/*", at + 2)) ++opens;
  for (std::size_t at = h.find("*/"); at != std::string::npos; at = h.find("*/", at + 2)) ++closes;
  EXPECT_EQ(opens, closes);
}

TEST(CHeaderWriter, EmitsTheOpSetOfTheModelsLayerKindsAndActivations) {
  const auto blob = ember::exporters::write_blob(golden::model());
  const std::string h = ember::exporters::write_c_header(blob, "golden_model");
  // The golden model: dense float32 layers with relu, tanh, sigmoid and identity (golden_model.hpp).
  const auto at = h.find("#define GOLDEN_MODEL_OP_SET {{0, &ember_op_dense_f32, 0, 0}, {");
  ASSERT_NE(at, std::string::npos) << h.substr(0, 900);
  const std::string line = h.substr(at, h.find('\n', at) - at);
  EXPECT_NE(line.find("{&ember_activation_identity, &ember_activation_relu, &ember_activation_tanh, "
                      "&ember_activation_sigmoid, 0}}"),
            std::string::npos)
      << line;
}

TEST(CHeaderWriter, AModelWithAResidualLayerGetsTheResidualCapableDenseOp) {
  const auto blob = ember::exporters::read_file(std::string(EMBER_TEST_DATA_DIR) + "/golden_v2_residual.ember");
  const std::string h = ember::exporters::write_c_header(blob, "golden_residual");
  EXPECT_NE(h.find("#define GOLDEN_RESIDUAL_OP_SET {{0, &ember_op_dense_f32_residual, 0, 0}, {"), std::string::npos)
      << h.substr(0, 900);
  EXPECT_NE(h.find("Ember blob format v2"), std::string::npos);
}
