// ember_profile_host: the host half of `ember profile`, as a small program the cross builds compile with
// the host compiler, so a target's ctest can compare the host's tables with the device's.
// Usage: ember_profile_host model.ember [--json]
#include <cstdio>
#include <cstring>
#include <exception>

#include "ember/profile/host_profile.hpp"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: ember_profile_host model.ember [--json]\n");
    return 2;
  }
  const bool json = argc > 2 && std::strcmp(argv[2], "--json") == 0;
  try {
    const std::string text = ember::target::profile_on_host(
        argv[1], json ? ember::report::TableFormat::json : ember::report::TableFormat::markdown, 16, 50);
    std::fwrite(text.data(), 1, text.size(), stdout);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "ember_profile_host: error: %s\n", e.what());
    return 1;
  }
  return 0;
}
