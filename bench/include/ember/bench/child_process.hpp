// Runs a measurement in a forked child so that its peak resident memory (getrusage in the child) belongs
// to that one run and not to everything the benchmark did before. The child sends back a text payload
// (JSON in practice) through a pipe.
#ifndef EMBER_BENCH_CHILD_PROCESS_HPP
#define EMBER_BENCH_CHILD_PROCESS_HPP

#include <functional>
#include <string>

namespace ember::bench {

// Forks, runs `work` in the child and returns what it returned. An exception in the child, or a child that
// dies, becomes std::runtime_error in the parent, naming `what`.
std::string run_in_child(const std::string& what, const std::function<std::string()>& work);

}  // namespace ember::bench

#endif  // EMBER_BENCH_CHILD_PROCESS_HPP
