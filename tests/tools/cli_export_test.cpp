#include <gtest/gtest.h>

#include "ember/export/blob_writer.hpp"
#include "ember/export/file_io.hpp"
#include "ember/export/json_model.hpp"
#include "golden_model.hpp"
#include "run_command.hpp"

using testing_support::run_command;

namespace {
const std::string kEmber = EMBER_CLI;
const std::string kGolden = std::string(EMBER_TEST_DATA_DIR) + "/golden_v1.ember";
}  // namespace

TEST(CliExport, JsonModelExportsToTheGoldenBytes) {
  const testing_support::ScratchDir scratch;
  const std::string dir = scratch.path();
  ember::exporters::write_file_atomic(dir + "/m.json", ember::exporters::model_spec_to_json(golden::model()));
  const auto r = run_command({kEmber, "export", dir + "/m.json", "--out", dir + "/m.ember"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(ember::exporters::read_file(dir + "/m.ember"), ember::exporters::read_file(kGolden));
}

TEST(CliExport, CHeaderCarriesTheBlobAndArenaDefine) {
  const testing_support::ScratchDir scratch;
  const std::string dir = scratch.path();
  const auto r = run_command({kEmber, "export", kGolden, "--format", "c-header", "--out", dir + "/golden_net.h"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string h = testing_support::slurp(dir + "/golden_net.h");
  EXPECT_NE(h.find("#define GOLDEN_NET_ARENA_BYTES 64u"), std::string::npos);
  EXPECT_NE(h.find("golden_net[944]"), std::string::npos);
  // It compiles as C and the bytes are the blob's.
  std::string c = "#include \"" + dir + "/golden_net.h\"\n#include <stdio.h>\nint main(void){for(unsigned i=0;i<golden_net_len;++i)putchar(golden_net[i]);return 0;}\n";
  ember::exporters::write_file_atomic(dir + "/dump.c", c);
  const auto cc = run_command({"cc", "-std=c11", "-Wall", "-Werror", "-o", dir + "/dump", dir + "/dump.c"});
  ASSERT_EQ(cc.exit_code, 0) << cc.err;
  const auto dumped = run_command({dir + "/dump"});
  ASSERT_EQ(dumped.exit_code, 0);
  const auto golden = ember::exporters::read_file(kGolden);
  EXPECT_EQ(dumped.out, std::string(golden.begin(), golden.end()));
  // The same header compiles as C++ too (alignas placement differs between the languages).
  ember::exporters::write_file_atomic(dir + "/dump.cpp", c);
  const auto cxx = run_command({"c++", "-std=c++17", "-Wall", "-Werror", "-fsyntax-only", dir + "/dump.cpp"});
  EXPECT_EQ(cxx.exit_code, 0) << cxx.err;
}

TEST(CliExport, BadInputLeavesNoOutputFile) {
  const testing_support::ScratchDir scratch;
  const std::string dir = scratch.path();
  ember::exporters::write_file_atomic(dir + "/bad.json", std::string("{\"layers\": [ {\"weights\": [[1, \"x\"]]} ]}"));
  auto r = run_command({kEmber, "export", dir + "/bad.json", "--out", dir + "/o.ember"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_EQ(testing_support::count_lines(r.err), 1) << r.err;
  EXPECT_FALSE(testing_support::file_exists(dir + "/o.ember"));
  r = run_command({kEmber, "export", kGolden, "--format", "onnx", "--out", dir + "/o.ember"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_FALSE(testing_support::file_exists(dir + "/o.ember"));
  r = run_command({kEmber, "export", kGolden, "--out", "/nonexistent-dir/o.ember"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("cannot write"), std::string::npos);
}

TEST(CliExport, AnExistingOutputSurvivesAFailedExport) {
  const testing_support::ScratchDir scratch;
  const std::string dir = scratch.path();
  ember::exporters::write_file_atomic(dir + "/keep.ember", std::string("previous"));
  ember::exporters::write_file_atomic(dir + "/bad.json", std::string("{"));
  const auto r = run_command({kEmber, "export", dir + "/bad.json", "--out", dir + "/keep.ember"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_EQ(testing_support::slurp(dir + "/keep.ember"), "previous");
}

TEST(CliExport, TheOutputExtensionPicksTheFormat) {
  const testing_support::ScratchDir scratch;
  const std::string dir = scratch.path();
  auto r = run_command({kEmber, "export", kGolden, "--out", dir + "/picked.h"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(testing_support::slurp(dir + "/picked.h").find("#define PICKED_ARENA_BYTES"), std::string::npos);
  r = run_command({kEmber, "export", kGolden, "--out", dir + "/copy.ember"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(ember::exporters::read_file(dir + "/copy.ember"), ember::exporters::read_file(kGolden));
}

TEST(CliExport, AFormatThatContradictsTheExtensionIsOneLineAndNoFile) {
  const testing_support::ScratchDir scratch;
  const std::string dir = scratch.path();
  auto r = run_command({kEmber, "export", kGolden, "--format", "blob", "--out", dir + "/m.h"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_EQ(testing_support::count_lines(r.err), 1) << r.err;
  EXPECT_NE(r.err.find("does not match"), std::string::npos) << r.err;
  EXPECT_FALSE(testing_support::file_exists(dir + "/m.h"));
  r = run_command({kEmber, "export", kGolden, "--format", "c-header", "--out", dir + "/m.ember"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_FALSE(testing_support::file_exists(dir + "/m.ember"));
  // An extension that names no format needs --format, and then takes it.
  r = run_command({kEmber, "export", kGolden, "--out", dir + "/m.bin"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_EQ(testing_support::count_lines(r.err), 1) << r.err;
  r = run_command({kEmber, "export", kGolden, "--format", "c-header", "--out", dir + "/m.bin"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
}
