#include "train_progress.hpp"

#include <unistd.h>

#include <string>

namespace ember::cli {
namespace {
// A plain line every this many epochs: enough to follow a run in a log without one line per epoch.
constexpr std::size_t line_every_epochs = 10;
// Redraw the bar at most this often (seconds): a fast run would otherwise spend its time on the terminal.
constexpr double bar_redraw_seconds = 0.1;
constexpr int bar_width = 24;
}  // namespace

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
      if (record.epoch % line_every_epochs == 0 || record.epoch == 1)
        std::fprintf(stream_, "epoch %zu/%zu: train loss %.6f, validation loss %.6f, %.1f s\n", record.epoch,
                     max_epochs, record.train_loss, record.validation_loss, record.elapsed_seconds);
      return;
    case Style::bar:
      if (record.elapsed_seconds - last_draw_seconds_ >= bar_redraw_seconds || record.epoch == max_epochs)
        draw_bar(record, max_epochs);
      return;
  }
}

void TrainProgress::draw_bar(const trainer::EpochRecord& record, std::size_t max_epochs) {
  last_draw_seconds_ = record.elapsed_seconds;
  const double done = static_cast<double>(record.epoch) / static_cast<double>(max_epochs);
  const int filled = static_cast<int>(done * bar_width);
  std::string bar(static_cast<std::size_t>(filled), '=');
  bar.resize(bar_width, ' ');
  // ETA assumes every remaining epoch runs; early stopping usually ends sooner.
  const double eta = record.elapsed_seconds / static_cast<double>(record.epoch) *
                     static_cast<double>(max_epochs - record.epoch);
  std::fprintf(stream_, "\r\033[Kepoch %zu/%zu [%s] train %.5f  val %.5f  %.1f s  ETA <= %.1f s", record.epoch,
               max_epochs, bar.c_str(), record.train_loss, record.validation_loss, record.elapsed_seconds, eta);
  std::fflush(stream_);
}

void TrainProgress::finish() {
  if (style_ == Style::bar && max_epochs_ != 0) {
    draw_bar(last_, max_epochs_);
    std::fputc('\n', stream_);
  } else if (style_ == Style::lines && last_.epoch % line_every_epochs != 0 && last_.epoch > 1) {
    std::fprintf(stream_, "epoch %zu/%zu: train loss %.6f, validation loss %.6f, %.1f s\n", last_.epoch,
                 max_epochs_, last_.train_loss, last_.validation_loss, last_.elapsed_seconds);
  }
}

}  // namespace ember::cli
