#include "ember/export/input_caps.hpp"

#include <limits>
#include <stdexcept>

namespace ember::exporters::caps {

void check_cap(std::uint64_t value, std::uint64_t cap, const std::string& what, const char* unit,
               const char* cap_name) {
  if (value <= cap) return;
  throw std::runtime_error(what + " is " + std::to_string(value) + ", above the cap of " +
                           std::to_string(cap) + " " + unit + " (" + cap_name + ", docs/reliability.md)");
}

std::uint64_t checked_product(std::uint64_t a, std::uint64_t b, std::uint64_t cap, const std::string& what,
                              const char* unit, const char* cap_name) {
  if (a != 0 && b > std::numeric_limits<std::uint64_t>::max() / a)
    throw std::runtime_error(what + " overflows 64 bits, above the cap of " + std::to_string(cap) + " " + unit +
                             " (" + cap_name + ", docs/reliability.md)");
  check_cap(a * b, cap, what, unit, cap_name);
  return a * b;
}

}  // namespace ember::exporters::caps
