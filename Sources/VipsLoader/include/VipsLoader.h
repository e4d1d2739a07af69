#ifndef ICLEI_VIPS_LOADER_H
#define ICLEI_VIPS_LOADER_H
#include <stddef.h>

// libvips, opened on first use (dlopen): linking it would load about a hundred shared
// libraries at every start of the program, 55 ms, for sites and commands that use no image
// (PERFORMANCE.md). Returns 0 when libvips is not installed.
int iclei_vips_open(void);

// Reads an image's header: its size as stored, its EXIF orientation (1–8) and its loader's
// name (jpegload, pngload, webpload, gifload, svgload, …). 0 on success.
int iclei_vips_probe(const char *path, int *width, int *height, int *orientation, char *loader, size_t loaderSize);

// The image at `width` pixels (never larger than it is), turned upright by its EXIF
// orientation, decoded once and encoded without metadata in each of `count` formats (0 WebP,
// 1 JPEG, 2 PNG) into buffers[i] / lengths[i], freed with iclei_vips_free. 0 on success.
int iclei_vips_variants(
    const char *path, int width, const int *formats, int count, void **buffers, size_t *lengths, int *outWidth,
    int *outHeight);

// The number of pages of a PDF (through poppler), or -1.
int iclei_vips_pages(const char *path);

void iclei_vips_free(void *buffer);

// The last error's text (cleared after reading); never NULL.
const char *iclei_vips_error(void);

#endif
