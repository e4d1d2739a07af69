// gperftools' tcmalloc (Debian libgoogle-perftools-dev): linked, it replaces glibc's malloc
// in the whole process (PERFORMANCE.md); MallocExtension tells whether it did.
#include <gperftools/malloc_extension_c.h>
