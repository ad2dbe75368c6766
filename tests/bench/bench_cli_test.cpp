// `ember bench --tiny`: every table of the report is present on stdout (JSON lines) and under --out (CSV and
// JSON), with sane, non-zero figures; --peers without the Python peers explains how to install them.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <sstream>
#include <string>

#include "run_command.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {
using Result = testing_support::CommandResult;

// Column index by name; -1 if missing.
int column(const json& table, const std::string& name) {
  const json& cols = table.at("columns");
  for (std::size_t i = 0; i < cols.size(); ++i)
    if (cols[i].at("name") == name) return static_cast<int>(i);
  return -1;
}

double number(const json& table, std::size_t row, const std::string& name) {
  const int c = column(table, name);
  EXPECT_GE(c, 0) << table.at("table") << " has no column " << name;
  if (c < 0) return NAN;
  const json& cell = table.at("rows").at(row).at(static_cast<std::size_t>(c));
  EXPECT_TRUE(cell.is_number()) << table.at("table") << " / " << name << ": " << cell;
  return cell.is_number() ? cell.get<double>() : NAN;
}

class TinyBench : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    scratch = std::make_unique<testing_support::ScratchDir>();
    out_dir = scratch->file("bench");
    // A bogus interpreter: the peers must be reported missing, not crash the report.
    result =
        testing_support::run_command({EMBER_CLI, "bench", "--tiny", "--json", "--peers", "--out", out_dir.string()},
                                     {{"EMBER_PEER_PYTHON", "/nonexistent/python3"}});
    std::size_t start = 0;
    while (start < result.out.size()) {
      const std::size_t end = result.out.find('\n', start);
      const std::string line = result.out.substr(start, end - start);
      if (!line.empty()) {
        const json table = json::parse(line);
        tables[table.at("table").get<std::string>()] = table;
      }
      if (end == std::string::npos) break;
      start = end + 1;
    }
  }
  static void TearDownTestSuite() { scratch.reset(); }

  const json& table(const std::string& title) {
    static const json empty = json::object();
    auto it = tables.find(title);
    EXPECT_NE(it, tables.end()) << "missing table: " << title;
    return it == tables.end() ? empty : it->second;
  }

  static inline std::unique_ptr<testing_support::ScratchDir> scratch;  // holds out_dir, removed after the suite
  static inline fs::path out_dir;
  static inline Result result;
  static inline std::map<std::string, json> tables;
};
}  // namespace

TEST_F(TinyBench, SucceedsAndPrintsEveryTableAsJson) {
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  for (const char* title : {"Benchmark setup", "Training time vs dataset size", "Memory vs dataset size",
                            "Scaling of training time with dataset size", "Accuracy vs dataset size (test split)",
                            "Inference vs batch size (runtime, one core)", "Memory breakdown (5D model)", "Model size",
                            "Per-layer cost (batched kernel, one core)", "Goals"})
    EXPECT_TRUE(tables.count(title)) << "missing table: " << title;
}

TEST_F(TinyBench, TrainingTimeMemoryAndAccuracyHaveOneSaneRowPerSize) {
  const json& time = table("Training time vs dataset size");
  const json& memory = table("Memory vs dataset size");
  const json& accuracy = table("Accuracy vs dataset size (test split)");
  ASSERT_EQ(time.at("rows").size(), 2u);
  ASSERT_EQ(memory.at("rows").size(), 2u);
  ASSERT_EQ(accuracy.at("rows").size(), 2u);
  for (std::size_t r = 0; r < 2; ++r) {
    EXPECT_GT(number(time, r, "median"), 0.0);
    EXPECT_EQ(number(time, r, "epochs"), 3.0);
    EXPECT_GT(number(time, r, "throughput"), 0.0);
    EXPECT_GT(number(memory, r, "train peak RSS"), 0.0);
    EXPECT_GT(number(memory, r, "train average RSS"), 0.0);
    EXPECT_GT(number(memory, r, "predict peak RSS"), 0.0);
    EXPECT_EQ(number(memory, r, "runtime arena"), 384.0);
    EXPECT_GT(number(accuracy, r, "MSE"), 0.0);
    EXPECT_LE(number(accuracy, r, "R2"), 1.0);
    EXPECT_NEAR(number(accuracy, r, "RMSE"), std::sqrt(number(accuracy, r, "MSE")), 1e-3);
  }
  EXPECT_TRUE(std::isfinite(number(table("Scaling of training time with dataset size"), 1, "exponent k")));
}

