// Each sink's escaper keeps that sink's syntax whatever bytes a name holds.
#include "ember/export/text_escape.hpp"

#include <gtest/gtest.h>

namespace {
using namespace ember::exporters;

TEST(TextEscape, PrintableKeepsUtf8AndEscapesControlsAndBrokenBytes) {
  EXPECT_EQ(printable("model-5d"), "model-5d");
  EXPECT_EQ(printable("caf\xC3\xA9 \xE2\x82\xAC"), "caf\xC3\xA9 \xE2\x82\xAC");
  EXPECT_EQ(printable("\x1b[2Jx\n"), "\\x1B[2Jx\\x0A");
  EXPECT_EQ(printable("a\\b"), "a\\\\b");
  EXPECT_EQ(printable("\x7f"), "\\x7F");
  EXPECT_EQ(printable("\xC2\x9B" "31m"), "\\xC2\\x9B31m");  // C1 CSI
  EXPECT_EQ(printable("\xC0\xAF"), "\\xC0\\xAF");          // overlong '/'
  EXPECT_EQ(printable("\xED\xA0\x80"), "\\xED\\xA0\\x80");  // surrogate
  EXPECT_EQ(printable("\xE2\x82"), "\\xE2\\x82");          // truncated
  EXPECT_EQ(printable(std::string("a\0b", 3)), "a\\x00b");
}

TEST(TextEscape, JsonStringIsQuotedValidAndControlFree) {
  EXPECT_EQ(json_string("a\"b\\c"), "\"a\\\"b\\\\c\"");
  EXPECT_EQ(json_string("x\ny\x1b"), "\"x\\u000Ay\\u001B\"");
  EXPECT_EQ(json_string("\xFF"), "\"\\u00FF\"");
  EXPECT_EQ(json_string("caf\xC3\xA9"), "\"caf\xC3\xA9\"");
}

TEST(TextEscape, CsvFieldQuotesOnlyWhatNeedsIt) {
  EXPECT_EQ(csv_field("plain"), "plain");
  EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_field("line\r\nbreak"), "line\\x0D\\x0Abreak");
  EXPECT_EQ(csv_field(""), "\"\"");
}

TEST(TextEscape, GnuplotStringCannotBeEnded) {
  EXPECT_EQ(gnuplot_string("out/fig.png"), "'out/fig.png'");
  EXPECT_EQ(gnuplot_string("x'; system('touch INJECTED'); '"), "'x''; system(''touch INJECTED''); '''");
  EXPECT_EQ(gnuplot_string("a\nb"), "'a\\x0Ab'");
}

}  // namespace
