/* Writes N photo-like JPEGs of about 4 megapixels (2400 × 1600, smooth gradients with noise,
   so that they compress like photographs) for the media benchmark:
     cc make_photos.c $(pkg-config --cflags --libs vips) -o make_photos && ./make_photos DIR N */
#include <stdio.h>
#include <stdlib.h>
#include <vips/vips.h>

int main(int argc, char **argv) {
    if (argc < 3 || VIPS_INIT(argv[0])) return 2;
    int count = atoi(argv[2]);
    for (int n = 0; n < count; n++) {
        VipsImage *xy, *x, *y, *noise, *r, *g, *b, *rgb, *u8;
        if (vips_xyz(&xy, 2400, 1600, NULL) || vips_extract_band(xy, &x, 0, NULL)
            || vips_extract_band(xy, &y, 1, NULL) || vips_gaussnoise(&noise, 2400, 1600, "sigma", 18.0, "mean", 0.0, NULL)
            || vips_linear1(x, &r, 200.0 / 2400, (n * 37) % 55, NULL) || vips_linear1(y, &g, 200.0 / 1600, (n * 53) % 55, NULL)
            || vips_linear1(x, &b, -0.05, 180 - (n % 60), NULL))
            vips_error_exit(NULL);
        VipsImage *in[3] = {r, g, b}, *noisy;
        if (vips_bandjoin(in, &rgb, 3, NULL) || vips_add(rgb, noise, &noisy, NULL)
            || vips_cast(noisy, &u8, VIPS_FORMAT_UCHAR, NULL))
            vips_error_exit(NULL);
        char path[4096];
        snprintf(path, sizeof path, "%s/photo-%03d.jpg", argv[1], n);
        if (vips_jpegsave(u8, path, "Q", 88, NULL)) vips_error_exit(NULL);
        g_object_unref(xy); g_object_unref(x); g_object_unref(y); g_object_unref(noise); g_object_unref(r);
        g_object_unref(g); g_object_unref(b); g_object_unref(rgb); g_object_unref(noisy); g_object_unref(u8);
    }
    return 0;
}
