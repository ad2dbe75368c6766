#include "ember/bench/report_table.hpp"

#include <stdexcept>

#include "ember/export/file_io.hpp"

namespace ember::bench {
namespace {
void append_sink(void* context, const char* text, std::size_t bytes) {
  static_cast<std::string*>(context)->append(text, bytes);
}
}  // namespace

ReportCell ReportCell::of_text(std::string value) {
  ReportCell c;
  c.kind = report::Cell::Kind::text;
  c.text = std::move(value);
  return c;
}

ReportCell ReportCell::of_integer(std::int64_t value) {
  ReportCell c;
  c.kind = report::Cell::Kind::integer;
  c.integer = value;
  return c;
}

ReportCell ReportCell::of_decimal(double value, std::uint8_t decimals) {
  ReportCell c;
  c.kind = report::Cell::Kind::decimal;
  c.decimal = value;
  c.decimals = decimals;
  return c;
}

void ReportTable::add_row(std::vector<ReportCell> cells) {
  if (cells.size() != columns.size())
    throw std::logic_error("table '" + title + "': row has " + std::to_string(cells.size()) + " cells for " +
                           std::to_string(columns.size()) + " columns");
  rows.push_back(std::move(cells));
}

std::string render(const ReportTable& table, report::TableFormat format) {
  std::string out;
  report::TableWriter writer(format, append_sink, &out);
  std::vector<report::Column> columns;
  for (const auto& [name, unit] : table.columns) columns.push_back({name.c_str(), unit.c_str()});
  writer.begin(table.title.c_str(), columns.data(), columns.size());
  std::vector<report::Cell> cells;
  for (const auto& row : table.rows) {
    cells.clear();
    for (const ReportCell& c : row) {
      switch (c.kind) {
        case report::Cell::Kind::text: cells.push_back(report::Cell::text(c.text.c_str())); break;
        case report::Cell::Kind::integer: cells.push_back(report::Cell::integer(c.integer)); break;
        case report::Cell::Kind::decimal: cells.push_back(report::Cell::decimal(c.decimal, c.decimals)); break;
      }
    }
    writer.row(cells.data(), cells.size());
  }
  writer.end();
  for (const std::string& note : table.notes) writer.note(note.c_str());
  return out;
}

void save(const ReportTable& table, const std::string& dir) {
  exporters::write_file_atomic(dir + "/" + table.slug + ".csv", render(table, report::TableFormat::csv));
  exporters::write_file_atomic(dir + "/" + table.slug + ".json", render(table, report::TableFormat::json));
}

}  // namespace ember::bench
