/*
 * Node-API entry: searchShaNi (exported only when the CPU has SHA-NI) and searchPortable, both
 * (prefix, suffix, difficulty, start, count, step) -> the first valid proof, or -1.
 */
#define NAPI_VERSION 8
#include <node_api.h>
#include <stdlib.h>

#include "proof_search.h"

#define MAX_SAFE_INTEGER 9007199254740991.0

static bool read_string(napi_env env, napi_value value, const char *name, char **text, size_t *length) {
  if (napi_get_value_string_utf8(env, value, NULL, 0, length) != napi_ok) {
    napi_throw_type_error(env, NULL, name);
    return false;
  }
  *text = malloc(*length + 1);
  if (*text == NULL) {
    napi_throw_error(env, NULL, "out of memory");
    return false;
  }
  napi_get_value_string_utf8(env, value, *text, *length + 1, length);
  return true;
}

static bool read_integer(napi_env env, napi_value value, const char *name, double min, double max, uint64_t *out) {
  double number;
  /* The range check comes first: it rejects NaN, and makes the cast below defined. */
  if (napi_get_value_double(env, value, &number) != napi_ok || !(number >= min && number <= max) ||
      number != (double)(uint64_t)number) {
    napi_throw_range_error(env, NULL, name);
    return false;
  }
  *out = (uint64_t)number;
  return true;
}

static napi_value search_with(napi_env env, napi_callback_info info, sha256_compress_fn compress) {
  size_t argc = 6;
  napi_value argv[6];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  if (argc != 6) {
    napi_throw_type_error(env, NULL, "expected (prefix, suffix, difficulty, start, count, step)");
    return NULL;
  }
  uint64_t difficulty, start, count, step;
  /* The last proof tried must stay an exact JS number. */
  if (!read_integer(env, argv[2], "difficulty must be an integer from 1 to 64", 1, 64, &difficulty) ||
      !read_integer(env, argv[3], "start must be a safe non-negative integer", 0, MAX_SAFE_INTEGER, &start) ||
      !read_integer(env, argv[5], "step must be a positive integer up to 2^32", 1, 4294967296.0, &step) ||
      !read_integer(env, argv[4], "count must keep every proof a safe integer", 0,
                    (MAX_SAFE_INTEGER - (double)start) / (double)step, &count))
    return NULL;
  char *prefix = NULL, *suffix = NULL;
  size_t prefix_length, suffix_length;
  napi_value result = NULL;
  if (read_string(env, argv[0], "prefix must be a string", &prefix, &prefix_length) &&
      read_string(env, argv[1], "suffix must be a string", &suffix, &suffix_length)) {
    int64_t found = proof_search(compress, prefix, prefix_length, suffix, suffix_length, (unsigned)difficulty, start,
                                 count, step);
    if (found == PROOF_SEARCH_OUT_OF_MEMORY)
      napi_throw_error(env, NULL, "out of memory");
    else
      napi_create_int64(env, found, &result);
  }
  free(prefix);
  free(suffix);
  return result;
}

static napi_value search_portable(napi_env env, napi_callback_info info) {
  return search_with(env, info, sha256_compress_portable);
}

#ifdef SHA256_SHA_NI_BUILT
static napi_value search_sha_ni(napi_env env, napi_callback_info info) {
  return search_with(env, info, sha256_compress_sha_ni);
}
#endif

static void export_function(napi_env env, napi_value exports, const char *name, napi_callback callback) {
  napi_value function;
  napi_create_function(env, name, NAPI_AUTO_LENGTH, callback, NULL, &function);
  napi_set_named_property(env, exports, name, function);
}

static napi_value init(napi_env env, napi_value exports) {
  export_function(env, exports, "searchPortable", search_portable);
#ifdef SHA256_SHA_NI_BUILT
  if (sha256_cpu_has_sha_ni()) export_function(env, exports, "searchShaNi", search_sha_ni);
#endif
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, init)
