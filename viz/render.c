#include "render.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// Pixel sizes of the three text sizes at scale 1.
static const int font_px[TEXT_SIZES] = {12, 14, 18};

int render_init(Renderer *r, SDL_Renderer *sdl, SDL_Surface *target, const char *font_path,
                double scale, char *err, size_t err_size) {
    memset(r, 0, sizeof *r);
    r->sdl = sdl;
    r->target = target;
    for (int s = 0; s < TEXT_SIZES; s++) {
        r->fonts[s] = TTF_OpenFont(font_path, (int)lround(font_px[s] * scale));
        if (r->fonts[s] == NULL) {
            snprintf(err, err_size, "can't open the font '%s': %s", font_path, TTF_GetError());
            render_free(r);
            return -1;
        }
        // Hinting snaps glyphs to whole pixels: crisp small text, and a
        // whole-pixel advance, which the monospace layout relies on.
        TTF_SetFontHinting(r->fonts[s], TTF_HINTING_NORMAL);
        int advance = 0;
        if (TTF_GlyphMetrics32(r->fonts[s], 'M', NULL, NULL, NULL, NULL, &advance) != 0 ||
            advance <= 0) {
            snprintf(err, err_size, "the font '%s' has no usable glyph 'M'", font_path);
            render_free(r);
            return -1;
        }
        r->metrics.advance[s] = advance;
        r->metrics.line[s] = TTF_FontLineSkip(r->fonts[s]);
    }
    return 0;
}

void render_free(Renderer *r) {
    for (int s = 0; s < TEXT_SIZES; s++) {
        for (int i = 0; i < GLYPH_SLOTS; i++) {
            if (r->glyphs[s][i].texture) SDL_DestroyTexture(r->glyphs[s][i].texture);
            free(r->glyphs[s][i].coverage);
        }
        if (r->fonts[s]) TTF_CloseFont(r->fonts[s]);
    }
    memset(r, 0, sizeof *r);
}

// Each glyph is rendered once, in white, and tinted at draw time: as a
// texture with a colour mod (window), or as coverage values blended by
// hand (surface). Text costs one blit per character, whatever its colour.
static bool make_glyph(Renderer *r, Glyph *g, TextSize size, uint32_t cp) {
    if (!TTF_GlyphIsProvided32(r->fonts[size], cp)) return false;
    SDL_Surface *s = TTF_RenderGlyph32_Blended(r->fonts[size], cp, (SDL_Color){255, 255, 255, 255});
    if (s == NULL) return false;
    g->w = s->w;
    g->h = s->h;
    if (r->target) {
        SDL_Surface *argb = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_ARGB8888, 0);
        g->coverage = argb ? malloc((size_t)g->w * (size_t)g->h) : NULL;
        for (int y = 0; g->coverage && y < g->h; y++) {
            const Uint32 *row = (const Uint32 *)((const Uint8 *)argb->pixels + y * argb->pitch);
            for (int x = 0; x < g->w; x++) g->coverage[y * g->w + x] = (uint8_t)(row[x] >> 24);
        }
        SDL_FreeSurface(argb);
    } else {
        g->texture = SDL_CreateTextureFromSurface(r->sdl, s);
        if (g->texture) SDL_SetTextureBlendMode(g->texture, SDL_BLENDMODE_BLEND);
    }
    SDL_FreeSurface(s);
    return g->coverage || g->texture;
}

static Glyph *glyph(Renderer *r, TextSize size, uint32_t cp) {
    uint32_t h = (cp * 2654435761u) % GLYPH_SLOTS;
    for (int probe = 0; probe < GLYPH_SLOTS; probe++, h = (h + 1) % GLYPH_SLOTS) {
        Glyph *g = &r->glyphs[size][h];
        if (g->codepoint == cp) return g->missing ? NULL : g;
        if (g->codepoint != 0) continue;
        g->codepoint = cp;
        g->missing = !make_glyph(r, g, size, cp);
        return g->missing ? NULL : g;
    }
    return NULL;  // the cache is full: skip rare glyphs rather than grow
}

// ---- straight into the surface's pixels ---------------------------------------------

static Uint32 pack(const SDL_PixelFormat *f, Uint8 r, Uint8 g, Uint8 b) {
    return ((Uint32)r << f->Rshift) | ((Uint32)g << f->Gshift) | ((Uint32)b << f->Bshift) | f->Amask;
}

