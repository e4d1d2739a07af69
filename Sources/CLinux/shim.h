// The one platform shim: Linux and glibc calls that Swift's Glibc module does not export.
#include <fcntl.h>
#include <unistd.h>
#include <sys/syscall.h>

/// Swaps two paths atomically (renameat2 with RENAME_EXCHANGE). Returns 0 on success.
static inline int iclei_exchange_paths(const char *a, const char *b) {
#ifdef SYS_renameat2
    return (int)syscall(SYS_renameat2, AT_FDCWD, a, AT_FDCWD, b, 2 /* RENAME_EXCHANGE */);
#else
    (void)a; (void)b;
    return -1;
#endif
}
