// Fuzz target: arbitrary bytes through each sink's escaper (ember/export/text_escape.hpp). The terminal
// form holds only printable UTF-8; the JSON form parses back to a string; the gnuplot form is one string.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

#include "ember/export/text_escape.hpp"
#include "fuzz_support.hpp"

namespace {
bool all_printable(const std::string& s) {
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t n = ember::exporters::printable_utf8_length(s, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  using namespace ember::exporters;
  if (!all_printable(printable(text))) ember_fuzz::finding("printable() let a control or invalid byte through");
  if (!all_printable(csv_field(text))) ember_fuzz::finding("csv_field() let a control or invalid byte through");
  const std::string gp = gnuplot_string(text);
  if (!all_printable(gp)) ember_fuzz::finding("gnuplot_string() let a control or invalid byte through");
  // Inside the outer quotes every quote is doubled, so the literal cannot end early.
  for (std::size_t i = 1; i + 1 < gp.size(); ++i) {
    if (gp[i] != '\'') continue;
    if (gp[i + 1] != '\'' || i + 2 >= gp.size()) ember_fuzz::finding("gnuplot_string() has a lone quote");
    ++i;
  }
  const std::string js = json_string(text);
  if (!all_printable(js)) ember_fuzz::finding("json_string() let a control or invalid byte through");
  try {
    if (!nlohmann::json::parse(js).is_string()) ember_fuzz::finding("json_string() is not a JSON string");
  } catch (const nlohmann::json::exception&) {
    ember_fuzz::finding("json_string() is not valid JSON");
  }
  return 0;
}
