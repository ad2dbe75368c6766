#include "train_progress.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdlib>
#include <string>
#include <vector>

namespace ember::cli {
namespace {
// A plain line every this many epochs: enough to follow a run in a log without one line per epoch.
constexpr std::size_t line_every_epochs = 10;
// Redraw the bar at most this often (seconds): a fast run would otherwise spend its time on the terminal.
constexpr double bar_redraw_seconds = 0.1;
constexpr std::size_t widest_bar = 24;
constexpr std::size_t narrowest_bar = 8;
constexpr std::size_t default_columns = 80;

std::string format(const char* pattern, double a, double b = 0) {
  char text[96];
  std::snprintf(text, sizeof text, pattern, a, b);
  return text;
}
}  // namespace

std::size_t terminal_columns(std::FILE* stream) {
  winsize size{};
  if (::ioctl(fileno(stream), TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
  if (const char* columns = std::getenv("COLUMNS")) {
    char* end = nullptr;
    const unsigned long n = std::strtoul(columns, &end, 10);
    if (end != columns && *end == 0 && n > 0 && n < 10000) return n;
  }
  return default_columns;
}

std::string progress_line(const trainer::EpochRecord& record, std::size_t max_epochs, std::size_t columns,
                          bool finished) {
  // One column short of the width: a line that fills the last column wraps on some terminals, and the
  // next "\r" would then redraw only the wrapped half.
  const std::size_t room = columns > 1 ? columns - 1 : 1;
  const std::string epochs = format("epoch %.0f/%.0f", static_cast<double>(record.epoch), static_cast<double>(max_epochs));
  // ETA assumes every remaining epoch runs; early stopping usually ends sooner, hence "<=".
  const double eta = record.elapsed_seconds / static_cast<double>(record.epoch) *
                     static_cast<double>(max_epochs - record.epoch);
  // Optional parts, most useful first; the line keeps as many as fit.
  std::vector<std::string> parts = {format("  train %.5f  val %.5f", record.train_loss, record.validation_loss),
                                    format("  %.1f s", record.elapsed_seconds)};
  // With --grow: the current widths and the last architecture change.
  if (!record.architecture.empty()) parts.insert(parts.begin() + 1, "  [" + record.architecture + "]");
  if (!finished) parts.push_back(format("  ETA <= %.1f s", eta));
  std::size_t kept = parts.size();
  auto length = [&](std::size_t bar, std::size_t n) {
    std::size_t total = epochs.size() + (bar ? bar + 3 : 0);
    for (std::size_t i = 0; i < n; ++i) total += parts[i].size();
    return total;
  };
  std::size_t bar = widest_bar;
  while (length(bar, kept) > room && bar > narrowest_bar) --bar;
  while (length(bar, kept) > room && kept > 0) {
    --kept;
    bar = widest_bar;
    while (length(bar, kept) > room && bar > narrowest_bar) --bar;
  }
  if (length(bar, kept) > room) bar = 0;

  std::string line = epochs;
  if (bar) {
    const double done = static_cast<double>(record.epoch) / static_cast<double>(max_epochs);
    std::string filled(static_cast<std::size_t>(done * static_cast<double>(bar)), '=');
    filled.resize(bar, ' ');
    line += " [" + filled + "]";
  }
  for (std::size_t i = 0; i < kept; ++i) line += parts[i];
  if (line.size() > room) line.resize(room);
  return line;
}

std::string stop_reason(std::size_t epochs_run, std::size_t max_epochs, std::size_t best_epoch, std::size_t patience) {
  char text[160];
  // Short enough for an 80-column terminal with any realistic epoch counts.
  if (epochs_run < max_epochs)
    std::snprintf(text, sizeof text, "stopped early at epoch %zu/%zu (patience %zu); kept best epoch %zu", epochs_run,
                  max_epochs, patience, best_epoch);
  else
    std::snprintf(text, sizeof text, "stopped at the epoch cap (%zu epochs); kept best epoch %zu", max_epochs, best_epoch);
  return text;
}

TrainProgress::Style TrainProgress::style_for(std::FILE* stream, bool quiet) {
  if (quiet) return Style::quiet;
  return isatty(fileno(stream)) ? Style::bar : Style::lines;
}

void TrainProgress::update(const trainer::EpochRecord& record, std::size_t max_epochs) {
  last_ = record;
  max_epochs_ = max_epochs;
  switch (style_) {
    case Style::quiet:
      return;
    case Style::lines:
      if (record.epoch % line_every_epochs == 0 || record.epoch == 1) print_line(record, max_epochs);
      return;
    case Style::bar:
      if (record.elapsed_seconds - last_draw_seconds_ >= bar_redraw_seconds || record.epoch == max_epochs)
        draw_bar(record, max_epochs, false);
      return;
  }
}

void TrainProgress::print_line(const trainer::EpochRecord& record, std::size_t max_epochs) {
  std::fprintf(stream_, "epoch %zu/%zu: train loss %.6f, validation loss %.6f, %.1f s%s%s\n", record.epoch, max_epochs,
               record.train_loss, record.validation_loss, record.elapsed_seconds,
               record.architecture.empty() ? "" : ", hidden ", record.architecture.c_str());
}

void TrainProgress::draw_bar(const trainer::EpochRecord& record, std::size_t max_epochs, bool finished) {
  last_draw_seconds_ = record.elapsed_seconds;
  // Asked on every redraw, so a resized window gets lines that fit it from the next redraw on.
  const std::string line = progress_line(record, max_epochs, terminal_columns(stream_), finished);
  std::fprintf(stream_, "\r\033[K%s", line.c_str());
  std::fflush(stream_);
}

void TrainProgress::finish(const std::string& reason) {
  if (style_ == Style::quiet) return;
  if (max_epochs_ != 0) {
    if (style_ == Style::bar) {
      draw_bar(last_, max_epochs_, true);
      std::fputc('\n', stream_);
    } else if (last_.epoch % line_every_epochs != 0 && last_.epoch > 1) {
      print_line(last_, max_epochs_);
    }
  }
  // On a terminal narrower than the reason, break it at spaces rather than let the terminal cut words.
  std::string rest = reason;
  const std::size_t room = style_ == Style::bar ? terminal_columns(stream_) - 1 : rest.size();
  while (rest.size() > room && room > 0) {
    std::size_t cut = rest.rfind(' ', room);
    if (cut == std::string::npos || cut == 0) cut = room;
    std::fprintf(stream_, "%s\n", rest.substr(0, cut).c_str());
    rest = rest.substr(rest[cut] == ' ' ? cut + 1 : cut);
  }
  std::fprintf(stream_, "%s\n", rest.c_str());
}

}  // namespace ember::cli
