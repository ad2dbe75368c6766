// The PyTorch-made fixtures in tests/data/onnx/ (made by make_fixtures.py there) and their CSV of inputs and
// PyTorch outputs, shared by the ONNX tests.
#ifndef EMBER_TESTS_ONNX_FIXTURES_HPP
#define EMBER_TESTS_ONNX_FIXTURES_HPP

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace onnx_fixtures {

inline const std::string kDir = std::string(EMBER_TEST_DATA_DIR) + "/onnx";

// Every model fixture: name (file stem), input width.
struct Fixture {
  const char* name;
  int inputs;
};
inline const std::vector<Fixture> kModels = {
    {"gemm_relu_opset9", 4},      {"tanh_softmax_opset13", 8},   {"standardized_sigmoid_opset11", 5},
    {"matmul_add_opset17", 7},    {"dropout_opset10", 3},        {"constants_opset12", 6},
    {"float64_nobias_opset14", 5}, {"softmax_opset9", 10},         {"flatten_three_layers_opset15", 6},
    {"standardized_matmul_opset16", 5},
};

// Rows of the fixture's CSV: first `inputs` columns are x, the rest PyTorch's y.
struct Rows {
  std::vector<std::vector<double>> x, y;
};

inline Rows read_rows(const std::string& csv_path, int inputs) {
  std::ifstream f(csv_path);
  std::string line;
  std::getline(f, line);  // header
  Rows rows;
  while (std::getline(f, line)) {
    if (line.empty()) continue;
    std::stringstream cells(line);
    std::string cell;
    std::vector<double> x, y;
    for (int i = 0; std::getline(cells, cell, ','); ++i) (i < inputs ? x : y).push_back(std::stod(cell));
    rows.x.push_back(x);
    rows.y.push_back(y);
  }
  return rows;
}

inline std::string onnx_path(const std::string& name) { return kDir + "/" + name + ".onnx"; }
inline std::string csv_path(const std::string& name) { return kDir + "/" + name + ".csv"; }

}  // namespace onnx_fixtures

#endif  // EMBER_TESTS_ONNX_FIXTURES_HPP
