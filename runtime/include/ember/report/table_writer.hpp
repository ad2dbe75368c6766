// One renderer for every profile table, on the host and on the device, so their tables match by
// construction. Streams Markdown, CSV or JSON Lines into a caller-supplied sink: no heap, no printf, no
// buffering beyond a 32-byte number buffer on the stack.
//
//   TableWriter t(TableFormat::markdown, sink, context);
//   const Column cols[] = {{"batch", ""}, {"latency", "us"}};
//   t.begin("Inference vs batch size", cols, 2);
//   Cell row[] = {Cell::integer(1), Cell::decimal(0.42, 3)};
//   t.row(row, 2);
//   t.end();
#ifndef EMBER_REPORT_TABLE_WRITER_HPP
#define EMBER_REPORT_TABLE_WRITER_HPP

#include <stddef.h>
#include <stdint.h>

namespace ember {
namespace report {

enum class TableFormat : uint8_t { markdown = 0, csv = 1, json = 2 };

// Receives rendered text; `bytes` is never 0. The text is not NUL-terminated.
using Sink = void (*)(void* context, const char* text, size_t bytes);

struct Column {
  const char* name;  // e.g. "latency"
  const char* unit;  // e.g. "us"; "" for none. Rendered as "latency (us)" in Markdown and CSV headers.
};

struct Cell {
  enum class Kind : uint8_t { text, integer, decimal };
  Kind kind;
  uint8_t decimals;
  const char* text_value;
  int64_t integer_value;
  double decimal_value;

  static Cell text(const char* value) { return Cell{Kind::text, 0, value, 0, 0.0}; }
  static Cell integer(int64_t value) { return Cell{Kind::integer, 0, nullptr, value, 0.0}; }
  // Fixed-point with `decimals` digits after the point (at most 9), rounded half away from zero.
  static Cell decimal(double value, uint8_t decimals) { return Cell{Kind::decimal, decimals, nullptr, 0, value}; }
};

// Formats into `out` (at least 32 bytes) and returns the length. Non-finite values print as "nan", "inf".
size_t format_integer(int64_t value, char* out);
size_t format_decimal(double value, uint8_t decimals, char* out);

class TableWriter {
 public:
  TableWriter(TableFormat format, Sink sink, void* context) : format_(format), sink_(sink), context_(context) {}

  // `columns` must stay valid until end().
  void begin(const char* title, const Column* columns, size_t column_count);
  // Exactly column_count cells.
  void row(const Cell* cells, size_t cell_count);
  void end();

  // A free-form line outside any table (Markdown and CSV: as is plus a newline; JSON: skipped).
  void note(const char* text);

 private:
  void put(const char* text, size_t bytes);
  void put(const char* text);
  void put_cell(const Cell& cell);
  void put_json_string(const char* text);
  void put_csv_field(const char* text);
  void put_plain_field(const char* text);

  TableFormat format_;
  Sink sink_;
  void* context_;
  const Column* columns_ = nullptr;
  size_t column_count_ = 0;
  size_t rows_ = 0;
};

}  // namespace report
}  // namespace ember

#endif  // EMBER_REPORT_TABLE_WRITER_HPP
