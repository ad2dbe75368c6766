// How an int8 dense layer's weights lie in the blob (format v3; docs/blob-format.md, "Int8 weight layout"),
// shared by the writer (exporters/), the kernels and every tool that reads weights back. The layout is made
// for the Cortex-M DSP kernel (dense_s8_dsp.cpp): rows in groups of four and columns in chunks of four, one
// 16-byte block per group and chunk, so one LDM loads what four rows need from four inputs; inside a block
// the two rows of a pair share each halfword, so one SMLAD on the raw word multiplies both rows.
//
// Block (group g = o / 4, chunk c = i / 4), 16 bytes at 16 × (g × chunks + c), chunks = ceil(in_width / 4):
//   byte 8 × pair + 4 × (j % 2) + 2 × (j / 2) + (o % 2)    pair = (o % 4) / 2, j = i % 4
// so each word holds inputs (4c, 4c + 2) or (4c + 1, 4c + 3), the order in which SXTB16 splits a word of
// four inputs. The even row of a pair is stored excess-128 (w + 128, as a byte w ^ 0x80), the odd row as
// two's complement: a halfword read as int16 is then (w_even + 128) + 256 × w_odd exactly. Rows and
// columns past out_width and in_width are padding: written as weight 0, ignored by every kernel.
#ifndef EMBER_DENSE_S8_LAYOUT_HPP
#define EMBER_DENSE_S8_LAYOUT_HPP

#include <stdint.h>

namespace ember {

// Rows and columns padded to a multiple of 4.
inline uint32_t dense_s8_padded(uint32_t width) { return (width + 3u) & ~3u; }

// Bytes of an int8 layer's weights in the blob: the padded rows times the padded columns.
inline uint64_t dense_s8_weight_bytes(uint32_t in_width, uint32_t out_width) {
  return static_cast<uint64_t>(dense_s8_padded(in_width)) * dense_s8_padded(out_width);
}

// Byte offset of weight (row o, input i).
inline uint64_t dense_s8_weight_offset(uint32_t o, uint32_t i, uint32_t in_width) {
  const uint64_t block = static_cast<uint64_t>(o / 4) * (dense_s8_padded(in_width) / 4) + i / 4;
  const uint32_t j = i % 4;
  return 16 * block + 8 * ((o % 4) / 2) + 4 * (j % 2) + 2 * (j / 2) + (o % 2);
}

// The stored byte of weight w in row o, and back.
inline uint8_t dense_s8_stored_weight(int8_t w, uint32_t o) {
  return static_cast<uint8_t>(static_cast<uint8_t>(w) ^ (o % 2 == 0 ? 0x80u : 0u));
}
inline int8_t dense_s8_weight_at(const uint8_t* packed, uint32_t o, uint32_t i, uint32_t in_width) {
  const uint8_t stored = packed[dense_s8_weight_offset(o, i, in_width)];
  const uint8_t bits = static_cast<uint8_t>(stored ^ (o % 2 == 0 ? 0x80u : 0u));
  return static_cast<int8_t>(bits < 128 ? bits : bits - 256);
}

// Row-major weights (out_width rows of in_width) into the layout; padding gets weight 0. `packed` holds
// dense_s8_weight_bytes(in_width, out_width) bytes.
inline void dense_s8_pack_weights(const int8_t* row_major, uint32_t in_width, uint32_t out_width, uint8_t* packed) {
  const uint32_t rows = dense_s8_padded(out_width), cols = dense_s8_padded(in_width);
  for (uint32_t o = 0; o < rows; ++o)
    for (uint32_t i = 0; i < cols; ++i) {
      int8_t w = 0;
      if (o < out_width && i < in_width) w = row_major[static_cast<uint64_t>(o) * in_width + i];
      packed[dense_s8_weight_offset(o, i, in_width)] = dense_s8_stored_weight(w, o);
    }
}

}  // namespace ember

#endif  // EMBER_DENSE_S8_LAYOUT_HPP
