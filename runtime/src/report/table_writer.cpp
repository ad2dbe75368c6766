#include "ember/report/table_writer.hpp"

namespace ember {
namespace report {
namespace {
size_t length(const char* s) {
  size_t n = 0;
  while (s[n] != 0) ++n;
  return n;
}

size_t format_unsigned(uint64_t value, char* out) {
  char digits[24];
  size_t n = 0;
  do {
    digits[n++] = static_cast<char>('0' + value % 10u);
    value /= 10u;
  } while (value != 0);
  for (size_t i = 0; i < n; ++i) out[i] = digits[n - 1 - i];
  out[n] = 0;
  return n;
}

bool needs_csv_quotes(const char* s) {
  for (; *s != 0; ++s)
    if (*s == ',' || *s == '"' || *s == '\n' || *s == '\r') return true;
  return false;
}
}  // namespace

size_t format_integer(int64_t value, char* out) {
  if (value >= 0) return format_unsigned(static_cast<uint64_t>(value), out);
  out[0] = '-';
  return 1 + format_unsigned(static_cast<uint64_t>(-(value + 1)) + 1u, out + 1);
}

size_t format_decimal(double value, uint8_t decimals, char* out) {
  if (value != value) {
    out[0] = 'n', out[1] = 'a', out[2] = 'n', out[3] = 0;
    return 3;
  }
  if (decimals > 9) decimals = 9;
  size_t n = 0;
  if (value < 0) {
    value = -value;
    out[n++] = '-';
  }
  if (value > 1.0e18) {  // beyond uint64 fixed point: also catches +inf
    out[n++] = 'i', out[n++] = 'n', out[n++] = 'f';
    out[n] = 0;
    return n;
  }
  uint64_t scale = 1;
  for (uint8_t i = 0; i < decimals; ++i) scale *= 10u;
  const double scaled = value * static_cast<double>(scale) + 0.5;
  if (scaled > 1.8e19) {
    out[n++] = 'i', out[n++] = 'n', out[n++] = 'f';
    out[n] = 0;
    return n;
  }
  const uint64_t fixed = static_cast<uint64_t>(scaled);
  if (n == 1 && fixed == 0) n = 0;  // "-0.000" reads as noise: print "0.000"
  n += format_unsigned(fixed / scale, out + n);
  if (decimals > 0) {
    out[n++] = '.';
    uint64_t fraction = fixed % scale;
    for (uint8_t i = decimals; i > 0; --i) {
      uint64_t div = 1;
      for (uint8_t j = 1; j < i; ++j) div *= 10u;
      out[n++] = static_cast<char>('0' + (fraction / div) % 10u);
    }
    out[n] = 0;
  }
  return n;
}

void TableWriter::put(const char* text, size_t bytes) {
  if (bytes != 0) sink_(context_, text, bytes);
}

void TableWriter::put(const char* text) { put(text, length(text)); }

void TableWriter::put_json_string(const char* text) {
  put("\"");
  const char* start = text;
  for (; *text != 0; ++text) {
    if (*text == '"' || *text == '\\' || static_cast<unsigned char>(*text) < 0x20) {
      put(start, static_cast<size_t>(text - start));
      const char escaped[3] = {'\\', *text == '\n' ? 'n' : (*text == '\t' ? 't' : *text), 0};
      put(static_cast<unsigned char>(*text) < 0x20 && *text != '\n' && *text != '\t' ? " " : escaped);
      start = text + 1;
    }
  }
  put(start, static_cast<size_t>(text - start));
  put("\"");
}

void TableWriter::put_csv_field(const char* text) {
  if (!needs_csv_quotes(text)) return put(text);
  put("\"");
  for (; *text != 0; ++text) put(*text == '"' ? "\"\"" : text, *text == '"' ? 2 : 1);
  put("\"");
}

// Markdown and terminal text: a '|' would end the cell and a control character (ESC, CR, ...) could
// rewrite the terminal, so a pipe is escaped and control characters print as spaces.
void TableWriter::put_plain_field(const char* text) {
  const char* start = text;
  for (; *text != 0; ++text) {
    const bool control = static_cast<unsigned char>(*text) < 0x20 || *text == 0x7f;
    if (!control && *text != '|') continue;
    put(start, static_cast<size_t>(text - start));
    put(control ? " " : "\\|");
    start = text + 1;
  }
  put(start, static_cast<size_t>(text - start));
}

void TableWriter::put_cell(const Cell& cell) {
  char number[32];
  switch (cell.kind) {
    case Cell::Kind::text:
      if (format_ == TableFormat::json) return put_json_string(cell.text_value);
      if (format_ == TableFormat::csv) return put_csv_field(cell.text_value);
      return put_plain_field(cell.text_value);
    case Cell::Kind::integer:
      return put(number, format_integer(cell.integer_value, number));
    case Cell::Kind::decimal: {
      const size_t n = format_decimal(cell.decimal_value, cell.decimals, number);
      // JSON has no nan/inf literals.
      if (format_ == TableFormat::json && (number[n - 1] == 'n' || number[n - 1] == 'f')) return put("null");
      return put(number, n);
    }
  }
}

void TableWriter::begin(const char* title, const Column* columns, size_t column_count) {
  columns_ = columns;
  column_count_ = column_count;
  rows_ = 0;
  if (format_ == TableFormat::json) {
    put("{\"table\":");
    put_json_string(title);
    put(",\"columns\":[");
    for (size_t c = 0; c < column_count; ++c) {
      if (c != 0) put(",");
      put("{\"name\":");
      put_json_string(columns[c].name);
      put(",\"unit\":");
      put_json_string(columns[c].unit);
      put("}");
    }
    put("],\"rows\":[");
    return;
  }
  if (format_ == TableFormat::markdown) {
    put("### ");
    put(title);
    put("\n\n|");
  } else {
    put("# ");
    put(title);
    put("\n");
  }
  for (size_t c = 0; c < column_count; ++c) {
    if (format_ == TableFormat::csv && c != 0) put(",");
    if (format_ == TableFormat::markdown) put(" ");
    put(columns[c].name);
    if (columns[c].unit[0] != 0) {
      put(" (");
      put(columns[c].unit);
      put(")");
    }
    if (format_ == TableFormat::markdown) put(" |");
  }
  put("\n");
  if (format_ == TableFormat::markdown) {
    put("|");
    for (size_t c = 0; c < column_count; ++c) put(" --- |");
    put("\n");
  }
}

void TableWriter::row(const Cell* cells, size_t cell_count) {
  if (format_ == TableFormat::json) {
    put(rows_ == 0 ? "[" : ",[");
    for (size_t c = 0; c < cell_count; ++c) {
      if (c != 0) put(",");
      put_cell(cells[c]);
    }
    put("]");
  } else {
    if (format_ == TableFormat::markdown) put("|");
    for (size_t c = 0; c < cell_count; ++c) {
      if (format_ == TableFormat::csv && c != 0) put(",");
      if (format_ == TableFormat::markdown) put(" ");
      put_cell(cells[c]);
      if (format_ == TableFormat::markdown) put(" |");
    }
    put("\n");
  }
  ++rows_;
}

void TableWriter::end() {
  if (format_ == TableFormat::json)
    put("]}\n");
  else
    put("\n");
  columns_ = nullptr;
  column_count_ = 0;
}

void TableWriter::note(const char* text) {
  if (format_ == TableFormat::json) return;
  put(text);
  put("\n");
}

}  // namespace report
}  // namespace ember
