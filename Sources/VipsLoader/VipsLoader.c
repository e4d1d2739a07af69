#include "VipsLoader.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

typedef struct _VipsImage VipsImage;

static struct {
    int ready;
    int (*init)(const char *);
    VipsImage *(*new_from_file)(const char *, ...);
    int (*get_width)(const VipsImage *);
    int (*get_height)(const VipsImage *);
    unsigned long (*get_typeof)(const VipsImage *, const char *);
    int (*get_int)(const VipsImage *, const char *, int *);
    int (*get_string)(const VipsImage *, const char *, const char **);
    int (*thumbnail)(const char *, VipsImage **, int, ...);
    int (*webpsave_buffer)(VipsImage *, void **, size_t *, ...);
    int (*jpegsave_buffer)(VipsImage *, void **, size_t *, ...);
    int (*pngsave_buffer)(VipsImage *, void **, size_t *, ...);
    int (*remove)(VipsImage *, const char *);
    VipsImage *(*copy_memory)(VipsImage *);
    char **(*get_fields)(VipsImage *);
    void (*strfreev)(char **);
    const char *(*error_buffer)(void);
    void (*error_clear)(void);
    void (*unref)(void *);
    void (*g_free)(void *);
} vips;

static pthread_once_t once = PTHREAD_ONCE_INIT;
static __thread char error_text[512];

static void *symbol(void *library, const char *name, int *missing) {
    void *found = dlsym(library, name);
    if (!found) *missing = 1;
    return found;
}

static void open_library(void) {
    void *library = dlopen("libvips.so.42", RTLD_NOW | RTLD_GLOBAL);
    if (!library) return;
    int missing = 0;
    vips.init = symbol(library, "vips_init", &missing);
    vips.new_from_file = symbol(library, "vips_image_new_from_file", &missing);
    vips.get_width = symbol(library, "vips_image_get_width", &missing);
    vips.get_height = symbol(library, "vips_image_get_height", &missing);
    vips.get_typeof = symbol(library, "vips_image_get_typeof", &missing);
    vips.get_int = symbol(library, "vips_image_get_int", &missing);
    vips.get_string = symbol(library, "vips_image_get_string", &missing);
    vips.thumbnail = symbol(library, "vips_thumbnail", &missing);
    vips.webpsave_buffer = symbol(library, "vips_webpsave_buffer", &missing);
    vips.jpegsave_buffer = symbol(library, "vips_jpegsave_buffer", &missing);
    vips.pngsave_buffer = symbol(library, "vips_pngsave_buffer", &missing);
    vips.remove = symbol(library, "vips_image_remove", &missing);
    vips.copy_memory = symbol(library, "vips_image_copy_memory", &missing);
    vips.get_fields = symbol(library, "vips_image_get_fields", &missing);
    vips.strfreev = symbol(RTLD_DEFAULT, "g_strfreev", &missing);
    vips.error_buffer = symbol(library, "vips_error_buffer", &missing);
    vips.error_clear = symbol(library, "vips_error_clear", &missing);
    vips.unref = symbol(RTLD_DEFAULT, "g_object_unref", &missing);
    vips.g_free = symbol(RTLD_DEFAULT, "g_free", &missing);
    if (missing || vips.init("iclei-site") != 0) return;
    // Every image is made once: libvips's cache of recent operations would only hold memory.
    void (*cache_set_max)(int) = dlsym(library, "vips_cache_set_max");
    if (cache_set_max) cache_set_max(0);
    vips.ready = 1;
}

int iclei_vips_open(void) {
    pthread_once(&once, open_library);
    return vips.ready;
}

static int fail(void) {
    snprintf(error_text, sizeof error_text, "%s", vips.error_buffer ? vips.error_buffer() : "libvips failed");
    if (vips.error_clear) vips.error_clear();
    size_t n = strlen(error_text);
    while (n > 0 && (error_text[n - 1] == '\n' || error_text[n - 1] == ' ')) error_text[--n] = 0;
    return -1;
}

