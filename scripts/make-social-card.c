/* Writes Public/images/social-card.png, the site's card for social networks (1200 × 630):
   the text wordmark on the site's colours, no logo (ICLEI's own is not ours to imitate).
     cc scripts/make-social-card.c $(pkg-config --cflags --libs vips) -o /tmp/card && /tmp/card
   Needs a Japanese font (fonts-noto-cjk). */
#include <vips/vips.h>

static VipsImage *text(const char *markup, int width) {
    VipsImage *mask, *out;
    if (vips_text(&mask, markup, "width", width, "font", "Noto Sans CJK JP", "dpi", 72, "rgba", FALSE, NULL))
        vips_error_exit(NULL);
    /* White text: the mask as the alpha of a white image. */
    VipsImage *white, *rgba;
    if (vips_black(&white, mask->Xsize, mask->Ysize, "bands", 3, NULL)) vips_error_exit(NULL);
    VipsImage *lit;
    if (vips_linear1(white, &lit, 1, 255, NULL)) vips_error_exit(NULL);
    VipsImage *u8;
    if (vips_cast(lit, &u8, VIPS_FORMAT_UCHAR, NULL) || vips_bandjoin2(u8, mask, &rgba, NULL)) vips_error_exit(NULL);
    if (vips_copy(rgba, &out, "interpretation", VIPS_INTERPRETATION_sRGB, NULL)) vips_error_exit(NULL);
    return out;
}

int main(int argc, char **argv) {
    if (VIPS_INIT(argv[0])) vips_error_exit(NULL);
    double teal[3] = {29, 107, 116};
    VipsImage *black, *background;
    if (vips_black(&black, 1200, 630, "bands", 3, NULL) || vips_linear(black, &background, (double[]){1, 1, 1}, teal, 3, NULL))
        vips_error_exit(NULL);
    VipsImage *cast, *base;
    if (vips_cast(background, &cast, VIPS_FORMAT_UCHAR, NULL)
        || vips_copy(cast, &base, "interpretation", VIPS_INTERPRETATION_sRGB, NULL))
        vips_error_exit(NULL);
    VipsImage *title = text("<span size=\"96pt\" weight=\"bold\">イクレイ日本</span>", 1040);
    VipsImage *english = text("<span size=\"56pt\" weight=\"bold\">ICLEI Japan</span>", 1040);
    VipsImage *tagline = text("<span size=\"32pt\">Local Governments for Sustainability</span>", 1040);
    VipsImage *a, *b, *c;
    if (vips_composite2(base, title, &a, VIPS_BLEND_MODE_OVER, "x", 80, "y", 150, NULL)
        || vips_composite2(a, english, &b, VIPS_BLEND_MODE_OVER, "x", 80, "y", 300, NULL)
        || vips_composite2(b, tagline, &c, VIPS_BLEND_MODE_OVER, "x", 80, "y", 400, NULL))
        vips_error_exit(NULL);
    VipsImage *flat;
    if (vips_flatten(c, &flat, NULL) || vips_cast(flat, &base, VIPS_FORMAT_UCHAR, NULL)
        || vips_pngsave(base, "Public/images/social-card.png", "compression", 9, NULL))
        vips_error_exit(NULL);
    return 0;
}
