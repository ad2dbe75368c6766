// Model::run with an observer installed (Model::set_observer): the same walk as model.cpp, with the
// observer's calls around every layer. Only set_observer refers to it, so an image that never observes a
// model does not link it (docs/runtime.md).
#include "model_layers.hpp"

namespace ember {

Status Model::run_observed(Model& model, const float* input, float* output) {
  model.run_layers(input, output, model.observer_, model.observer_context_);
  return Status::ok;
}

}  // namespace ember
