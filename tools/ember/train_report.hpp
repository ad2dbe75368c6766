// The summary `ember train` prints when it is done: scores per split, the run's cost, and for classifiers
// the test confusion matrix. Rendered by the runtime's TableWriter (Markdown, CSV or JSON lines).
#ifndef EMBER_TOOLS_TRAIN_REPORT_HPP
#define EMBER_TOOLS_TRAIN_REPORT_HPP

#include <cstddef>

#include "ember/report/table_writer.hpp"
#include "ember/trainer/trainer.hpp"

namespace ember::cli {

void write_train_report(report::TableWriter& table, const trainer::TrainResult& result, trainer::Task task,
                        std::size_t blob_bytes);

}  // namespace ember::cli

#endif  // EMBER_TOOLS_TRAIN_REPORT_HPP