TEST_F(TinyBench, InferenceModelSizeAndPerLayerFiguresAreConsistent) {
  const json& inference = table("Inference vs batch size (runtime, one core)");
  ASSERT_EQ(inference.at("rows").size(), 3u);  // Model::run, then run_batch at 1 and 40
  for (std::size_t r = 0; r < 3; ++r) {
    EXPECT_GT(number(inference, r, "time per sample"), 0.0);
    EXPECT_GT(number(inference, r, "throughput"), 0.0);
  }
  const json& size = table("Model size");
  EXPECT_EQ(number(size, 0, "blob"), 12384.0);
  EXPECT_EQ(number(size, 0, "parameters"), 3009.0);
  EXPECT_GT(number(size, 0, "C header"), 12384.0);
  const json& layers = table("Per-layer cost (batched kernel, one core)");
  ASSERT_EQ(layers.at("rows").size(), 6u);  // 4 layers, the rest, the whole model
  double macs = 0;
  for (std::size_t r = 0; r < 4; ++r) {
    macs += number(layers, r, "MACs");
    EXPECT_GT(number(layers, r, "time"), 0.0);
    EXPECT_GT(number(layers, r, "achieved"), 0.0);
  }
  EXPECT_EQ(macs, 2896.0);
  EXPECT_EQ(number(layers, 5, "MACs"), 2896.0);
  const json& breakdown = table("Memory breakdown (5D model)");
  for (std::size_t r = 0; r < breakdown.at("rows").size(); ++r) EXPECT_GT(number(breakdown, r, "bytes"), 0.0);
}

TEST_F(TinyBench, SavesEveryTableAsCsvAndJsonPlusTheMarkdownReport) {
  for (const char* slug : {"setup", "training_time", "memory", "scaling", "accuracy", "inference", "memory_breakdown",
                           "model_size", "per_layer", "goals"}) {
    EXPECT_TRUE(fs::exists(out_dir / (std::string(slug) + ".csv"))) << slug;
    EXPECT_TRUE(fs::exists(out_dir / (std::string(slug) + ".json"))) << slug;
  }
  EXPECT_TRUE(fs::exists(out_dir / "report.md"));
}

TEST_F(TinyBench, MissingPeersAreExplainedWithTheInstallCommand) {
  const std::string& err = result.err;
  EXPECT_NE(err.find("peers unavailable"), std::string::npos) << err;
  EXPECT_NE(err.find("setup.sh"), std::string::npos) << err;
  EXPECT_EQ(tables.count("Ember vs peers (same data, same recipe, one thread)"), 0u);
}

TEST(BenchCli, RejectsSizesTooSmallToSplit) {
  const Result r = testing_support::run_command({EMBER_CLI, "bench", "--sizes", "10"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("ember: error: bench: each size needs at least 50 samples"), std::string::npos) << r.err;
}

namespace {
// The share column of the per-layer table, every row but the last ("all").
double layer_shares(const json& layers) {
  double sum = 0;
  for (std::size_t r = 0; r + 1 < layers.at("rows").size(); ++r) sum += number(layers, r, "share");
  return sum;
}

std::string slurp_file(const fs::path& path) {
  std::FILE* f = std::fopen(path.c_str(), "r");
  if (f == nullptr) return "";
  std::string text;
  char buffer[4096];
  std::size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, f)) > 0) text.append(buffer, n);
  std::fclose(f);
  return text;
}
}  // namespace