static Uint8 mix(Uint32 dst, int shift, int src, int alpha) {
    int d = (int)((dst >> shift) & 0xFF);
    return (Uint8)((src * alpha + d * (255 - alpha) + 127) / 255);
}

static Uint32 blend(const SDL_PixelFormat *f, Uint32 dst, Color c, int alpha) {
    return pack(f, mix(dst, f->Rshift, c.r, alpha), mix(dst, f->Gshift, c.g, alpha),
                mix(dst, f->Bshift, c.b, alpha));
}

static void fill(SDL_Surface *s, Rect r, Color c) {
    int x0 = r.x < 0 ? 0 : r.x, y0 = r.y < 0 ? 0 : r.y;
    int x1 = r.x + r.w > s->w ? s->w : r.x + r.w, y1 = r.y + r.h > s->h ? s->h : r.y + r.h;
    Uint32 solid = pack(s->format, c.r, c.g, c.b);
    for (int y = y0; y < y1; y++) {
        Uint32 *row = (Uint32 *)((Uint8 *)s->pixels + y * s->pitch);
        if (c.a == 255) {
            for (int x = x0; x < x1; x++) row[x] = solid;
        } else {
            for (int x = x0; x < x1; x++) row[x] = blend(s->format, row[x], c, c.a);
        }
    }
}

static void stamp(SDL_Surface *s, const Glyph *g, int gx, int gy, Color c) {
    for (int y = 0; y < g->h; y++) {
        if (gy + y < 0 || gy + y >= s->h) continue;
        Uint32 *row = (Uint32 *)((Uint8 *)s->pixels + (gy + y) * s->pitch);
        const uint8_t *cov = g->coverage + y * g->w;
        for (int x = 0; x < g->w; x++) {
            if (cov[x] == 0 || gx + x < 0 || gx + x >= s->w) continue;
            row[gx + x] = blend(s->format, row[gx + x], c, cov[x] * c.a / 255);
        }
    }
}

static uint32_t next_codepoint(const char **s) {
    const unsigned char *p = (const unsigned char *)*s;
    uint32_t cp = *p++;
    int more = cp >= 0xF0 ? 3 : cp >= 0xE0 ? 2 : cp >= 0xC0 ? 1 : 0;
    if (more) cp &= 0x3F >> more;
    while (more-- > 0 && (*p & 0xC0) == 0x80) cp = (cp << 6) | (*p++ & 0x3F);
    *s = (const char *)p;
    return cp;
}

static void text(Renderer *r, const DrawList *list, const DrawCmd *c) {
    const char *s = drawcmd_text(list, c);
    int adv = r->metrics.advance[c->size];
    int width = utf8_length(s) * adv;
    int x = c->r.x;
    if (c->align == ALIGN_CENTER) x += (c->r.w - width) / 2;
    else if (c->align == ALIGN_RIGHT) x += c->r.w - width;
    int y = c->r.y + (c->r.h - TTF_FontHeight(r->fonts[c->size])) / 2;
    while (*s) {
        uint32_t cp = next_codepoint(&s);
        Glyph *g = cp > ' ' ? glyph(r, c->size, cp) : NULL;
        if (g && r->target) {
            stamp(r->target, g, x, y, c->color);
        } else if (g) {
            SDL_SetTextureColorMod(g->texture, c->color.r, c->color.g, c->color.b);
            SDL_SetTextureAlphaMod(g->texture, c->color.a);
            SDL_RenderCopy(r->sdl, g->texture, NULL, &(SDL_Rect){x, y, g->w, g->h});
        }
        x += adv;
    }
}

static void thick_line(SDL_Renderer *sdl, float x1, float y1, float x2, float y2, int t) {
    bool steep = fabsf(y2 - y1) > fabsf(x2 - x1);
    for (int k = 0; k < t; k++) {
        float o = (float)k - (float)(t - 1) / 2;
        if (steep) SDL_RenderDrawLineF(sdl, x1 + o, y1, x2 + o, y2);
        else SDL_RenderDrawLineF(sdl, x1, y1 + o, x2, y2 + o);
    }
}

