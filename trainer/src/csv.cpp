#include "ember/trainer/csv.hpp"

#include <cerrno>
#include <cmath>
#include <cstring>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "ember/export/file_io.hpp"

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
}  // namespace

std::size_t CsvTable::column_index(const std::string& name) const {
  for (std::size_t i = 0; i < columns.size(); ++i)
    if (columns[i] == name) return i;
  throw CsvError(source + ": no column named " + quote(name));
}

CsvTable parse_csv(const std::string& text, const std::string& source) {
  CsvTable table;
  table.source = source;
  std::istringstream in(text);
  std::string line;
  std::size_t line_number = 0;
  bool have_header = false;
  while (std::getline(in, line)) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    const auto cells = split_line(line);
    const std::string where = source + ":" + std::to_string(line_number) + ": ";
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
    for (std::size_t c = 0; c < cells.size(); ++c) {
      const std::string& cell = cells[c];
      if (cell.empty()) throw CsvError(where + "column " + quote(table.columns[c]) + " is empty");
      char* end = nullptr;
      errno = 0;
      const double v = std::strtod(cell.c_str(), &end);
      if (end == cell.c_str() || *end != 0)
        throw CsvError(where + "column " + quote(table.columns[c]) + " holds " + quote(cell) + ", not a number");
      if (!std::isfinite(v) || errno == ERANGE)
        throw CsvError(where + "column " + quote(table.columns[c]) + " holds a non-finite value " + quote(cell));
      table.values.push_back(v);
    }
    ++table.rows;
  }
  if (!have_header) throw CsvError(source + ": file is empty (expected a header row)");
  if (table.rows == 0) throw CsvError(source + ": has a header but no data rows");
  return table;
}

CsvTable read_csv(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) throw CsvError("cannot read " + path + ": " + std::strerror(errno));
  std::ostringstream text;
  text << f.rdbuf();
  return parse_csv(text.str(), path);
}

void write_csv(const std::string& path, const std::vector<std::string>& columns, const std::vector<double>& values) {
  std::string out;
  for (std::size_t c = 0; c < columns.size(); ++c) out += (c ? "," : "") + columns[c];
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
