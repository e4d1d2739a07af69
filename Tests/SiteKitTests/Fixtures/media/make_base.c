/* Writes base.jpg (1200 × 800, a colour gradient) and alpha.png (600 × 400, half transparent)
   with libvips: `cc make_base.c $(pkg-config --cflags --libs vips) && ./a.out`. */
#include <vips/vips.h>

int main(int argc, char **argv) {
    if (VIPS_INIT(argv[0])) vips_error_exit(NULL);
    VipsImage *xy, *x, *y, *r, *g, *b, *rgb, *u8, *crop, *rgba;
    if (vips_xyz(&xy, 1200, 800, NULL) || vips_extract_band(xy, &x, 0, NULL) || vips_extract_band(xy, &y, 1, NULL)
        || vips_linear1(x, &r, 255.0 / 1200, 0, NULL) || vips_linear1(y, &g, 255.0 / 800, 0, NULL)
        || vips_linear1(x, &b, 0, 128, NULL))
        vips_error_exit(NULL);
    VipsImage *in[3] = {r, g, b};
    if (vips_bandjoin(in, &rgb, 3, NULL) || vips_cast(rgb, &u8, VIPS_FORMAT_UCHAR, NULL)
        || vips_jpegsave(u8, "base.jpg", "Q", 85, NULL))
        vips_error_exit(NULL);
    if (vips_extract_area(u8, &crop, 0, 0, 600, 400, NULL) || vips_bandjoin_const1(crop, &rgba, 128, NULL)
        || vips_pngsave(rgba, "alpha.png", NULL))
        vips_error_exit(NULL);
    return 0;
}
