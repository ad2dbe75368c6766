// Fuzz target: arbitrary bytes as an ONNX file (`ember import`). The importer must refuse with a message or
// return a model whose blob loads and runs; the names it reports are checked for the terminal sink.
#include <cstdint>
#include <vector>

#include "ember/export/blob_writer.hpp"
#include "ember/export/loaded_model.hpp"
#include "ember/export/onnx_import.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::vector<std::uint8_t> bytes(data, data + size);
  ember_fuzz::expect_clean_refusal([&] {
    const ember::exporters::OnnxImport imported = ember::exporters::import_onnx(bytes, "fuzz");
    if (imported.spec.name.empty() || imported.spec.name.size() > 31) ember_fuzz::finding("a model name of 0 or >31 bytes");
    const std::vector<std::uint8_t> blob = ember::exporters::write_blob(imported.spec);
    try {
      ember::exporters::LoadedModel loaded(blob);
      std::vector<float> in(loaded.model().input_width(), 0.5f), out(loaded.model().output_width());
      if (loaded.model().run(in.data(), out.data()) != ember::Status::ok)
        ember_fuzz::finding("an imported model loaded but does not run");
    } catch (const std::invalid_argument&) {
      ember_fuzz::finding("an imported model was written into a blob the runtime refuses");
    }
  });
  return 0;
}
