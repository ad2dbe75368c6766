#include "ember/bench/device_bench.hpp"

#include <nlohmann/json.hpp>

#include <sstream>
#include <stdexcept>

#include "ember/profile/target_profile.hpp"

namespace ember::bench {
namespace {
using nlohmann::json;
using C = ReportCell;

// The firmware's tables, by title, from its JSON lines.
json tables_by_title(const std::string& json_lines) {
  json tables = json::object();
  std::istringstream lines(json_lines);
  for (std::string line; std::getline(lines, line);) {
    if (line.empty() || line.front() != '{') continue;
    json t = json::parse(line, nullptr, false);
    if (!t.is_discarded() && t.contains("table")) tables[t["table"].get<std::string>()] = t;
  }
  return tables;
}

const json& rows_of(const json& tables, const char* title) {
  if (!tables.contains(title)) throw std::runtime_error(std::string("bench: the device profile has no '") + title + "' table");
  return tables[title]["rows"];
}

// The number in the row whose first cell is `name`.
double row_value(const json& rows, const char* name, std::size_t column) {
  for (const json& r : rows)
    if (r.at(0).is_string() && r.at(0).get<std::string>() == name) return r.at(column).get<double>();
  throw std::runtime_error(std::string("bench: the device profile has no '") + name + "' row");
}
}  // namespace

std::vector<DeviceRow> measure_devices(const std::string& model_path, const std::vector<std::string>& targets) {
  std::vector<DeviceRow> rows;
  for (const std::string& target : targets) {
    const json tables = tables_by_title(target::profile_on_target(target, model_path, report::TableFormat::json));
    const json& latency = rows_of(tables, "Latency per inference");
    DeviceRow row;
    row.target = target;
    row.instructions_single = latency.front().at(2).get<double>();
    row.instructions_batched = latency.back().at(2).get<double>();
    const json& image = rows_of(tables, "Image footprint");
    row.flash_bytes = static_cast<std::uint64_t>(row_value(image, "total", 1));
    row.ram_bytes = static_cast<std::uint64_t>(row_value(image, "total", 2) - row_value(image, "stack (reserved)", 2));
    row.arena_and_stack = static_cast<std::uint64_t>(row_value(rows_of(tables, "Memory"), "arena + stack", 1));
    rows.push_back(row);
  }
  return rows;
}

ReportTable device_table(const std::vector<DeviceRow>& rows) {
  ReportTable t("device", "On the device (profile firmware under QEMU)",
                {{"target", ""},
                 {"one inference", "instructions"},
                 {"per inference in a batch of 16", "instructions"},
                 {"flash", "bytes"},
                 {"static RAM", "bytes"},
                 {"arena + stack", "bytes"}});
  for (const DeviceRow& r : rows)
    t.add_row({C::of_text(r.target), C::of_decimal(r.instructions_single, 1), C::of_decimal(r.instructions_batched, 1),
               C::of_integer(static_cast<std::int64_t>(r.flash_bytes)), C::of_integer(static_cast<std::int64_t>(r.ram_bytes)),
               C::of_integer(static_cast<std::int64_t>(r.arena_and_stack))});
  t.notes.push_back("From `ember profile --target` (the preset's profile firmware, which reads the blob at run time): "
                    "QEMU -icount instruction counts, deterministic, not cycles. Flash is the image a firmware that "
                    "compiles the model in would have (model blob included); static RAM is .data + .bss with the "
                    "model's arena, without the reserved stack; arena + stack is what one inference touches.");
  return t;
}

}  // namespace ember::bench
