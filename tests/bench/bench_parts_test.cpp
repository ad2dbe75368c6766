// The building blocks of `ember bench`: statistics, the table holder, and measurements in a child process.
#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

#include "ember/bench/child_process.hpp"
#include "ember/bench/memory_probe.hpp"
#include "ember/bench/report_table.hpp"
#include "ember/bench/stopwatch.hpp"

using namespace ember::bench;

TEST(Stopwatch, SummaryGivesMedianMinMaxAndSpread) {
  const TimingSummary odd = summarize({3.0, 1.0, 2.0});
  EXPECT_DOUBLE_EQ(odd.median, 2.0);
  EXPECT_DOUBLE_EQ(odd.min, 1.0);
  EXPECT_DOUBLE_EQ(odd.max, 3.0);
  EXPECT_DOUBLE_EQ(odd.spread(), 1.0);
  EXPECT_DOUBLE_EQ(summarize({4.0, 1.0, 2.0, 3.0}).median, 2.5);
  EXPECT_DOUBLE_EQ(summarize({}).median, 0.0);
}

TEST(Stopwatch, LogLogSlopeRecoversThePowerLaw) {
  EXPECT_NEAR(log_log_slope({1000, 5000, 10000}, {2.0, 50.0, 200.0}), 2.0, 1e-9);
  EXPECT_NEAR(log_log_slope({10, 100}, {1, 10}), 1.0, 1e-12);
  EXPECT_EQ(log_log_slope({10}, {1}), 0.0);
}

TEST(Stopwatch, MonotonicClockDoesNotGoBackwards) {
  const double a = now_seconds();
  const double b = now_seconds();
  EXPECT_LE(a, b);
}

TEST(ReportTable, RejectsARowWithTheWrongNumberOfCells) {
  ReportTable t("t", "T", {{"a", ""}, {"b", "s"}});
  EXPECT_THROW(t.add_row({ReportCell::of_integer(1)}), std::logic_error);
  t.add_row({ReportCell::of_integer(1), ReportCell::of_decimal(0.5, 2)});
  EXPECT_EQ(render(t, ember::report::TableFormat::json),
            "{\"table\":\"T\",\"columns\":[{\"name\":\"a\",\"unit\":\"\"},{\"name\":\"b\",\"unit\":\"s\"}],"
            "\"rows\":[[1,0.50]]}\n");
}

TEST(ChildProcess, ReturnsTheChildsPayloadAndItsOwnPeakMemory) {
  const std::string payload = run_in_child("test", [] { return std::to_string(peak_rss_bytes()); });
  EXPECT_GT(std::stoull(payload), 0u);
}

TEST(ChildProcess, AnExceptionInTheChildBecomesAnErrorInTheParent) {
  try {
    run_in_child("failing measurement", []() -> std::string { throw std::runtime_error("boom"); });
    FAIL() << "expected an exception";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "failing measurement: boom");
  }
}

TEST(MemoryProbe, SamplerSeesTheCurrentResidentSet) {
  RssSampler sampler(1);
  sampler.start();
  sampler.stop();
  EXPECT_GE(sampler.samples(), 2u);
  EXPECT_GT(sampler.average_bytes(), 0.0);
  EXPECT_GT(current_rss_bytes(), 0u);
}
