#include "ember/trainer/csv.hpp"

#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <cstdio>
#include <cstdint>
#include <cstdlib>
#include <limits>

#include "ember/export/file_io.hpp"
#include "ember/export/input_caps.hpp"
#include "ember/export/text_escape.hpp"

namespace ember::trainer {
namespace {
std::vector<std::string> split_line(const std::string& line) {
  std::vector<std::string> cells;
  std::string cell;
  bool quoted = false;
  for (char c : line) {
    if (c == '"') {
      quoted = !quoted;
    } else if (c == ',' && !quoted) {
      cells.push_back(cell);
      cell.clear();
    } else {
      cell += c;
    }
  }
  cells.push_back(cell);
  for (auto& s : cells) {
    const auto first = s.find_first_not_of(" \t");
    const auto last = s.find_last_not_of(" \t");
    s = first == std::string::npos ? std::string() : s.substr(first, last - first + 1);
  }
  return cells;
}

std::string quote(const std::string& s) { return "'" + (s.size() > 40 ? s.substr(0, 40) + "..." : s) + "'"; }

// A plain decimal number: [+-] digits [. digits] [e [+-] digits], at least one digit before the exponent.
// strtod alone would also take hex floats ("0x1p3"), "inf", "nan" and "infinity", none of which a data
// file should smuggle in.
bool is_decimal_number(const std::string& s) {
  std::size_t i = 0, digits = 0;
  const auto is_digit = [&](std::size_t k) { return k < s.size() && s[k] >= '0' && s[k] <= '9'; };
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  while (is_digit(i)) ++i, ++digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (is_digit(i)) ++i, ++digits;
  }
  if (digits == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (!is_digit(i)) return false;
    while (is_digit(i)) ++i;
  }
  return i == s.size();
}

// Every value ends up as a float32 (features, targets, the model's inputs), so a number beyond float range
// is refused here, naming its cell, instead of failing later as "layer 0 weights" or a garbage prediction.
// Subnormals and numbers too small for a float are accepted (they read as tiny values or 0).
double parse_number(const std::string& cell, const std::string& where) {
  if (cell.empty()) throw CsvError(where + " is empty");
  if (!is_decimal_number(cell)) {
    std::string word = cell.substr(cell[0] == '+' || cell[0] == '-' ? 1 : 0, 3);
    for (char& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (word == "inf" || word == "nan") throw CsvError(where + " holds a non-finite value " + quote(cell));
    throw CsvError(where + " holds " + quote(cell) + ", not a number (plain decimal only: no hex floats)");
  }
  errno = 0;
  const double v = std::strtod(cell.c_str(), nullptr);
  if (!std::isfinite(v) || std::fabs(v) > static_cast<double>(std::numeric_limits<float>::max()))
    throw CsvError(where + " holds " + quote(cell) + ", beyond the float32 range (+-3.4e38)");
  return v;
}
}  // namespace

std::size_t CsvTable::column_index(const std::string& name) const {
  for (std::size_t i = 0; i < columns.size(); ++i)
    if (columns[i] == name) return i;
  throw CsvError(source + ": no column named " + quote(name));
}

CsvTable parse_csv(const std::string& text, const std::string& source) {
  CsvTable table;
  table.source = source;
  std::size_t line_number = 0;
  bool have_header = false;
  // A UTF-8 byte order mark (spreadsheet exports) is not part of the first column's name.
  std::size_t pos = text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
  while (pos < text.size()) {
    // Rows end at "\n", "\r\n" or a lone "\r" (old Mac exports).
    std::size_t stop = text.find_first_of("\r\n", pos);
    if (stop == std::string::npos) stop = text.size();
    const std::string line = text.substr(pos, stop - pos);
    pos = stop;
    if (pos < text.size() && text[pos] == '\r') {
      ++pos;
      if (pos < text.size() && text[pos] == '\n') ++pos;
    } else if (pos < text.size()) {
      ++pos;  // '\n'
    }
    ++line_number;
    const std::string where = source + ":" + std::to_string(line_number) + ": ";
    if (line.find('\0') != std::string::npos) throw CsvError(where + "holds a NUL byte; a CSV file is text");
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    const auto cells = split_line(line);
    if (!have_header) {
      for (const auto& name : cells)
        if (name.empty()) throw CsvError(where + "header has an empty column name");
      table.columns = cells;
      have_header = true;
      continue;
    }
    if (cells.size() != table.columns.size())
      throw CsvError(where + "row has " + std::to_string(cells.size()) + " cells, the header has " +
                     std::to_string(table.columns.size()));
    exporters::caps::check_cap(static_cast<std::uint64_t>(table.values.size()) + cells.size(),
                               exporters::caps::kMaxCsvCells, source + ": the number of cells", "cells",
                               "caps::kMaxCsvCells");
    for (std::size_t c = 0; c < cells.size(); ++c)
      table.values.push_back(parse_number(cells[c], where + "column " + quote(table.columns[c])));
    ++table.rows;
  }
  if (!have_header) throw CsvError(source + ": file is empty (expected a header row)");
  if (table.rows == 0) throw CsvError(source + ": has a header but no data rows");
  return table;
}

CsvTable read_csv(const std::string& path) {
  std::string text;
  try {
    text = exporters::read_text_file(path);  // the one capped reader: directories, FIFOs, /dev/zero refused
  } catch (const std::runtime_error& e) {
    throw CsvError(e.what());
  }
  return parse_csv(text, path);
}

void write_csv(const std::string& path, const std::vector<std::string>& columns, const std::vector<double>& values) {
  std::string out;
  // Column names come from the input's header: csv_field() quotes a comma or quote, escapes control bytes.
  for (std::size_t c = 0; c < columns.size(); ++c) out += (c ? "," : "") + exporters::csv_field(columns[c]);
  out += "\n";
  char number[40];
  for (std::size_t i = 0; i < values.size(); ++i) {
    std::snprintf(number, sizeof number, "%.9g", values[i]);
    out += number;
    out += (i + 1) % columns.size() == 0 ? "\n" : ",";
  }
  exporters::write_file_atomic(path, out);
}

}  // namespace ember::trainer
