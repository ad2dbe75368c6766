// Training losses and their gradients with respect to the last layer's pre-activation.
#ifndef EMBER_TRAINER_LOSS_HPP
#define EMBER_TRAINER_LOSS_HPP

#include <cstddef>

namespace ember::trainer {

// Mean squared error over rows x outputs (standardized units, so 1.0 is "predicts the mean").
// With `delta` non-null, writes d(loss)/dz = 2 (z - y) / (rows * outputs).
double mean_squared_error(const float* predicted, const float* truth, std::size_t rows, std::size_t outputs,
                          float* delta);

// Mean cross-entropy of softmax outputs `probabilities` (rows x classes) against class `labels`.
// With `delta` non-null, writes d(loss)/dz = (p - onehot) / rows, the softmax and the loss differentiated
// together.
double cross_entropy(const float* probabilities, const int* labels, std::size_t rows, std::size_t classes,
                     float* delta);

}  // namespace ember::trainer

#endif  // EMBER_TRAINER_LOSS_HPP
