// Only the message digests: SHA-384 names the fingerprinted assets and gives their
// Subresource Integrity hashes.
#include <openssl/evp.h>
