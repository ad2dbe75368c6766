// A host evaluation of a ModelSpec whose layers may be float32 or int8 (mixed), for the quantizer's
// calibration and tests: int8 layers run through ember::dense_s8_reference, the definition every int8
// kernel matches bit for bit; float layers sum in double (their bits are the runtime's business, not
// this file's). Model boundaries follow docs/quantization.md: standardize, quantize into the first int8
// layer, dequantize out of the last one, de-standardize.
#ifndef EMBER_EXPORT_QUANTIZED_REFERENCE_HPP
#define EMBER_EXPORT_QUANTIZED_REFERENCE_HPP

#include <cstddef>
#include <vector>

#include "ember/export/model_spec.hpp"

namespace ember::exporters {

// rows: row_count × input_width in the data's units. Returns row_count × output_width in the data's units.
// Throws std::invalid_argument if rows.size() != row_count × input_width.
std::vector<float> reference_outputs(const ModelSpec& model, const std::vector<float>& rows, std::size_t row_count);

// The float model's tensors on every row: result[0] the standardized inputs (row_count × input_width),
// result[k + 1] layer k's outputs after its activation. The model's int8 layers are ignored; it must
// hold float weights for every layer.
std::vector<std::vector<float>> float_tensors(const ModelSpec& model, const std::vector<float>& rows,
                                              std::size_t row_count);

}  // namespace ember::exporters

#endif  // EMBER_EXPORT_QUANTIZED_REFERENCE_HPP
