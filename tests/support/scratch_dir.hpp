// A private scratch folder for one test: a fresh name from mkdtemp under the system's temporary directory
// ($TMPDIR or /tmp), so tests running at the same time (ctest -j, other build trees on the machine) never
// share a file, and removed with everything in it when the object goes out of scope.
#ifndef EMBER_TESTS_SCRATCH_DIR_HPP
#define EMBER_TESTS_SCRATCH_DIR_HPP

#include <stdlib.h>  // mkdtemp (POSIX)

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

namespace testing_support {

class ScratchDir {
 public:
  ScratchDir() {
    const std::string pattern = (std::filesystem::temp_directory_path() / "ember-test-XXXXXX").string();
    std::vector<char> name(pattern.begin(), pattern.end());
    name.push_back('\0');
    if (::mkdtemp(name.data()) == nullptr)
      throw std::runtime_error("cannot create a scratch folder from " + pattern + ": " + std::strerror(errno));
    path_ = name.data();
  }
  ~ScratchDir() {
    std::error_code ignored;  // a destructor must not throw; a leftover folder is only litter
    if (!path_.empty()) std::filesystem::remove_all(path_, ignored);
  }
  ScratchDir(ScratchDir&& other) noexcept : path_(std::move(other.path_)) { other.path_.clear(); }
  ScratchDir& operator=(ScratchDir&&) = delete;
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  const std::string& path() const { return path_; }
  // `name` inside the folder.
  std::string file(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

}  // namespace testing_support

#endif  // EMBER_TESTS_SCRATCH_DIR_HPP
