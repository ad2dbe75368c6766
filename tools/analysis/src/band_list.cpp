#include "ember/analysis/band_list.hpp"

#include <cstdio>
#include <stdexcept>

namespace ember::analysis {
namespace {

std::string hz(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", value);
  return text;
}

bool parse_number(const std::string& text, double& value) {
  std::size_t used = 0;
  try {
    value = std::stod(text, &used);
  } catch (const std::exception&) {
    return false;
  }
  return used == text.size() && value >= 0 && value < 1e9;
}

bool valid_name(const std::string& name) {
  if (name.empty() || name.size() > 15) return false;
  for (char c : name)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-'))
      return false;
  return true;
}

// What the defaults lose at this rate, for the note under the NN-EEG table.
std::string cut_note(const spectral::BandSet& kept, float rate_hz) {
  if (kept.count == spectral::kBandCount && kept.bands[kept.count - 1].high_hz == spectral::band(kept.count - 1).high_hz)
    return "";
  std::string dropped;
  for (std::uint32_t b = kept.count; b < spectral::kBandCount; ++b)
    dropped += (dropped.empty() ? "" : ", ") + std::string(spectral::band(b).name);
  const spectral::Band& last = kept.bands[kept.count - 1];
  std::string note = "note: at " + hz(rate_hz) + " Hz the Nyquist frequency is " + hz(rate_hz / 2.0) + " Hz: " +
                     last.name + " is cut to " + hz(last.low_hz) + "-" + hz(last.high_hz) + " Hz";
  if (!dropped.empty()) note += " and " + dropped + " left out";
  return note + " (--bands NAME:LOW-HIGH,... sets your own).";
}

}  // namespace

BandList parse_bands(const std::string& text, float rate_hz) {
  BandList list;
  if (text.empty()) {
    list.set = spectral::default_bands(rate_hz);
    if (list.set.count == 0)
      throw std::invalid_argument("--rate " + hz(rate_hz) + " Hz: the Nyquist frequency " + hz(rate_hz / 2.0) +
                                  " Hz does not reach past the start of delta (0.5 Hz), the lowest EEG band; give --bands");
    list.note = cut_note(list.set, rate_hz);
    return list;
  }
  std::vector<std::string> parts;
  for (std::size_t start = 0;;) {
    const std::size_t comma = text.find(',', start);
    parts.push_back(text.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  if (parts.size() > spectral::kMaxBands)
    throw std::invalid_argument("--bands: " + std::to_string(parts.size()) + " bands, at most " +
                                std::to_string(spectral::kMaxBands));
  list.names.reserve(parts.size());  // set.bands points into these strings: no reallocation after this
  for (const std::string& part : parts) {
    const std::size_t colon = part.find(':');
    const std::size_t dash = colon == std::string::npos ? std::string::npos : part.find('-', colon + 1);
    double low = 0, high = 0;
    if (colon == std::string::npos || dash == std::string::npos || !valid_name(part.substr(0, colon)) ||
        !parse_number(part.substr(colon + 1, dash - colon - 1), low) || !parse_number(part.substr(dash + 1), high))
      throw std::invalid_argument("--bands: '" + part + "' is not NAME:LOW-HIGH in Hz (e.g. delta:0.5-4)");
    if (!(high > low)) throw std::invalid_argument("--bands: '" + part + "' ends before it starts");
    if (high > rate_hz / 2.0)
      throw std::invalid_argument("--bands: '" + part + "' reaches above the Nyquist frequency " + hz(rate_hz / 2.0) +
                                  " Hz of --rate " + hz(rate_hz));
    if (list.set.count > 0 && low < list.set.bands[list.set.count - 1].high_hz)
      throw std::invalid_argument("--bands: '" + part + "' overlaps or precedes the band before it (ascending, no overlap)");
    list.names.push_back(part.substr(0, colon));
    list.set.bands[list.set.count++] = {list.names.back().c_str(), static_cast<float>(low), static_cast<float>(high)};
  }
  return list;
}

}  // namespace ember::analysis
