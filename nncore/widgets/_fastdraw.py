"""Faster drawing for the blit renderers, with matplotlib's own pixels.

A widget's frame is mostly text (numbers, labels, a caption) and, in some, an image
resampled to the screen; matplotlib does both anew in every draw. :class:`GlyphCache`
keeps what text drawing computes (glyph bitmaps, layouts, font metrics), and
:class:`PastedImage` paints an integer image from its data through a map of which data
pixel each screen pixel shows, read once per geometry from matplotlib's own resampling.
Both are used only while a blit renderer paints a frame
(:class:`nncore.widgets._render.BlitRenderer`); ``savefig`` stays matplotlib's own, and
the widgets' tests compare fast frames with it pixel for pixel.
"""

from __future__ import annotations

import numpy as np

__all__ = ["GlyphCache", "PastedImage"]


class PastedImage:
    """An :class:`~matplotlib.image.AxesImage` of integer data drawn
    nearest-neighbour from colours indexed by its data (``NoNorm``), made several
    times faster: the same pixels, without resampling it each frame.

    matplotlib resamples such an image to the screen in every draw (the data, then
    a mask of ones, then normalises and colours the screen-sized array): about
    3 ms for a 355 px square. Nearest-neighbour resampling only copies data
    values, so the picture is the colours of the data (``to_rgba``, which colours
    value by value) taken at the data pixel each screen pixel samples. Which pixel
    that is, and which screen pixels the image covers, depend only on the geometry
    (data shape, extent, origin, transform, clip box, magnification), so they are
    read, once per geometry, from matplotlib's own resampling of a probe: an image
    of the same geometry whose values are the data pixels' indices (coded in the
    colours of a :class:`~matplotlib.colors.ListedColormap`). The geometry is
    compared in every frame, so the map is never stale; an image that does not
    fit these conditions (another interpolation, a norm, alpha, a mask, wide
    integers) is drawn by matplotlib as always.
    """

    def __init__(self, image):
        self.image = image
        self._key, self._plan = None, None

    def draw(self, ax, renderer):
        image = self.image
        image.make_image = self.make_image  # this draw only: matplotlib does the rest
        try:
            ax.draw_artist(image)
        finally:
            del image.make_image

    def make_image(self, renderer, magnification=1.0, unsampled=False):
        image = self.image
        A = image.get_array()
        plan = None if unsampled else self.plan(A, magnification)
        if plan is None:
            return type(image).make_image(image, renderer, magnification, unsampled)
        rows, cols, codes, outside, l, b, trans = plan
        colours = image.to_rgba(A, bytes=True, norm=False)  # as matplotlib colours
        # one RGBA pixel as one uint32: a C-ordered copy, quick to take and to draw
        pixels = np.ascontiguousarray(colours).view(np.uint32)[..., 0]
        if codes is None:
            taken = pixels.take(rows, axis=0).take(cols, axis=1)
        else:
            taken = pixels.take(codes)
        out = np.ascontiguousarray(taken).view(np.uint8).reshape(*taken.shape, 4)
        if outside is not None:  # sampled nothing: value 0's colour, transparent
            blank = image.to_rgba(np.zeros((1, 1), A.dtype), bytes=True, norm=False)
            out[outside] = blank[0, 0]
            out[outside, 3] = 0
        return out, l, b, trans

    def plan(self, A, magnification):
        """(rows, cols, codes, outside, l, b, trans) for this geometry, or None."""
        from matplotlib.colors import NoNorm
        from matplotlib.image import AxesImage

        image = self.image
        if (type(image) is not AxesImage or A is None or A.ndim != 2
                or A.dtype.kind not in "ui" or A.dtype.itemsize > 2  # exact in f4
                or np.ma.getmask(A) is not np.ma.nomask and A.mask.any()
                or image.get_interpolation() != "nearest"
                or image.get_interpolation_stage() != "data"
                or type(image.norm) is not NoNorm or image.get_alpha() is not None
                or not image.get_transform().is_affine):
            return None
        clip = ((image.get_clip_box() or image.axes.bbox) if image.get_clip_on()
                else image.get_figure(root=True).bbox)
        key = (A.shape, tuple(image.get_extent()), image.origin,
               tuple(image.get_transform().get_matrix().ravel()), tuple(clip.extents),
               image.get_clip_on(), magnification, image.get_resample(),
               image.get_filternorm(), image.get_filterrad())
        if key != self._key:
            self._key, self._plan = key, self._probe(A.shape, magnification)
        return self._plan

    def _probe(self, shape, magnification):
        from matplotlib.colors import ListedColormap, NoNorm
        from matplotlib.image import AxesImage

        image = self.image
        n = shape[0] * shape[1]
        if n > 1 << 24:
            return None
        index = np.arange(n)
        # index i as the colour (i & 255, i >> 8 & 255, i >> 16), each byte k as
        # k / 255, which ``bytes=True`` turns back into k (checked)
        code = np.stack([index & 255, index >> 8 & 255, index >> 16], axis=1)
        cmap = ListedColormap(np.column_stack([code / 255, np.ones(n)]))
        if not np.array_equal(cmap(index, bytes=True)[:, :3], code):
            return None
        probe = AxesImage(
            image.axes, cmap=cmap,
            norm=NoNorm(), interpolation="nearest", interpolation_stage="data",
            origin=image.origin, extent=image.get_extent(),
            filternorm=image.get_filternorm(), filterrad=image.get_filterrad(),
            resample=image.get_resample())
        probe.set_transform(image.get_transform())
        probe.set_clip_box(image.get_clip_box())
        probe.set_clip_on(image.get_clip_on())
        probe.set_data(index.reshape(shape).astype(np.int32))
        out, l, b, trans = probe.make_image(None, magnification)
        if out is None:
            return None
        alpha = out[..., 3]
        inside = alpha == 255
        if not (inside | (alpha == 0)).all():  # partly covered pixels: not here
            return None
        codes = (out[..., 0].astype(np.intp) | out[..., 1].astype(np.intp) << 8
                 | out[..., 2].astype(np.intp) << 16)
        rows, cols = codes // shape[1], codes % shape[1]
        outside = None if inside.all() else ~inside
        if outside is None and (rows == rows[:, :1]).all() and (cols == cols[:1]).all():
            return rows[:, 0], cols[0], None, None, l, b, trans  # rows x columns
        return None, None, codes, outside, l, b, trans


