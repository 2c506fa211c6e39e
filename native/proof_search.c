/* The nonce loop: decimal digits updated in place, padding laid out once per digit count, a midstate for the prefix. */
#include "proof_search.h"

#include <stdlib.h>
#include <string.h>

#define MAX_DECIMAL_DIGITS 20

typedef struct {
  uint8_t *message; /* prefix, digits, suffix, SHA-256 padding: whole blocks */
  size_t prefix_length;
  size_t digit_count;
  size_t block_count;
} message_layout;

static size_t decimal_digits(uint64_t value, char out[MAX_DECIMAL_DIGITS]) {
  char reversed[MAX_DECIMAL_DIGITS];
  size_t length = 0;
  do {
    reversed[length++] = (char)('0' + value % 10);
    value /= 10;
  } while (value > 0);
  for (size_t i = 0; i < length; i++) out[i] = reversed[length - 1 - i];
  return length;
}

static void lay_out(message_layout *layout, uint64_t proof, const char *suffix, size_t suffix_length) {
  char digits[MAX_DECIMAL_DIGITS];
  size_t digit_count = decimal_digits(proof, digits);
  uint8_t *message = layout->message;
  size_t length = layout->prefix_length + digit_count + suffix_length;
  memcpy(message + layout->prefix_length, digits, digit_count);
  memcpy(message + layout->prefix_length + digit_count, suffix, suffix_length);
  /* Padding: 0x80, zeros, then the bit length in 8 big-endian bytes, to a whole number of blocks. */
  size_t block_count = (length + 9 + 63) / 64;
  message[length] = 0x80;
  memset(message + length + 1, 0, block_count * 64 - length - 1);
  uint64_t bits = (uint64_t)length * 8;
  for (int i = 0; i < 8; i++) message[block_count * 64 - 1 - i] = (uint8_t)(bits >> (8 * i));
  layout->digit_count = digit_count;
  layout->block_count = block_count;
}

/* Adds `amount` to the decimal text in place; false when it needs one more digit (the text is then garbage). */
static bool add_decimal(uint8_t *digits, size_t length, uint64_t amount) {
  for (size_t i = length; i-- > 0 && amount > 0;) {
    uint64_t sum = (uint64_t)(digits[i] - '0') + amount;
    digits[i] = (uint8_t)('0' + sum % 10);
    amount = sum / 10;
  }
  return amount == 0;
}

static bool has_leading_zero_nibbles(const uint32_t state[8], unsigned difficulty) {
  size_t word = 0;
  for (; difficulty >= 8; difficulty -= 8, word++)
    if (state[word] != 0) return false;
  return difficulty == 0 || state[word] >> (32 - 4 * difficulty) == 0;
}

int64_t proof_search(sha256_compress_fn compress, const char *prefix, size_t prefix_length, const char *suffix,
                     size_t suffix_length, unsigned difficulty, uint64_t start, uint64_t count, uint64_t step) {
  message_layout layout = {.prefix_length = prefix_length};
  layout.message = malloc(prefix_length + MAX_DECIMAL_DIGITS + suffix_length + 64 + 9);
  if (layout.message == NULL) return PROOF_SEARCH_OUT_OF_MEMORY;
  memcpy(layout.message, prefix, prefix_length);

  /* Blocks wholly before the proof's digits never change: hash them once. */
  size_t fixed_blocks = prefix_length / 64;
  uint32_t midstate[8];
  memcpy(midstate, SHA256_INITIAL_STATE, sizeof midstate);
  compress(midstate, layout.message, fixed_blocks);

  int64_t found = PROOF_SEARCH_NOT_FOUND;
  uint64_t proof = start;
  lay_out(&layout, proof, suffix, suffix_length);
  for (uint64_t i = 0; i < count; i++) {
    uint32_t state[8];
    memcpy(state, midstate, sizeof state);
    compress(state, layout.message + fixed_blocks * 64, layout.block_count - fixed_blocks);
    if (has_leading_zero_nibbles(state, difficulty)) {
      found = (int64_t)proof;
      break;
    }
    proof += step;
    if (!add_decimal(layout.message + prefix_length, layout.digit_count, step)) lay_out(&layout, proof, suffix, suffix_length);
  }
  free(layout.message);
  return found;
}
