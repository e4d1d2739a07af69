#include "cmark_arena.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Blocks kept per thread after a document: 4 MB, enough for any ordinary page; a huge one's
   extra blocks are given back. */
enum { BLOCK_SIZE = 256 * 1024, HEADER = 16, KEPT_BLOCKS = 16 };

typedef struct block {
    struct block *next;
    size_t size, used;
    _Alignas(16) char data[];
} block;

static __thread block *used_blocks;  /* the current document's, newest first */
static __thread block *free_blocks;  /* standard-size blocks kept for the next document */
static __thread int free_count;

static void *arena_alloc(size_t bytes) {
    if (bytes > SIZE_MAX / 2) return NULL;
    size_t need = (bytes + HEADER + 15) & ~(size_t)15;
    block *b = used_blocks;
    if (!b || b->used + need > b->size) {
        if (need <= BLOCK_SIZE && free_blocks) {
            b = free_blocks;
            free_blocks = b->next;
            free_count--;
        } else {
            size_t size = need > BLOCK_SIZE ? need : BLOCK_SIZE;
            b = malloc(sizeof(block) + size);
            if (!b) return NULL;
            b->size = size;
        }
        b->used = 0;
        b->next = used_blocks;
        used_blocks = b;
    }
    char *p = b->data + b->used;
    b->used += need;
    *(size_t *)p = bytes;  /* the size, for realloc */
    return p + HEADER;
}

static void *arena_calloc(size_t count, size_t size) {
    if (size && count > SIZE_MAX / size) return NULL;
    void *p = arena_alloc(count * size);
    if (p) memset(p, 0, count * size);
    return p;
}

static void *arena_realloc(void *old, size_t size) {
    void *p = arena_alloc(size);
    if (p && old) {
        size_t old_size = *(size_t *)((char *)old - HEADER);
        memcpy(p, old, old_size < size ? old_size : size);
    }
    return p;
}

static void arena_free(void *p) { (void)p; }

static cmark_mem arena = { arena_calloc, arena_realloc, arena_free };

cmark_mem *iclei_cmark_arena(void) { return &arena; }

void iclei_cmark_arena_reset(void) {
    block *b = used_blocks;
    used_blocks = NULL;
    while (b) {
        block *next = b->next;
        if (b->size == BLOCK_SIZE && free_count < KEPT_BLOCKS) {
            b->next = free_blocks;
            free_blocks = b;
            free_count++;
        } else {
            free(b);
        }
        b = next;
    }
}