TEST_F(TinyBench, PerLayerSharesAndTheirRemainderAddUpToAHundredPercent) {
  const json& layers = table("Per-layer cost (batched kernel, one core)");
  EXPECT_NEAR(layer_shares(layers), 100.0, 0.05) << layers.dump();
  EXPECT_EQ(layers.at("rows").at(4).at(1).get<std::string>().rfind("remainder", 0), 0u) << layers.dump();
}

TEST_F(TinyBench, TheSingleSampleGoalIsJudgedOnEmberProfilesFigure) {
  const json& single = table("One inference: this report and ember profile");
  ASSERT_EQ(single.at("rows").size(), 3u);  // Model::run, run_batch(1), ember profile's rounds
  EXPECT_GT(number(single, 2, "median"), 0.0);
  EXPECT_LE(number(single, 2, "min"), number(single, 2, "median"));
  const std::string goal = table("Goals").at("rows").at(0).at(1).get<std::string>();
  EXPECT_NE(goal.find("ember profile's batch-1 figure"), std::string::npos) << goal;
}

TEST_F(TinyBench, FiguresHavePlainLegendsAxesFromZeroAndOnlyTheBarsThatExist) {
  const fs::path figures = out_dir / "figures";
  if (!fs::exists(figures / "training_time.gp")) GTEST_SKIP() << "gnuplot not installed";
  for (const char* name : {"training_time", "memory", "accuracy", "throughput"}) {
    const std::string script = slurp_file(figures / (std::string(name) + ".gp"));
    EXPECT_NE(script.find("noenhanced"), std::string::npos) << name << ": " << script;
    EXPECT_TRUE(fs::exists(figures / (std::string(name) + ".png"))) << name;
  }
  // --tiny runs one repeat per size: no min-max bars to promise.
  EXPECT_EQ(slurp_file(figures / "training_time.gp").find("yerrorlines"), std::string::npos);
  EXPECT_NE(slurp_file(figures / "memory.gp").find("set yrange [0:*]"), std::string::npos);
  // Peak resident memory is never below the average (columns 5 and 6 of training.dat).
  std::istringstream data(slurp_file(figures / "training.dat"));
  std::string line;
  int rows = 0;
  while (std::getline(data, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream cells(line);
    double size, median, min, max, peak, average;
    cells >> size >> median >> min >> max >> peak >> average;
    EXPECT_GE(peak, average) << line;
    ++rows;
  }
  EXPECT_EQ(rows, 2);
}

TEST(BenchCli, AModelFileIsBenchmarkedItselfWithoutTraining) {
  const std::string model = std::string(EMBER_SOURCE_DIR) + "/examples/firmware-5d/model_5d.ember";
  const Result r = testing_support::run_command({EMBER_CLI, "bench", model, "--tiny", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  std::map<std::string, json> tables;
  std::istringstream lines(r.out);
  for (std::string line; std::getline(lines, line);)
    if (!line.empty()) tables[json::parse(line).at("table").get<std::string>()] = json::parse(line);
  for (const char* title : {"Benchmark setup", "Inference vs batch size (runtime, one core)",
                            "One inference: this report and ember profile", "Memory breakdown (this model)",
                            "Model size", "Per-layer cost (batched kernel, one core)"})
    EXPECT_TRUE(tables.count(title)) << "missing table: " << title;
  EXPECT_EQ(tables.count("Training time vs dataset size"), 0u) << "a given model is not retrained";
  ASSERT_TRUE(tables.count("Per-layer cost (batched kernel, one core)"));
  EXPECT_NEAR(layer_shares(tables["Per-layer cost (batched kernel, one core)"]), 100.0, 0.05);
  EXPECT_NE(tables["Benchmark setup"].dump().find("model-5d"), std::string::npos);
}
