// Progress of `ember train` on stderr: a bar redrawn in place on a terminal (always narrower than the
// terminal, so a redraw never leaves a wrapped, stale line behind), a plain line every few epochs otherwise
// (logs and CI), nothing with --quiet. Either way it ends with one line that says why training stopped.
#ifndef EMBER_TOOLS_TRAIN_PROGRESS_HPP
#define EMBER_TOOLS_TRAIN_PROGRESS_HPP

#include <cstddef>
#include <cstdio>
#include <string>

#include "ember/trainer/trainer.hpp"

namespace ember::cli {

// Columns of the terminal behind `stream`: the terminal's own answer (TIOCGWINSZ), else $COLUMNS, else 80.
std::size_t terminal_columns(std::FILE* stream);

// The progress line for `record`, at most `columns` - 1 characters: the parts that do not fit are dropped,
// least useful first (ETA, elapsed time, losses), and the bar narrows. `finished` leaves the ETA out.
std::string progress_line(const trainer::EpochRecord& record, std::size_t max_epochs, std::size_t columns,
                          bool finished);

// "stopped early at epoch 286/1000 (patience 20); kept best epoch 266" (no better validation loss for
// `patience` epochs), or "stopped at the epoch cap (1000 epochs); kept best epoch 987".
std::string stop_reason(std::size_t epochs_run, std::size_t max_epochs, std::size_t best_epoch, std::size_t patience);

class TrainProgress {
 public:
  enum class Style { bar, lines, quiet };
  // `bar` on a terminal, `lines` otherwise; `quiet` when asked.
  static Style style_for(std::FILE* stream, bool quiet);

  TrainProgress(Style style, std::FILE* stream) : style_(style), stream_(stream) {}
  void update(const trainer::EpochRecord& record, std::size_t max_epochs);
  // Draws the last epoch, ends the bar's line, and prints `reason` (from stop_reason) on a line of its own.
  void finish(const std::string& reason);

 private:
  Style style_;
  std::FILE* stream_;
  double last_draw_seconds_ = -1;
  trainer::EpochRecord last_{};
  std::size_t max_epochs_ = 0;
  void draw_bar(const trainer::EpochRecord& record, std::size_t max_epochs, bool finished);
  void print_line(const trainer::EpochRecord& record, std::size_t max_epochs);
};

}  // namespace ember::cli

#endif  // EMBER_TOOLS_TRAIN_PROGRESS_HPP