class GlyphCache:
    """Agg's text drawing, with the glyphs' bitmaps, the texts' layouts and the
    fonts' line metrics kept: the same pixels, several times faster (matplotlib
    >= 3.11, whose Agg renderer draws a text glyph by glyph through
    ``_draw_text_glyphs_and_boxes``).

    Most of a frame's cost is text (numbers, labels, a caption), and matplotlib
    looks up the font, lays out and rasterises every glyph of every text anew each
    time it draws or measures it: about half a millisecond a text. Here:

    - FreeType's bitmap of a glyph depends on the font, size, resolution, glyph,
      transform, load flags and antialiasing, and on where it is drawn only
      through the sub-pixel part of its origin (matplotlib places glyphs to
      1/64 px): whole pixels only move it. Bitmaps are kept under all of these.
    - The glyphs of one text line are blended by one call of Agg's
      ``draw_text_image``, matplotlib's own blending, from one bitmap made of
      theirs, when no two of them cover the same pixel (Agg leaves a pixel of
      coverage 0 as it is, so the pixels are those of one call per glyph);
      otherwise glyph by glyph, as matplotlib does. The bitmaps of a line are
      kept too, under its glyphs (fonts, sizes, offsets) and the sub-pixel parts
      of their origins, which fix the whole pixels between them.
    - The layout of a plain text line (its glyphs and their offsets) is kept under
      its font object, size, resolution, string, load flags, features and
      language (mathtext parses are kept by matplotlib already), and the line
      metrics of a font (``_get_font_height_metrics``, computed as
      ``Text._get_layout`` computes them) under its font object, size and dpi.
    - Fonts are looked up once per drawing block for each font properties.

    A key holds everything its value is computed from (and the font objects are
    held, so that their ids stay theirs): nothing kept can be stale, and a frame
    drawn through this equals matplotlib's own draw pixel for pixel (the widgets'
    tests compare fast frames with ``savefig``). :meth:`install` puts it on a
    renderer only for a block of a blit renderer's drawing (see
    :meth:`nncore.widgets._render.BlitRenderer._paint`): ``savefig`` stays matplotlib's own.
    """

    MAX_ENTRIES = 20_000  # a store is emptied when it holds that many
    _HOOKS = ("draw_text", "_draw_text_glyphs_and_boxes", "_get_font_height_metrics",
              "get_text_width_height_descent")

    def __init__(self):
        self.glyphs, self.layouts, self.metrics, self.matrices = {}, {}, {}, {}
        self.lines = {}  # a line of glyphs at sub-pixel places -> its bitmaps
        self.fonts = {}  # font properties -> font, for one drawing block
        # a list while a caller wants to know where glyphs are drawn: their
        # bitmaps' boxes (columns and rows from the top; None: not only glyphs)
        self.ink = None

    @staticmethod
    def active(renderer):
        """Whether ``renderer`` draws its texts through a :class:`GlyphCache` now."""
        return "draw_text" in vars(renderer)

    def install(self, renderer, figure):
        """Draw and measure the texts of ``figure`` on ``renderer`` through this,
        until :meth:`remove`. Returns False, having done nothing, where it does
        not apply (another renderer or matplotlib) or is installed already."""
        import functools

        from matplotlib.backends.backend_agg import RendererAgg

        if (type(renderer) is not RendererAgg or "draw_text" in vars(renderer)
                or not callable(getattr(RendererAgg, "_draw_text_glyphs_and_boxes",
                                        None))):
            return False
        self.fonts.clear()  # rcParams may have changed since the last block
        renderer.draw_text = functools.partial(self.draw_text, renderer)
        renderer._draw_text_glyphs_and_boxes = functools.partial(self.draw_glyphs,
                                                                 renderer)
        renderer._get_font_height_metrics = functools.partial(self.font_metrics,
                                                              figure)
        renderer.get_text_width_height_descent = functools.partial(self.measure,
                                                                   renderer)
        return True

    def remove(self, renderer):
        for name in self._HOOKS:
            vars(renderer).pop(name, None)
        self.fonts.clear()

    def font(self, prop):
        """``get_font(fontManager._find_fonts_by_props(prop))``, once per block."""
        from matplotlib.font_manager import fontManager, get_font

        try:
            key = tuple(vars(prop).values())  # the properties, as they are now
            font = self.fonts.get(key)
        except TypeError:  # a property that cannot be a key: looked up each time
            key = font = None
        if font is None:
            font = get_font(fontManager._find_fonts_by_props(prop))
            if key is not None:
                self.fonts[key] = font
        return font

    def font_metrics(self, figure, prop):
        """(min_ascent, min_descent, line_gap) of a font in pixels, as
        ``Text._get_layout`` computes them from its tables."""
        font = self.font(prop)
        fontsize, dpi = prop.get_size_in_points(), figure.dpi
        key = (id(font), fontsize, dpi)
        kept = self.metrics.get(key)
        if kept is None or kept[0] is not font:
            values = (None, None, None)
            for table_name, linegap_key, ascent_key, descent_key in (
                    ("OS/2", "sTypoLineGap", "sTypoAscender", "sTypoDescender"),
                    ("hhea", "lineGap", "ascent", "descent")):
                table = font.get_sfnt_table(table_name)
                if table is None:
                    continue
                units_per_em = font.get_sfnt_table("head")["unitsPerEm"]
                scale = 1 / units_per_em * fontsize * dpi / 72
                values = (table[ascent_key] * scale, -table[descent_key] * scale,
                          table[linegap_key] * scale)
                break
            kept = (font, values)
            self._keep(self.metrics, key, kept)
        return kept[1]

    def measure(self, renderer, s, prop, ismath):
        """``RendererAgg.get_text_width_height_descent``, the font looked up once
        per block (matplotlib keeps the results, per string)."""
        from matplotlib.backends.backend_agg import RendererAgg, get_hinting_flag

        if ismath is not False:  # mathtext and TeX: as matplotlib measures them
            return RendererAgg.get_text_width_height_descent(renderer, s, prop, ismath)
        font = self.font(prop)
        font.clear()  # as RendererAgg._prepare_font
        font.set_size(prop.get_size_in_points(), renderer.dpi)
        font.set_text(s, 0.0, flags=get_hinting_flag())
        w, h = font.get_width_height()  # width and height of unrotated string
        d = font.get_descent()
        return w / 64.0, h / 64.0, d / 64.0

    def draw_text(self, renderer, gc, x, y, s, prop, angle, ismath=False, mtext=None):
        """``RendererAgg.draw_text``, with the layout of a plain text kept."""
        from matplotlib.backends.backend_agg import RendererAgg, get_hinting_flag

        if ismath:  # mathtext: its glyphs come to draw_glyphs
            return RendererAgg.draw_text(renderer, gc, x, y, s, prop, angle, ismath,
                                         mtext)
        font = self.font(prop)
        flags = get_hinting_flag()
        features = mtext.get_fontfeatures() if mtext is not None else None
        language = mtext.get_language() if mtext is not None else None
        size = prop.get_size_in_points()
        key = (id(font), size, renderer.dpi, s, flags, repr(features), repr(language))
        kept = self.layouts.get(key)
        if kept is None or kept[0] is not font:
            font.clear()  # as RendererAgg._prepare_font leaves it
            font.set_size(size, renderer.dpi)
            items = font._layout(s, flags=flags, features=features, language=language)
            kept = (font, tuple((item.ft_object, size, item.glyph_index, 0, 1, item.x,
                                 item.y) for item in items))
            self._keep(self.layouts, key, kept)
        self.draw_glyphs(renderer, gc, x, y, angle, kept[1], [])

    def draw_glyphs(self, renderer, gc, x, y, angle, glyphs, boxes):
        """``RendererAgg._draw_text_glyphs_and_boxes``, with the bitmaps kept, and
        the bitmaps of a whole line as it was last drawn at the same sub-pixel
        places."""
        import math

        from matplotlib.backends.backend_agg import RendererAgg, get_hinting_flag

        glyphs = glyphs if isinstance(glyphs, tuple) else tuple(glyphs)
        if glyphs:
            cos = math.cos(math.radians(angle))
            sin = math.sin(math.radians(angle))
            height = renderer.height
            dx = np.array([g[5] for g in glyphs], dtype=float)
            dy = np.array([g[6] for g in glyphs], dtype=float)
            # the glyphs' origins in 1/64 px, as matplotlib computes them (rounded
            # half to even, as Python's round; FreeType's y is upwards)
            gx = np.round(0x40 * (x + dx * cos - dy * sin)).astype(np.int64)
            gy = np.round(0x40 * (height - y + dx * sin + dy * cos)).astype(np.int64)
            setting = (renderer.dpi, angle, get_hinting_flag(), gc.get_antialiased())
            key = (glyphs, (gx & 63).tobytes(), (gy & 63).tobytes(), setting)
            pieces = self.lines.get(key)
            if pieces is None:
                pieces = self._line(glyphs, gx.tolist(), gy.tolist(), cos, sin, setting)
                self._keep(self.lines, key, pieces)
            # the pieces are placed from the first glyph's whole pixels
            left0, top0 = int(gx[0]) >> 6, int(height) - (int(gy[0]) >> 6)
            draw_image = renderer._renderer.draw_text_image
            for buffer, left, top in pieces:
                # draw_text_image's y is downwards & the bitmap bottom side
                draw_image(buffer, left0 + left, top0 + top + buffer.shape[0], 0, gc)
            if self.ink is not None:
                self.ink += [(left0 + left, top0 + top, left0 + left + buffer.shape[1],
                              top0 + top + buffer.shape[0])
                             for buffer, left, top in pieces]
        if boxes:  # mathtext's rules (fraction bars, ...): matplotlib draws them
            if self.ink is not None:
                self.ink.append(None)
            RendererAgg._draw_text_glyphs_and_boxes(renderer, gc, x, y, angle, (),
                                                    boxes)

    def _line(self, glyphs, gx, gy, cos, sin, setting):
        """The bitmaps of a line of glyphs whose origins are ``gx, gy`` (1/64 px),
        each with its left column and top row (downwards) counted from the first
        origin's whole pixels: one bitmap made of all, when no two glyphs ink the
        same pixel, else one per inked glyph, in their order."""
        from matplotlib.backends.backend_agg import RenderMode

        dpi, angle, load_flags, antialiased = setting
        kept = self.glyphs
        placed = []  # (bitmap, its left column, its top row, its inked pixels)
        for (font, size, glyph_index, slant, extend, _, _), x, y in zip(glyphs, gx, gy):
            # the key holds the font object itself: kept alive, compared by identity
            key = (font, size, glyph_index, slant, extend, x & 63, y & 63, setting)
            glyph = kept.get(key)
            if glyph is None:
                matrix = self.matrices.get((angle, slant, extend))
                if matrix is None:
                    matrix = (0x10000 * np.array([[cos, -sin], [sin, cos]])
                              @ [[extend, extend * slant], [0, 1]]).round().astype(int)
                    self.matrices[(angle, slant, extend)] = matrix
                font.set_size(size, dpi)
                font._set_transform(matrix, [x, y])
                bitmap = font._render_glyph(
                    glyph_index, load_flags,
                    RenderMode.NORMAL if antialiased else RenderMode.MONO)
                buffer = np.array(bitmap.buffer)  # a copy: FreeType reuses its own
                if not antialiased:
                    buffer *= 0xff
                # the bitmap's corner, less the whole pixels of the glyph's origin
                glyph = (buffer, bitmap.left - (x >> 6), bitmap.top - (y >> 6),
                         np.count_nonzero(buffer))
                self._keep(kept, key, glyph)
            buffer, left, top, inked = glyph
            if inked:  # a blank bitmap (a space) changes no pixel
                # from the first origin's whole pixels; rows downwards
                placed.append((buffer, left + (x >> 6) - (gx[0] >> 6),
                               (gy[0] >> 6) - (y >> 6) - top, inked))
        if len(placed) > 1:
            x0 = min(p[1] for p in placed)
            x1 = max(p[1] + p[0].shape[1] for p in placed)
            y0 = min(p[2] for p in placed)
            y1 = max(p[2] + p[0].shape[0] for p in placed)
            line = np.zeros((y1 - y0, x1 - x0), dtype=np.uint8)
            for buffer, left, top, _ in placed:
                h, w = buffer.shape
                line[top - y0:top - y0 + h, left - x0:left - x0 + w] |= buffer
            if np.count_nonzero(line) == sum(p[3] for p in placed):  # no overlap
                return [(line, x0, y0)]
        return [(buffer, left, top) for buffer, left, top, _ in placed]

    def _keep(self, store, key, value):
        if len(store) >= self.MAX_ENTRIES:
            store.clear()
        store[key] = value