int iclei_vips_probe(const char *path, int *width, int *height, int *orientation, char *loader, size_t loaderSize) {
    if (!iclei_vips_open()) {
        snprintf(error_text, sizeof error_text, "libvips is not installed (apt-get install libvips-dev)");
        return -1;
    }
    // VIPS_ACCESS_SEQUENTIAL is 1: only the header is read here.
    VipsImage *image = vips.new_from_file(path, "access", 1, NULL);
    if (!image) return fail();
    *width = vips.get_width(image);
    *height = vips.get_height(image);
    *orientation = 1;
    if (vips.get_typeof(image, "orientation")) vips.get_int(image, "orientation", orientation);
    const char *name = "";
    if (vips.get_typeof(image, "vips-loader")) vips.get_string(image, "vips-loader", &name);
    snprintf(loader, loaderSize, "%s", name ? name : "");
    vips.unref(image);
    return 0;
}

int iclei_vips_variants(
    const char *path, int width, const int *formats, int count, void **buffers, size_t *lengths, int *outWidth,
    int *outHeight) {
    if (!iclei_vips_open()) {
        snprintf(error_text, sizeof error_text, "libvips is not installed (apt-get install libvips-dev)");
        return -1;
    }
    VipsImage *lazy = NULL;
    // VIPS_SIZE_DOWN is 2: never larger than the original; the height is left free (a square
    // box otherwise). Thumbnails are turned upright by their EXIF orientation.
    if (vips.thumbnail(path, &lazy, width, "height", 10000000, "size", 2, NULL) != 0) return fail();
    // Decoded and resized once, in memory, for every format (a pipeline runs again per save).
    VipsImage *image = vips.copy_memory(lazy);
    vips.unref(lazy);
    if (!image) return fail();
    // No metadata leaves with a published image (GPS position, camera, author). WebP's saver
    // rebuilds EXIF from the parsed `exif-ifd…` fields, so those go too.
    char **fields = vips.get_fields(image);
    for (char **field = fields; field && *field; field++) {
        if (!strncmp(*field, "exif-", 5) || !strcmp(*field, "xmp-data") || !strcmp(*field, "iptc-data")
            || !strcmp(*field, "orientation"))
            vips.remove(image, *field);
    }
    vips.strfreev(fields);
    int result = 0;
    for (int i = 0; i < count && result == 0; i++) {
        buffers[i] = NULL;
        switch (formats[i]) {
        // Effort 2 of 6: a third faster than the default for a few per cent more bytes.
        case 0: result = vips.webpsave_buffer(image, &buffers[i], &lengths[i], "Q", 80, "effort", 2, "strip", 1, NULL); break;
        case 1:
            result = vips.jpegsave_buffer(image, &buffers[i], &lengths[i], "Q", 82, "strip", 1, "interlace", 1, NULL);
            break;
        default: result = vips.pngsave_buffer(image, &buffers[i], &lengths[i], "strip", 1, NULL); break;
        }
    }
    *outWidth = vips.get_width(image);
    *outHeight = vips.get_height(image);
    vips.unref(image);
    if (result != 0) {
        for (int i = 0; i < count; i++) if (buffers[i]) vips.g_free(buffers[i]);
        return fail();
    }
    return 0;
}

int iclei_vips_pages(const char *path) {
    if (!iclei_vips_open()) return -1;
    VipsImage *image = vips.new_from_file(path, "access", 1, NULL);
    if (!image) {
        fail();
        return -1;
    }
    int pages = -1;
    if (vips.get_typeof(image, "n-pages")) vips.get_int(image, "n-pages", &pages);
    vips.unref(image);
    return pages;
}

void iclei_vips_free(void *buffer) {
    if (vips.g_free) vips.g_free(buffer);
}

const char *iclei_vips_error(void) { return error_text; }
