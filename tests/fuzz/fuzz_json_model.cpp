// Fuzz target: arbitrary text as a JSON model description (`ember export model.json`). Parsing must refuse
// or succeed cleanly; a description that parses must become a blob that loads and runs.
#include <cstdint>
#include <string>
#include <vector>

#include "ember/export/blob_writer.hpp"
#include "ember/export/json_model.hpp"
#include "ember/export/loaded_model.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  ember_fuzz::expect_clean_refusal([&] {
    const ember::exporters::ModelSpec spec = ember::exporters::model_spec_from_json(text);
    const std::vector<std::uint8_t> blob = ember::exporters::write_blob(spec);
    try {
      ember::exporters::LoadedModel loaded(blob);
      std::vector<float> in(loaded.model().input_width(), 0.5f), out(loaded.model().output_width());
      if (loaded.model().run(in.data(), out.data()) != ember::Status::ok)
        ember_fuzz::finding("a written blob loaded but does not run");
    } catch (const std::invalid_argument&) {
      ember_fuzz::finding("write_blob produced a blob the runtime refuses");
    }
    // The JSON writer's output must read back.
    ember::exporters::model_spec_from_json(ember::exporters::model_spec_to_json(spec));
  });
  return 0;
}
