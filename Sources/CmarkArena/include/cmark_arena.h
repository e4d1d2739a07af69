#ifndef ICLEI_CMARK_ARENA_H
#define ICLEI_CMARK_ARENA_H
#include <cmark.h>

/*
 * A bump allocator for libcmark, one document at a time per thread. cmark allocates every
 * node and buffer with calloc/realloc and frees them one by one; here `free` does nothing
 * and `iclei_cmark_arena_reset` releases the whole document at once, keeping standard
 * blocks for the next one. Parse, walk and drop a document on one thread, then reset.
 */

/* The allocator to pass to cmark_parser_new_with_mem. */
cmark_mem *iclei_cmark_arena(void);

/* Releases everything cmark allocated on this thread since the last reset. */
void iclei_cmark_arena_reset(void);

#endif
