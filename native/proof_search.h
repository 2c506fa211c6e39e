#ifndef PROOF_OF_WORK_PROOF_SEARCH_H
#define PROOF_OF_WORK_PROOF_SEARCH_H

#include "sha256.h"

#define PROOF_SEARCH_NOT_FOUND (-1)
#define PROOF_SEARCH_OUT_OF_MEMORY (-2)

/*
 * Tries proofs start, start + step, ... (`count` of them) and returns the first whose
 * sha256(prefix + decimal proof + suffix) starts with `difficulty` hex zeros, or PROOF_SEARCH_NOT_FOUND.
 */
int64_t proof_search(sha256_compress_fn compress, const char *prefix, size_t prefix_length, const char *suffix,
                     size_t suffix_length, unsigned difficulty, uint64_t start, uint64_t count, uint64_t step);

#endif
