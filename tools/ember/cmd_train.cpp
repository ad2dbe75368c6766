// `ember train`: train an MLP on synthetic or CSV data, report scores, export the blob.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <type_traits>

#include "cli_checks.hpp"
#include "commands.hpp"
#include "ember/export/blob_writer.hpp"
#include "ember/export/c_header_writer.hpp"
#include "ember/export/file_io.hpp"
#include "ember/export/text_escape.hpp"
#include "ember/trainer/csv.hpp"
#include "ember/trainer/data_split.hpp"
#include "ember/trainer/trainer.hpp"
#include "table_output.hpp"
#include "train_growth.hpp"
#include "train_progress.hpp"
#include "train_quantize.hpp"
#include "train_report.hpp"

namespace ember::cli {
namespace {
constexpr const char* synthetic_prefix = "synthetic:";

struct TrainOptions {
  std::string data;
  std::string target;
  std::string task = "regress";
  std::size_t samples = 10000;
  std::size_t features = 5;
  double noise = 0.1;
  std::string hidden = "64,32,16";
  std::string activation = "relu";
  std::string init = "recipe";
  std::string split = "0.6,0.2,0.2";
  std::string name;
  std::string out, header, history, save_data, test_out;
  std::string quantize, int8_out, train_out;  // --quantize int8 and --train-out: train_quantize.hpp
  std::string validation_out;
  bool quiet = false;
  OutputFormat format;
  trainer::TrainConfig config;
  GrowthOptions growth;
  const CLI::App* command = nullptr;
};

std::vector<std::string> split_commas(const std::string& text) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = text.find(',', start);
    parts.push_back(text.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    if (comma == std::string::npos) return parts;
    start = comma + 1;
  }
}

std::vector<std::uint16_t> parse_hidden(const std::string& text) {
  std::vector<std::uint16_t> widths;
  if (text == "none") return widths;
  for (const auto& part : split_commas(text)) {
    std::size_t used = 0;
    unsigned long value = 0;
    try {
      value = std::stoul(part, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used == 0 || used != part.size() || value == 0 || value > 65535)
      throw std::runtime_error("--hidden: '" + part + "' is not a layer width 1..65535 (e.g. --hidden 64,32,16)");
    widths.push_back(static_cast<std::uint16_t>(value));
  }
  return widths;
}

void parse_split(const std::string& text, trainer::TrainConfig& config) {
  const auto parts = split_commas(text);
  double v[3] = {0, 0, 0};
  bool ok = parts.size() == 3;
  for (std::size_t i = 0; ok && i < 3; ++i) {
    std::size_t used = 0;
    try {
      v[i] = std::stod(parts[i], &used);
    } catch (const std::exception&) {
      used = 0;
    }
    ok = used != 0 && used == parts[i].size() && v[i] >= 0 && v[i] <= 1e9;
  }
  if (!ok || !(v[0] > 0) || !(v[1] > 0))
    throw std::runtime_error("--split: '" + text + "' is not train,validation,test fractions (e.g. 0.6,0.2,0.2)");
  config.split_train = v[0];
  config.split_validation = v[1];
  config.split_test = v[2];
}

// "models/sum-squares.ember" -> "sum-squares", cut to the 31 bytes a blob holds.
std::string model_name_for(const TrainOptions& o) {
  std::string name = o.name;
  if (name.empty() && !o.out.empty()) {
    name = o.out.substr(o.out.find_last_of('/') + 1);
    name = name.substr(0, name.find('.'));
  }
  if (name.empty()) name = o.data.rfind(synthetic_prefix, 0) == 0 ? o.data.substr(10) : "model";
  if (o.name.empty() && name.size() > 31) name.resize(31);
  return name;
}

trainer::Dataset load_data(const TrainOptions& o, trainer::Task task) {
  if (o.data.rfind(synthetic_prefix, 0) == 0) {
    const std::string kind = o.data.substr(std::string(synthetic_prefix).size());
    if (kind != "sum-squares") throw std::runtime_error("--data: unknown synthetic data set '" + kind + "' (known: sum-squares)");
    if (task != trainer::Task::regress) throw std::runtime_error("--data synthetic:sum-squares is a regression task");
    return trainer::make_sum_squares(o.samples, o.features, o.noise, o.config.seed);
  }
  if (o.target.empty()) throw std::runtime_error("--target is required with a CSV file: name the column to predict");
  return trainer::dataset_from_csv(o.data, o.target, task);
}

// Features then the target, in the data's own units.
void write_rows(const std::string& path, const trainer::Dataset& d, const std::vector<float>& x,
                const std::vector<float>& y, std::size_t rows) {
  std::vector<std::string> columns = d.feature_names;
  columns.push_back(d.target_name);
  const std::size_t targets = y.size() / (rows == 0 ? 1 : rows);
  if (targets != 1) throw std::runtime_error("writing CSV rows: only one target column is supported");
  std::vector<double> values;
  values.reserve(rows * columns.size());
  for (std::size_t r = 0; r < rows; ++r) {
    for (std::size_t i = 0; i < d.features; ++i) values.push_back(x[r * d.features + i]);
    values.push_back(y[r]);
  }
  trainer::write_csv(path, columns, values);
}

void write_history(const std::string& path, const trainer::TrainResult& r) {
  std::vector<double> values;
  std::vector<std::string> columns = {"epoch", "train_loss", "validation_loss", "elapsed_s"};
  // With --grow, the architecture per epoch: the widths of hidden layers 1..depth (0 where the network was
  // not that deep yet).
  std::size_t depth = 0;
  for (const auto& h : r.growth.hidden_per_epoch) depth = std::max(depth, h.size());
  for (std::size_t k = 0; k < depth; ++k) columns.push_back("hidden_" + std::to_string(k + 1));
  for (std::size_t i = 0; i < r.history.size(); ++i) {
    const auto& e = r.history[i];
    values.push_back(static_cast<double>(e.epoch));
    values.push_back(e.train_loss);
    values.push_back(e.validation_loss);
    values.push_back(e.elapsed_seconds);
    for (std::size_t k = 0; k < depth; ++k) {
      const auto& h = r.growth.hidden_per_epoch[i];
      values.push_back(k < h.size() ? static_cast<double>(h[k]) : 0.0);
    }
  }
  trainer::write_csv(path, columns, values);
}

void run_train(TrainOptions& o) {
  // Before any work: no output may replace the data, and --out X --header X would keep only the header.
  const std::string int8_path = !o.int8_out.empty() || o.out.empty() || o.quantize.empty() ? o.int8_out
                                                                                           : int8_path_for(o.out);
  refuse_overwriting_inputs({{"--out", o.out}, {"--header", o.header}, {"--history", o.history},
                             {"--save-data", o.save_data}, {"--test-out", o.test_out},
                             {"--train-out", o.train_out}, {"--validation-out", o.validation_out},
                             {"--int8-out", int8_path}},
                            {{"--data", o.data}});
  const trainer::Task task = o.task == "classify" ? trainer::Task::classify : trainer::Task::regress;
  trainer::TrainConfig& config = o.config;
  config.task = task;
  config.hidden = parse_hidden(o.hidden);
  config.hidden_activation = o.activation == "tanh"      ? Activation::tanh
                             : o.activation == "sigmoid" ? Activation::sigmoid
                                                         : Activation::relu;
  if (o.init != "recipe")
    config.init = o.init == "he" ? trainer::Init::he : o.init == "xavier" ? trainer::Init::xavier : trainer::Init::automatic;
  parse_split(o.split, config);
  apply_growth_options(*o.command, o.growth, config);
  config.model_name = model_name_for(o);
  if (config.model_name.size() > 31) throw std::runtime_error("--name: at most 31 bytes");

  if (!o.quantize.empty() && config.hidden_activation != Activation::relu)
    throw std::runtime_error("--quantize int8 needs --activation relu: tanh and sigmoid layers have no int8 form");
  const trainer::Dataset data = load_data(o, task);
  if (!o.save_data.empty()) write_rows(o.save_data, data, data.x, data.y, data.rows);

  TrainProgress progress(TrainProgress::style_for(stderr, o.quiet), stderr);
  config.on_epoch = [&progress](const trainer::EpochRecord& record, std::size_t max_epochs) {
    progress.update(record, max_epochs);
  };
  trainer::TrainResult result;
  try {
    result = trainer::train(data, config);
  } catch (const std::invalid_argument& e) {
    throw std::runtime_error(e.what());
  }
  progress.finish(config.growth ? growth_stop_reason(result)
                                : stop_reason(result.epochs_run, result.recipe.max_epochs, result.best_epoch,
                                              result.recipe.patience));

  const std::vector<std::uint8_t> blob = exporters::write_blob(result.model);
  std::optional<TrainedInt8> int8;
  if (!o.quantize.empty()) int8 = quantize_trained_model(result, blob, data, config);
  if (!o.out.empty()) exporters::write_file_atomic(o.out, blob.data(), blob.size());
  if (int8 && !int8_path.empty()) exporters::write_file_atomic(int8_path, int8->blob.data(), int8->blob.size());
  if (!o.header.empty())
    exporters::write_file_atomic(o.header, exporters::write_c_header(blob, exporters::symbol_from_path(o.header)));
  if (!o.history.empty()) write_history(o.history, result);
  if (!o.test_out.empty()) write_rows(o.test_out, data, result.test_x, result.test_y, result.test.rows);
  if (!o.train_out.empty()) {
    const trainer::SplitRows train = training_split(data, config);
    write_rows(o.train_out, data, train.x_original, train.y_original, train.rows);
  }
  if (!o.validation_out.empty()) {
    const trainer::SplitData split = trainer::split_and_standardize(data, config.split_train, config.split_validation,
                                                                    config.split_test, config.seed);
    write_rows(o.validation_out, data, split.validation.x_original, split.validation.y_original,
               split.validation.rows);
  }

  auto table = stdout_table(o.format);
  write_train_report(table, result, task, blob.size());
  write_growth_report(table, result);
  if (!o.out.empty()) table.note(("wrote " + exporters::printable(o.out)).c_str());
  else if (!o.header.empty()) table.note(("wrote " + exporters::printable(o.header) + " only: the blob was not saved (add --out FILE.ember)").c_str());
  else if (o.format.json) std::fputs("model not saved: add --out FILE.ember to keep it\n", stderr);  // JSON has no notes
  else table.note("model not saved: add --out FILE.ember to keep it");
  if (int8) {
    write_int8_layers(table, int8->model);
    write_int8_comparison(table, int8->comparison, "the test split");
    if (!int8_path.empty()) table.note(("wrote " + exporters::printable(int8_path)).c_str());
  }
}
}  // namespace

void add_train_command(CLI::App& app) {
  auto o = std::make_shared<TrainOptions>();
  CLI::App* cmd = app.add_subcommand(
      "train",
      "Train an MLP (L-BFGS or Adam by a recipe for the data size, early stopping, standardized inputs and\n"
      "outputs) and export it as a blob.\n"
      "  ember train --data synthetic:sum-squares --samples 10000 --seed 42 --out m.ember\n"
      "  ember train --data digits.csv --target digit --task classify --hidden 64 --out digits.ember");
  auto& c = o->config;
  cmd->add_option("--data", o->data, "a CSV file with a header row, or synthetic:sum-squares")->required();
  cmd->add_option("--target", o->target, "CSV column to predict (required with a CSV file)");
  cmd->add_option("--task", o->task, "regress (MSE) or classify (softmax + cross-entropy)")->capture_default_str()
      ->check(CLI::IsMember({"regress", "classify"}));
  cmd->add_option("--samples", o->samples, "synthetic rows")->capture_default_str()->check(CLI::Range(1, 100000000));
  cmd->add_option("--features", o->features, "synthetic features")->capture_default_str()->check(CLI::Range(1, 65535));
  cmd->add_option("--noise", o->noise, "standard deviation of the synthetic target's noise")->capture_default_str()
      ->check(CLI::Range(0.0, 1e6));
  cmd->add_option("--hidden", o->hidden, "hidden layer widths, comma-separated ('none' for a linear model)")->capture_default_str();
  cmd->add_option("--activation", o->activation, "hidden activation: relu, tanh or sigmoid")->capture_default_str()
      ->check(CLI::IsMember({"relu", "tanh", "sigmoid"}));
  cmd->add_option("--init", o->init,
                  "initial weights: xavier (Glorot uniform everywhere), he (He normal everywhere), auto (He for relu layers, "
                  "Xavier for the others) (default: chosen by the recipe for the data size)")
      ->check(CLI::IsMember({"auto", "he", "xavier"}));
  // Options the recipe chooses when they are not given (trainer::choose_recipe; the summary says which ran).
  auto recipe_option = [cmd](const char* name, auto& field, const std::string& help) {
    using T = typename std::decay_t<decltype(field)>::value_type;
    return cmd->add_option_function<T>(name, [&field](const T& value) { field = value; },
                                       help + " (default: chosen by the recipe for the data size)");
  };
  cmd->add_option_function<std::string>(
         "--optimizer",
         [&c](const std::string& v) {
           if (v != "auto") c.optimizer = v == "lbfgs" ? trainer::Optimizer::lbfgs : trainer::Optimizer::adam;
         },
         "adam (mini-batch), lbfgs (full-batch L-BFGS, strong-Wolfe line search) or auto (by the data size: "
         "lbfgs up to 20,000 training rows)")
      ->default_str("auto")
      ->check(CLI::IsMember({"auto", "adam", "lbfgs"}));
  recipe_option("--weight-decay", c.weight_decay,
                "L2 penalty on the weights: lbfgs adds L x sum w^2 to the loss, adam shrinks each weight by "
                "lr x L per step (decoupled)")
      ->check(CLI::Range(0.0, 1e5));
  recipe_option("--lbfgs-history", c.history, "L-BFGS curvature pairs kept (--history is the loss CSV)")->check(CLI::Range(1, 10000));
  recipe_option("--validate-every", c.validation_interval, "L-BFGS iterations between validation checks")
      ->check(CLI::Range(1, 1000000));
  recipe_option("--lbfgs-warm-start", c.warm_start_iterations,
                "L-BFGS's first N iterations run on half the training rows, at half the cost each, before it starts "
                "over on all of them (0: none)")
      ->check(CLI::Range(0, 10000000));
  recipe_option("--restarts", c.restarts,
                "independent attempts from different initial weights; the best by validation loss is kept")
      ->check(CLI::Range(1, 1000));
  recipe_option("--lr", c.learning_rate, "Adam learning rate")->check(positive_finite());
  cmd->add_option("--beta1", c.beta1, "Adam first-moment decay")->capture_default_str()->check(CLI::Range(0.0, 0.999999));
  cmd->add_option("--beta2", c.beta2, "Adam second-moment decay")->capture_default_str()->check(CLI::Range(0.0, 0.999999999));
  cmd->add_option("--eps", c.epsilon, "Adam epsilon")->capture_default_str()->check(positive_finite());
  recipe_option("--batch", c.batch, "Adam mini-batch rows")->check(CLI::Range(1, 1000000));
  recipe_option("--max-epochs", c.max_epochs, "upper bound on epochs (adam) or iterations (lbfgs)")
      ->check(CLI::Range(1, 10000000));
  recipe_option("--patience", c.patience,
                "stop after this many epochs (adam) or iterations (lbfgs) without a better validation loss")
      ->check(CLI::Range(1, 10000000));
  recipe_option("--lr-patience", c.lr_patience,
                "multiply the learning rate by --lr-decay after this many epochs without a better validation "
                "loss (0: never)")
      ->check(CLI::Range(0, 10000000));
  recipe_option("--lr-decay", c.lr_decay, "learning-rate factor on a plateau")->check(CLI::Range(1e-6, 1.0));
  recipe_option("--average", c.weight_average,
                "decay of an exponential moving average of the weights, updated every Adam step; validation, "
                "early stopping and the exported model use the average (0: off)")
      ->check(CLI::Range(0.0, 0.999999));
  cmd->add_option("--split", o->split, "train,validation,test fractions")->capture_default_str();
  cmd->add_option("--seed", c.seed, "seed of the data, split, initial weights and batch order")->capture_default_str();
  cmd->add_option("--name", o->name, "model name stored in the blob (default: --out's file name)");
  cmd->add_option("-o,--out", o->out, "write the model blob here (atomically)")->check(output_path());
  cmd->add_option("--header", o->header, "also write the blob as a C header")->check(output_path());
  cmd->add_option("--history", o->history, "write per-epoch losses as CSV")->check(output_path());
  cmd->add_option("--save-data", o->save_data, "write the whole data set (features and target) as CSV")->check(output_path());
  cmd->add_option("--test-out", o->test_out, "write the test split (features and target) as CSV")->check(output_path());
  cmd->add_option("--train-out", o->train_out,
                  "write the training split (features and target) as CSV, e.g. for ember quantize --calibrate")
      ->check(output_path());
  cmd->add_option("--validation-out", o->validation_out,
                  "write the validation split (features and target) as CSV, e.g. to train a peer on the same rows")
      ->check(output_path());
  cmd->add_option("--quantize", o->quantize,
                  "also write an int8 blob (<out>-int8.ember, docs/quantization.md) calibrated on the training split")
      ->check(CLI::IsMember({"int8"}));
  cmd->add_option("--int8-out", o->int8_out, "where --quantize int8 writes the int8 blob")
      ->needs("--quantize")
      ->check(output_path());
  cmd->add_flag("-q,--quiet", o->quiet, "no progress output");
  add_growth_options(*cmd, o->growth);
  o->command = cmd;
  add_output_flags(*cmd, o->format);
  cmd->callback([o] { run_train(*o); });
}

}  // namespace ember::cli
