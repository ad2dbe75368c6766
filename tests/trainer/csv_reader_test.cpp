// The CSV reader on hostile files: each rejection names its cause (and the line and column), each odd but
// honest file (BOM, CR line ends, subnormals) reads correctly, and nothing hangs or reads without bound.
#include "ember/trainer/csv.hpp"
#include "ember/export/input_caps.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace {
namespace fs = std::filesystem;
using ember::trainer::CsvError;
using ember::trainer::parse_csv;
using ember::trainer::read_csv;

std::string error_of(const std::string& text) {
  try {
    parse_csv(text, "t.csv");
  } catch (const CsvError& e) {
    return e.what();
  }
  return "(accepted)";
}

TEST(CsvReader, SaysADirectoryIsADirectory) {
  const fs::path dir = fs::temp_directory_path() / "ember_csv_dir";
  fs::create_directories(dir);
  try {
    read_csv(dir.string());
    FAIL() << "a directory was read";
  } catch (const CsvError& e) {
    EXPECT_NE(std::string(e.what()).find("is a directory"), std::string::npos) << e.what();
  }
  fs::remove_all(dir);
}

TEST(CsvReader, RefusesAFifoWithoutWaitingForAWriter) {
  const fs::path fifo = fs::temp_directory_path() / ("ember_csv_fifo_" + std::to_string(::getpid()));
  fs::remove(fifo);
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  try {
    read_csv(fifo.string());
    FAIL() << "a FIFO was read";
  } catch (const CsvError& e) {
    EXPECT_NE(std::string(e.what()).find("not a regular file"), std::string::npos) << e.what();
  }
  fs::remove(fifo);
}

TEST(CsvReader, RefusesDevZeroAtOnce) {
  try {
    read_csv("/dev/zero");
    FAIL() << "/dev/zero was read";
  } catch (const CsvError& e) {
    EXPECT_NE(std::string(e.what()).find("not a regular file"), std::string::npos) << e.what();
  }
}

TEST(CsvReader, AcceptsSubnormalsAndTinyValues) {
  const auto t = parse_csv("a,b\n1e-310,1e-400\n", "t.csv");
  ASSERT_EQ(t.rows, 1u);
  EXPECT_GT(t.at(0, 0), 0.0);
  EXPECT_EQ(t.at(0, 1), 0.0);
}

TEST(CsvReader, RefusesValuesBeyondFloatRangeNamingLineAndColumn) {
  const std::string e = error_of("a,b\n1,2\n3,1e300\n");
  EXPECT_NE(e.find("t.csv:3: column 'b'"), std::string::npos) << e;
  EXPECT_NE(e.find("float32 range"), std::string::npos) << e;
  EXPECT_NE(error_of("a\n-3.5e38\n").find("float32 range"), std::string::npos);
  EXPECT_EQ(error_of("a\n3.4e38\n"), "(accepted)");
}

TEST(CsvReader, RefusesAnEmbeddedNul) {
  const std::string e = error_of(std::string("a,b\n1\0junk,2\n", 14));
  EXPECT_NE(e.find("t.csv:2: holds a NUL byte"), std::string::npos) << e;
}

TEST(CsvReader, StripsAUtf8ByteOrderMark) {
  const auto t = parse_csv("\xEF\xBB\xBFx,y\n1,2\n", "t.csv");
  EXPECT_EQ(t.columns.front(), "x");
  EXPECT_EQ(t.column_index("x"), 0u);
}

TEST(CsvReader, ReadsCrOnlyAndMixedLineEndings) {
  const auto cr = parse_csv("x,y\r1,2\r3,4\r", "t.csv");
  EXPECT_EQ(cr.rows, 2u);
  EXPECT_EQ(cr.at(1, 1), 4.0);
  const auto mixed = parse_csv("x,y\r\n1,2\n3,4\r5,6", "t.csv");
  EXPECT_EQ(mixed.rows, 3u);
  EXPECT_EQ(mixed.at(2, 0), 5.0);
  // Line numbers count CR-only rows too.
  EXPECT_NE(error_of("x\r1\rzz\r").find("t.csv:3:"), std::string::npos) << error_of("x\r1\rzz\r");
}

TEST(CsvReader, RefusesHexFloatsInfinitiesAndNans) {
  for (const char* cell : {"0x1p3", "0X10", "inf", "-inf", "nan", "NAN", "infinity", "1e", ".", "+", "1.2.3", "1,5"}) {
    const std::string e = error_of(std::string("a\n") + cell + "\n");
    EXPECT_NE(e, "(accepted)") << cell;
  }
  for (const char* cell : {"1", "-2.5", "+.5", "5.", "1e3", "1E-3", "-0"}) EXPECT_EQ(error_of(std::string("a\n") + cell + "\n"), "(accepted)") << cell;
}

TEST(CsvReader, RefusesAFileAboveTheSizeCapByItsSize) {
  // A sparse file: its size is above the cap without writing 256 MiB.
  const fs::path big = fs::temp_directory_path() / ("ember_csv_big_" + std::to_string(::getpid()));
  { std::ofstream(big) << "a\n1\n"; }
  fs::resize_file(big, ember::exporters::caps::kMaxFileBytes + 1);
  try {
    read_csv(big.string());
    FAIL() << "a file above the cap was read";
  } catch (const CsvError& e) {
    EXPECT_NE(std::string(e.what()).find("kMaxFileBytes"), std::string::npos) << e.what();
  }
  fs::remove(big);
}

TEST(CsvReader, WrittenColumnNamesWithCommasAndControlBytesReadBackAsOneColumnEach) {
  const fs::path file = fs::temp_directory_path() / ("ember_csv_names_" + std::to_string(::getpid()) + ".csv");
  ember::trainer::write_csv(file.string(), {"a,b", "line\nbreak", "y"}, {1, 2, 3});
  const auto t = read_csv(file.string());
  ASSERT_EQ(t.columns.size(), 3u);
  EXPECT_EQ(t.columns[0], "a,b");
  EXPECT_EQ(t.columns[1], "line\\x0Abreak");
  EXPECT_EQ(t.at(0, 2), 3.0);
  fs::remove(file);
}

}  // namespace