// A quadratic Bézier from start to end whose middle rises `bulge` pixels,
// with an arrowhead at the end: the walk's jump between two addresses.
static void arc(SDL_Renderer *sdl, const DrawCmd *c) {
    enum { N = 28 };
    float x0 = (float)c->r.x, y0 = (float)c->r.y, x2 = (float)c->x2, y2 = (float)c->y2;
    float cx = (x0 + x2) / 2, cy = (y0 + y2) / 2 - 2.0f * (float)c->bulge;
    float px = x0, py = y0, qx = x0, qy = y0;
    for (int i = 1; i <= N; i++) {
        float t = (float)i / N, u = 1 - t;
        float x = u * u * x0 + 2 * u * t * cx + t * t * x2;
        float y = u * u * y0 + 2 * u * t * cy + t * t * y2;
        thick_line(sdl, px, py, x, y, c->thickness);
        qx = px, qy = py;
        px = x, py = y;
    }
    float dx = px - qx, dy = py - qy, len = sqrtf(dx * dx + dy * dy);
    if (len < 0.01f) return;
    dx /= len, dy /= len;
    for (int side = -1; side <= 1; side += 2) {
        float a = 0.5f * (float)side;  // about 29 degrees
        float hx = dx * cosf(a) - dy * sinf(a), hy = dx * sinf(a) + dy * cosf(a);
        thick_line(sdl, px, py, px - 8 * hx, py - 8 * hy, c->thickness);
    }
}

// On our own surface: rectangles and text by hand, lines and arcs by SDL,
// flushed at once so that everything lands in the list's order.
static void draw_on_surface(Renderer *r, const DrawList *list) {
    SDL_Surface *s = r->target;
    SDL_LockSurface(s);
    for (size_t i = 0; i < list->count; i++) {
        const DrawCmd *c = &list->cmds[i];
        switch (c->kind) {
        case DRAW_RECT:
            fill(s, c->r, c->color);
            break;
        case DRAW_FRAME: {
            int t = c->thickness;
            fill(s, (Rect){c->r.x, c->r.y, c->r.w, t}, c->color);
            fill(s, (Rect){c->r.x, c->r.y + c->r.h - t, c->r.w, t}, c->color);
            fill(s, (Rect){c->r.x, c->r.y + t, t, c->r.h - 2 * t}, c->color);
            fill(s, (Rect){c->r.x + c->r.w - t, c->r.y + t, t, c->r.h - 2 * t}, c->color);
            break;
        }
        case DRAW_TEXT:
            text(r, list, c);
            break;
        case DRAW_LINE:
        case DRAW_ARC:
            SDL_UnlockSurface(s);
            SDL_SetRenderDrawBlendMode(r->sdl, c->color.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
            SDL_SetRenderDrawColor(r->sdl, c->color.r, c->color.g, c->color.b, c->color.a);
            if (c->kind == DRAW_LINE) {
                thick_line(r->sdl, (float)c->r.x, (float)c->r.y, (float)c->x2, (float)c->y2, c->thickness);
            } else {
                arc(r->sdl, c);
            }
            SDL_RenderFlush(r->sdl);
            SDL_LockSurface(s);
            break;
        }
    }
    SDL_UnlockSurface(s);
}

void render_draw(Renderer *r, const DrawList *list) {
    if (r->target) {
        draw_on_surface(r, list);
        return;
    }
    SDL_Renderer *sdl = r->sdl;
    for (size_t i = 0; i < list->count; i++) {
        const DrawCmd *c = &list->cmds[i];
        // Blend only what is see-through: the software renderer fills an
        // opaque rectangle many times faster than it blends one.
        SDL_SetRenderDrawBlendMode(sdl, c->color.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
        SDL_SetRenderDrawColor(sdl, c->color.r, c->color.g, c->color.b, c->color.a);
        switch (c->kind) {
        case DRAW_RECT:
            SDL_RenderFillRect(sdl, &(SDL_Rect){c->r.x, c->r.y, c->r.w, c->r.h});
            break;
        case DRAW_FRAME: {
            int t = c->thickness;
            SDL_Rect sides[4] = {
                {c->r.x, c->r.y, c->r.w, t},
                {c->r.x, c->r.y + c->r.h - t, c->r.w, t},
                {c->r.x, c->r.y + t, t, c->r.h - 2 * t},
                {c->r.x + c->r.w - t, c->r.y + t, t, c->r.h - 2 * t},
            };
            SDL_RenderFillRects(sdl, sides, 4);
            break;
        }
        case DRAW_LINE:
            thick_line(sdl, (float)c->r.x, (float)c->r.y, (float)c->x2, (float)c->y2, c->thickness);
            break;
        case DRAW_ARC:
            arc(sdl, c);
            break;
        case DRAW_TEXT:
            text(r, list, c);
            break;
        }
    }
}
