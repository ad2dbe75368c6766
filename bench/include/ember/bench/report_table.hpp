// A benchmark table held in memory (cells own their text), rendered through ember::report::TableWriter so
// that stdout (Markdown, CSV or JSON) and the files under --out come from the same renderer the firmware
// uses.
#ifndef EMBER_BENCH_REPORT_TABLE_HPP
#define EMBER_BENCH_REPORT_TABLE_HPP

#include <cstdint>
#include <string>
#include <vector>

#include "ember/report/table_writer.hpp"

namespace ember::bench {

struct ReportCell {
  report::Cell::Kind kind = report::Cell::Kind::text;
  std::string text;
  std::int64_t integer = 0;
  double decimal = 0;
  std::uint8_t decimals = 0;

  static ReportCell of_text(std::string value);
  static ReportCell of_integer(std::int64_t value);
  static ReportCell of_decimal(double value, std::uint8_t decimals);
};

struct ReportTable {
  std::string slug;   // file name stem under --out, e.g. "training_time"
  std::string title;  // e.g. "Training time vs dataset size"
  std::vector<std::pair<std::string, std::string>> columns;  // name, unit
  std::vector<std::vector<ReportCell>> rows;
  std::vector<std::string> notes;  // printed under the table (Markdown and CSV only)

  ReportTable(std::string slug_, std::string title_, std::vector<std::pair<std::string, std::string>> columns_)
      : slug(std::move(slug_)), title(std::move(title_)), columns(std::move(columns_)) {}
  // Throws std::logic_error if the row does not have one cell per column.
  void add_row(std::vector<ReportCell> cells);
};

// Renders the table (and its notes) in `format`.
std::string render(const ReportTable& table, report::TableFormat format);

// Writes <dir>/<slug>.csv and <dir>/<slug>.json atomically.
void save(const ReportTable& table, const std::string& dir);

}  // namespace ember::bench

#endif  // EMBER_BENCH_REPORT_TABLE_HPP
