// The profile tables. Host and firmware both print through this file, so a table's title, columns and
// rows depend only on the model, never on the platform; only the figures and the unit differ.
#include "ember/probe/profile.hpp"

namespace ember {
namespace probe {
namespace {

using report::Cell;
using report::Column;
using report::TableWriter;

double per(double value, double count) { return count > 0.0 ? value / count : 0.0; }

void write_target(const ProfileResult& r, TableWriter& w) {
  const char* unit = r.env->unit;
  const Column columns[] = {{"target", ""},
                            {"model", ""},
                            {"clock source", ""},
                            {"unit", ""},
                            {"repeats", ""},
                            {"clock read overhead", unit},
                            {"layer probe overhead", unit}};
  w.begin("Profile target", columns, 7);
  const Cell row[] = {Cell::text(r.env->target),
                      Cell::text(r.model_name),
                      Cell::text(r.env->clock_source),
                      Cell::text(unit),
                      Cell::integer(r.env->repeats),
                      Cell::decimal(r.clock_read_overhead, 2),
                      Cell::decimal(r.layer_probe_overhead, 2)};
  w.row(row, 7);
  w.end();
}

void write_batches(const ProfileResult& r, TableWriter& w) {
  const char* unit = r.env->unit;
  const Column columns[] = {
      {"batch", ""}, {"batch latency", unit}, {"per inference", unit}, {"MACs per inference", ""}, {"per MAC", unit}};
  w.begin("Latency per inference", columns, 5);
  for (size_t i = 0; i < r.batch_count; ++i) {
    const BatchFigure& b = r.batches[i];
    const double per_inference = per(b.latency, b.batch);
    const Cell row[] = {Cell::integer(b.batch), Cell::decimal(b.latency, 1), Cell::decimal(per_inference, 1),
                        Cell::integer(r.macs_per_inference), Cell::decimal(per(per_inference, r.macs_per_inference), 3)};
    w.row(row, 5);
  }
  w.end();
}

void write_layers(const ProfileResult& r, TableWriter& w) {
  const char* unit = r.env->unit;
  const Column columns[] = {{"layer", ""},  {"activation", ""}, {"in", ""},      {"out", ""},
                            {"MACs", ""},   {"latency", unit},   {"per MAC", unit}, {"share", "%"}};
  double all = 0.0;
  for (uint16_t k = 0; k < r.layer_count; ++k) all += r.layers[k].latency;
  w.begin("Latency per layer", columns, 8);
  for (uint16_t k = 0; k < r.layer_count; ++k) {
    const LayerFigure& l = r.layers[k];
    const uint32_t macs = static_cast<uint32_t>(l.in_width) * l.out_width;
    const Cell row[] = {Cell::integer(k),         Cell::text(activation_name(l.activation)),
                        Cell::integer(l.in_width), Cell::integer(l.out_width),
                        Cell::integer(macs),       Cell::decimal(l.latency, 1),
                        Cell::decimal(per(l.latency, macs), 3), Cell::decimal(100.0 * per(l.latency, all), 1)};
    w.row(row, 8);
  }
  const Cell total[] = {Cell::text("all"),
                        Cell::text(""),
                        Cell::integer(r.layer_count > 0 ? r.layers[0].in_width : 0),
                        Cell::integer(r.layer_count > 0 ? r.layers[r.layer_count - 1].out_width : 0),
                        Cell::integer(r.macs_per_inference),
                        Cell::decimal(all, 1),
                        Cell::decimal(per(all, r.macs_per_inference), 3),
                        Cell::decimal(all > 0.0 ? 100.0 : 0.0, 1)};
  w.row(total, 8);
  w.end();
}

void write_memory(const ProfileResult& r, TableWriter& w) {
  const Column columns[] = {{"item", ""}, {"bytes", ""}};
  w.begin("Memory", columns, 2);
  const Cell rows[][2] = {
      {Cell::text("arena requested"), Cell::integer(r.arena_requested)},
      {Cell::text("arena high-water"), Cell::integer(r.arena_high_water)},
      {Cell::text("stack high-water (one inference)"), Cell::integer(r.stack_high_water)},
      {Cell::text("arena + stack"), Cell::integer(static_cast<int64_t>(r.arena_requested) + r.stack_high_water)},
  };
  for (const auto& row : rows) w.row(row, 2);
  w.end();
}

void write_image(const ProfileResult& r, TableWriter& w) {
  const Column columns[] = {{"part", ""}, {"flash", "bytes"}, {"RAM", "bytes"}};
  const char* parts[] = {"runtime (inference)", "profiler", "model blob", "stack (reserved)", "everything else",
                         "total"};
  w.begin("Image footprint", columns, 3);
  for (size_t p = 0; p < 6; ++p) {
    if (!r.has_image) {
      const Cell row[] = {Cell::text(parts[p]), Cell::text("n/a"), Cell::text("n/a")};
      w.row(row, 3);
      continue;
    }
    const ember_image_footprint& f = r.image;
    // The blob is read in place: flash only, no RAM copy.
    const int64_t flash[] = {f.flash_runtime,
                             f.flash_profiler,
                             r.blob_bytes,
                             0,
                             static_cast<int64_t>(f.flash_total) - f.flash_runtime - f.flash_profiler - r.blob_bytes,
                             f.flash_total};
    const int64_t ram[] = {f.ram_runtime,
                           f.ram_profiler,
                           0,
                           f.stack_reserved,
                           static_cast<int64_t>(f.ram_static) - f.ram_runtime - f.ram_profiler,
                           static_cast<int64_t>(f.ram_static) + f.stack_reserved};
    const Cell row[] = {Cell::text(parts[p]), Cell::integer(flash[p]), Cell::integer(ram[p])};
    w.row(row, 3);
  }
  w.end();
}

}  // namespace

void write_tables(const ProfileResult& r, TableWriter& w) {
  w.note("## Ember profile");
  w.note("");
  write_target(r, w);
  write_batches(r, w);
  write_layers(r, w);
  write_memory(r, w);
  write_image(r, w);
}

}  // namespace probe
}  // namespace ember
