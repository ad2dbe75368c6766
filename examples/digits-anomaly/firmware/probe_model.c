/* The exported model, compiled as C: the C header `ember export` writes is meant for C translation units. */
#include PROBE_MODEL_HEADER

const unsigned char* const probe_blob = probe_model;
const unsigned int probe_blob_len = probe_model_len;
const unsigned int probe_arena_bytes = PROBE_MODEL_ARENA_BYTES;
const unsigned int probe_input_width = PROBE_MODEL_INPUT_WIDTH;
