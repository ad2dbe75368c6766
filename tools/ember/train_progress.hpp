// Progress of `ember train` on stderr: a bar redrawn in place on a terminal, a plain line every few
// epochs otherwise (logs and CI), nothing with --quiet.
#ifndef EMBER_TOOLS_TRAIN_PROGRESS_HPP
#define EMBER_TOOLS_TRAIN_PROGRESS_HPP

#include <cstddef>
#include <cstdio>

#include "ember/trainer/trainer.hpp"

namespace ember::cli {

class TrainProgress {
 public:
  enum class Style { bar, lines, quiet };
  // `bar` on a terminal, `lines` otherwise; `quiet` when asked.
  static Style style_for(std::FILE* stream, bool quiet);

  TrainProgress(Style style, std::FILE* stream) : style_(style), stream_(stream) {}
  void update(const trainer::EpochRecord& record, std::size_t max_epochs);
  // Ends the bar's line so that later output starts on a fresh one.
  void finish();

 private:
  Style style_;
  std::FILE* stream_;
  double last_draw_seconds_ = -1;
  trainer::EpochRecord last_{};
  std::size_t max_epochs_ = 0;
  void draw_bar(const trainer::EpochRecord& record, std::size_t max_epochs);
};

}  // namespace ember::cli

#endif  // EMBER_TOOLS_TRAIN_PROGRESS_HPP
