/* SHA-256 compression with the x86 SHA extensions (SHA-NI): two rounds per instruction. */
#include "sha256.h"

#ifdef SHA256_SHA_NI_BUILT
#include <cpuid.h>
#include <immintrin.h>

bool sha256_cpu_has_sha_ni(void) {
  unsigned a, b, c, d;
  if (!__get_cpuid(1, &a, &b, &c, &d)) return false;
  bool ssse3 = c & (1u << 9), sse41 = c & (1u << 19);
  if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return false;
  return ssse3 && sse41 && (b & (1u << 29));
}

/* Compiled for SHA-NI only here, so the rest of the addon runs on any x86-64. */
__attribute__((target("sha,sse4.1,ssse3"))) void sha256_compress_sha_ni(uint32_t state[8], const uint8_t *blocks,
                                                                        size_t count) {
  const __m128i byte_swap = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
  /* The SHA instructions keep the state as ABEF and CDGH. */
  __m128i dcba = _mm_loadu_si128((const __m128i *)&state[0]);
  __m128i hgfe = _mm_loadu_si128((const __m128i *)&state[4]);
  __m128i cdab = _mm_shuffle_epi32(dcba, 0xB1);
  __m128i efgh = _mm_shuffle_epi32(hgfe, 0x1B);
  __m128i abef = _mm_alignr_epi8(cdab, efgh, 8);
  __m128i cdgh = _mm_blend_epi16(efgh, cdab, 0xF0);

  for (; count > 0; count--, blocks += 64) {
    const __m128i abef_saved = abef, cdgh_saved = cdgh;
    /* w[g % 4] holds message words 4g..4g+3 while the rounds of group g run. */
    __m128i w[4];
    for (int i = 0; i < 4; i++) w[i] = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(blocks + 16 * i)), byte_swap);
    for (int g = 0; g < 16; g++) {
      __m128i words = _mm_add_epi32(w[g % 4], _mm_loadu_si128((const __m128i *)&SHA256_ROUND_CONSTANTS[4 * g]));
      cdgh = _mm_sha256rnds2_epu32(cdgh, abef, words);
      if (g >= 3 && g <= 14) {
        /* words 4(g+1).. = sigma1 part (msg2) + w[t-7] + the sigma0 part msg1 already added */
        __m128i w_minus_7 = _mm_alignr_epi8(w[g % 4], w[(g + 3) % 4], 4);
        w[(g + 1) % 4] = _mm_sha256msg2_epu32(_mm_add_epi32(w[(g + 1) % 4], w_minus_7), w[g % 4]);
      }
      abef = _mm_sha256rnds2_epu32(abef, cdgh, _mm_shuffle_epi32(words, 0x0E));
      if (g >= 1 && g <= 12) w[(g + 3) % 4] = _mm_sha256msg1_epu32(w[(g + 3) % 4], w[g % 4]);
    }
    abef = _mm_add_epi32(abef, abef_saved);
    cdgh = _mm_add_epi32(cdgh, cdgh_saved);
  }

  __m128i feba = _mm_shuffle_epi32(abef, 0x1B);
  __m128i dchg = _mm_shuffle_epi32(cdgh, 0xB1);
  _mm_storeu_si128((__m128i *)&state[0], _mm_blend_epi16(feba, dchg, 0xF0));
  _mm_storeu_si128((__m128i *)&state[4], _mm_alignr_epi8(dchg, feba, 8));
}

#endif
