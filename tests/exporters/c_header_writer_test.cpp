#include "ember/export/c_header_writer.hpp"

#include <gtest/gtest.h>

#include "ember/export/blob_writer.hpp"
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
