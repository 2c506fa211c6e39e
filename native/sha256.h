#ifndef PROOF_OF_WORK_SHA256_H
#define PROOF_OF_WORK_SHA256_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Runs SHA-256's compression function over `count` 64-byte blocks, updating `state` (H0..H7). */
typedef void (*sha256_compress_fn)(uint32_t state[8], const uint8_t *blocks, size_t count);

extern const uint32_t SHA256_INITIAL_STATE[8];
extern const uint32_t SHA256_ROUND_CONSTANTS[64];

void sha256_compress_portable(uint32_t state[8], const uint8_t *blocks, size_t count);

#if (defined(__x86_64__) || defined(__i386__)) && defined(__GNUC__)
#define SHA256_SHA_NI_BUILT 1

/* True when this CPU has the x86 SHA extensions (and the SSSE3/SSE4.1 the kernel also uses). */
bool sha256_cpu_has_sha_ni(void);

/* Only call when sha256_cpu_has_sha_ni() is true. */
void sha256_compress_sha_ni(uint32_t state[8], const uint8_t *blocks, size_t count);
#endif

#endif
