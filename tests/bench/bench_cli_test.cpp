// `ember bench --tiny`: every table of the report is present on stdout (JSON lines) and under --out (CSV and
// JSON), with sane, non-zero figures; --peers without the Python peers explains how to install them.
#include <gtest/gtest.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <string>

namespace fs = std::filesystem;
using nlohmann::json;

namespace {
struct Result {
  int status = 0;
  std::string out;
};

// Runs a shell command line and returns its stdout and exit status.
Result capture(const std::string& command) {
  Result r;
  std::FILE* pipe = ::popen(command.c_str(), "r");
  char buffer[4096];
  std::size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) r.out.append(buffer, n);
  r.status = ::pclose(pipe);
  return r;
}

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
    out_dir = fs::temp_directory_path() / ("ember-bench-test-" + std::to_string(::getpid()));
    // A bogus interpreter: the peers must be reported missing, not crash the report.
    result = capture("EMBER_PEER_PYTHON=/nonexistent/python3 " + std::string(EMBER_CLI) +
                     " bench --tiny --json --peers --out " + out_dir.string() + " 2>" + err_path());
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
  static void TearDownTestSuite() { fs::remove_all(out_dir); }

  static std::string err_path() { return out_dir.string() + ".err"; }

  const json& table(const std::string& title) {
    static const json empty = json::object();
    auto it = tables.find(title);
    EXPECT_NE(it, tables.end()) << "missing table: " << title;
    return it == tables.end() ? empty : it->second;
  }

  static inline fs::path out_dir;
  static inline Result result;
  static inline std::map<std::string, json> tables;
};
}  // namespace

TEST_F(TinyBench, SucceedsAndPrintsEveryTableAsJson) {
  ASSERT_EQ(result.status, 0) << result.out;
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
  std::FILE* f = std::fopen(err_path().c_str(), "r");
  ASSERT_NE(f, nullptr);
  std::string err;
  char buffer[4096];
  std::size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, f)) > 0) err.append(buffer, n);
  std::fclose(f);
  fs::remove(err_path());
  EXPECT_NE(err.find("peers unavailable"), std::string::npos) << err;
  EXPECT_NE(err.find("setup.sh"), std::string::npos) << err;
  EXPECT_EQ(tables.count("Ember vs peers (same data, same recipe, one thread)"), 0u);
}

TEST(BenchCli, RejectsSizesTooSmallToSplit) {
  const Result r = capture(std::string(EMBER_CLI) + " bench --sizes 10 2>&1");
  EXPECT_NE(r.status, 0);
  EXPECT_NE(r.out.find("ember: error: bench: each size needs at least 50 samples"), std::string::npos) << r.out;
}
