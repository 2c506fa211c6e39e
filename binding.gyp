{
  "targets": [
    {
      "target_name": "proof_of_work",
      "sources": [
        "native/addon.c",
        "native/proof_search.c",
        "native/sha256_portable.c",
        "native/sha256_sha_ni.c"
      ],
      "cflags_c": ["-O3", "-std=gnu11", "-Wall", "-Wextra"]
    }
  ]
}
