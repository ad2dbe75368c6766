/* Compiled as C99 and as C++17, -pedantic with every warning an error, by check_c_header_compiles.cmake:
 * the exported header must be valid in both and its op set must initialize an ember_op_set. The model's
 * name tries to close the header's comment and declare `int injected;`; the script defines `injected` as
 * an invalid token, so the compile fails if any of the name escapes the comment. */
#include "ember/ember.h"
#include "exported_model.h"

int main(void) {
  static const ember_op_set ops = EXPORTED_MODEL_OP_SET;
  return (exported_model_len == sizeof exported_model && ops.layer_kinds[1] != 0 && ops.layer_kinds[2] == 0 &&
          ops.activations[1] != 0 && ops.activations[2] == 0)
             ? 0
             : 1;
}
