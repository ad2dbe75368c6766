#include <string.h>

#include "ember/report/table_writer.hpp"
#include "unit_test.hpp"

namespace {
struct Buffer {
  char text[512];
  size_t length;
};

void append(void* context, const char* text, size_t bytes) {
  Buffer* b = static_cast<Buffer*>(context);
  for (size_t i = 0; i < bytes && b->length + 1 < sizeof b->text; ++i) b->text[b->length++] = text[i];
  b->text[b->length] = 0;
}

void render(ember::report::TableFormat format, Buffer* out) {
  out->length = 0;
  out->text[0] = 0;
  using ember::report::Cell;
  ember::report::TableWriter t(format, append, out);
  const ember::report::Column cols[] = {{"batch", ""}, {"latency", "us"}, {"target", ""}};
  t.begin("Inference", cols, 3);
  const Cell row[] = {Cell::integer(16), Cell::decimal(0.1235, 3), Cell::text("m4f, \"qemu\"")};
  t.row(row, 3);
  t.end();
}
// A one-column table "Model" whose only cell is `name`.
void render_name_cell(ember::report::TableFormat format, const char* name, Buffer* out) {
  out->length = 0;
  out->text[0] = 0;
  ember::report::TableWriter t(format, append, out);
  const ember::report::Column cols[] = {{"name", ""}};
  t.begin("Model", cols, 1);
  const ember::report::Cell row[] = {ember::report::Cell::text(name)};
  t.row(row, 1);
  t.end();
}
}  // namespace

TEST_CASE(markdown_table_has_title_header_rule_and_row) {
  Buffer b;
  render(ember::report::TableFormat::markdown, &b);
  CHECK(strcmp(b.text,
               "### Inference\n\n| batch | latency (us) | target |\n| --- | --- | --- |\n"
               "| 16 | 0.124 | m4f, \"qemu\" |\n\n") == 0);
}

TEST_CASE(csv_table_quotes_fields_with_commas_and_quotes) {
  Buffer b;
  render(ember::report::TableFormat::csv, &b);
  CHECK(strcmp(b.text, "# Inference\nbatch,latency (us),target\n16,0.124,\"m4f, \"\"qemu\"\"\"\n\n") == 0);
}

TEST_CASE(markdown_cell_escapes_pipes_and_blanks_control_characters) {
  Buffer b;
  render_name_cell(ember::report::TableFormat::markdown, "a|b\x1b[2Jc\r", &b);
  CHECK(strcmp(b.text, "### Model\n\n| name |\n| --- |\n| a\\|b [2Jc  |\n\n") == 0);
}

TEST_CASE(csv_field_with_carriage_return_is_quoted) {
  Buffer b;
  render_name_cell(ember::report::TableFormat::csv, "a\rb", &b);
  CHECK(strcmp(b.text, "# Model\nname\n\"a\rb\"\n\n") == 0);
}

TEST_CASE(json_table_is_one_line_with_columns_and_rows) {
  Buffer b;
  render(ember::report::TableFormat::json, &b);
  CHECK(strcmp(b.text,
               "{\"table\":\"Inference\",\"columns\":[{\"name\":\"batch\",\"unit\":\"\"},{\"name\":\"latency\","
               "\"unit\":\"us\"},{\"name\":\"target\",\"unit\":\"\"}],\"rows\":[[16,0.124,\"m4f, \\\"qemu\\\"\"]]}\n") == 0);
}

TEST_CASE(decimal_formatting_rounds_and_handles_signs_and_specials) {
  char s[32];
  ember::report::format_decimal(-2.5, 0, s);
  CHECK(strcmp(s, "-3") == 0);
  ember::report::format_decimal(-0.0001, 2, s);
  CHECK(strcmp(s, "0.00") == 0);
  ember::report::format_decimal(12345.678901, 4, s);
  CHECK(strcmp(s, "12345.6789") == 0);
  ember::report::format_decimal(0.05, 1, s);
  CHECK(strcmp(s, "0.1") == 0);
  ember::report::format_decimal(1.0 / 0.0, 2, s);
  CHECK(strcmp(s, "inf") == 0);
  ember::report::format_integer(-9223372036854775807LL - 1, s);
  CHECK(strcmp(s, "-9223372036854775808") == 0);
}
