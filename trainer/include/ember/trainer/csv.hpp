// Numeric CSV files with a header row, as `ember train`, `ember run` and `ember analyze` read them.
#ifndef EMBER_TRAINER_CSV_HPP
#define EMBER_TRAINER_CSV_HPP

#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

namespace ember::trainer {

struct CsvTable {
  std::vector<std::string> columns;
  std::size_t rows = 0;
  std::vector<double> values;  // rows x columns.size(), row-major

  double at(std::size_t row, std::size_t column) const { return values[row * columns.size() + column]; }
  // Index of a column by name; throws CsvError naming the missing column and the file.
  std::size_t column_index(const std::string& name) const;
  std::string source;  // the path, for messages
};

// One-line messages of the form "<path>:<line>: <what>" (line is 1-based, the header is line 1).
class CsvError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Parses a whole file: comma-separated, optional surrounding quotes on header names, rows ending in '\n',
// "\r\n" or a lone '\r', a leading UTF-8 byte order mark skipped, NUL bytes refused,
// blank lines skipped. Every data cell must be a plain decimal number (no hex, inf or nan) within float32
// range; rows must have as many cells as the header; at most caps::kMaxCsvCells cells. read_csv reads
// through exporters::read_file (regular files only, at most caps::kMaxFileBytes).
CsvTable read_csv(const std::string& path);
CsvTable parse_csv(const std::string& text, const std::string& source);

// Writes a header and rows; atomic (temporary file + rename). `values` is rows x columns.size().
void write_csv(const std::string& path, const std::vector<std::string>& columns, const std::vector<double>& values);

}  // namespace ember::trainer

#endif  // EMBER_TRAINER_CSV_HPP
