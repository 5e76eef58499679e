"""Every PNG a widget sends, and the renderers that make them fast.

:func:`encode_png` is the one PNG writer (no row filter, zlib level 1: these
flat-coloured pictures compress almost as well as at level 6, in a third of the time);
:func:`render_png` is a full draw (the reference the tests compare fast frames with).
:class:`BlitRenderer` redraws only a Display's moving artists over a saved picture of
the rest; :class:`TextBlitRenderer` (the computation graph) repaints only the texts that
changed; :class:`PanelBlitRenderer` handles panels with moving artists at different
depths; :class:`FrameRenderer` paints the Playground's thumbnails straight from their
arrays. The timings are in ``bench/README.md``.
"""

from __future__ import annotations

import io
import struct
import zlib

import matplotlib
import numpy as np

from ..plotting._base import check_dpi
from ._fastdraw import GlyphCache, PastedImage

__all__ = ["render_png", "encode_png", "canvas_png", "palette_png", "BlitRenderer", "FrameRenderer", "PanelBlitRenderer",
           "TextBlitRenderer"]


#: Resolution of the widgets' pictures (measured in bench/bench_widget.py).
DPI = 90
#: zlib level of every PNG a widget sends: 1, the fastest; these flat-coloured pictures
#: compress almost as well as at level 6 (bench/README.md).
PNG_LEVEL = 1


def encode_png(pixels):
    """PNG bytes of an image: the one PNG writer of the widgets.

    No row filter and zlib level 1, written out here rather than by Pillow: Pillow's
    adaptive row filter costs as much as the compression and, on these flat-coloured
    pictures, makes the file larger (bench/README.md, the Playground's table).

    Parameters
    ----------
    pixels : ndarray of shape (height, width, 3) or (height, width, 4), dtype uint8
        RGB or RGBA, rows from the top (as an Agg canvas holds them).

    Returns
    -------
    bytes

    Examples
    --------
    >>> import numpy as np
    >>> png = encode_png(np.zeros((2, 3, 3), dtype=np.uint8))
    >>> png[:8] == b"\\x89PNG\\r\\n\\x1a\\n"
    True
    """
    pixels = np.asarray(pixels)
    if pixels.dtype != np.uint8 or pixels.ndim != 3 or pixels.shape[2] not in (3, 4):
        raise ValueError("pixels must be a uint8 array of shape (height, width, 3 or 4); "
                         f"got {pixels.dtype} of shape {pixels.shape}")
    h, w, channels = pixels.shape
    raw = np.empty((h, channels * w + 1), dtype=np.uint8)
    raw[:, 0] = 0  # filter type 0 (None) for every row
    raw[:, 1:].reshape(h, w, channels)[...] = pixels

    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    colour_type = 2 if channels == 3 else 6  # 8-bit RGB or RGBA
    header = struct.pack(">IIBBBBB", w, h, 8, colour_type, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(memoryview(raw).cast("B"), PNG_LEVEL))
            + chunk(b"IEND", b""))


#: Colours of a website frame (:func:`palette_png`): 64 keep these flat-coloured pictures,
#: their antialiased edges and text looking the same, at a quarter of the bytes.
PALETTE_COLOURS = 64


def palette_png(pixels, colours=PALETTE_COLOURS):
    """PNG bytes of an image with at most ``colours`` colours (a palette PNG): how the
    website stores the frames a widget draws at build time.

    Pillow's fast octree quantisation, no dithering (flat areas stay flat), zlib level
    6: a frame of chapter 1's explorer is about 13 KB, against 40 KB as RGB. The same
    pixels always give the same bytes, so a test can draw a frame again and compare.

    Parameters
    ----------
    pixels : ndarray of shape (height, width, 3) or (height, width, 4), dtype uint8
        RGB or RGBA (the alpha channel is dropped: the figures are opaque).
    colours : int, default=64
        From 2 to 256.

    Returns
    -------
    bytes

    Examples
    --------
    >>> import io
    >>> from PIL import Image
    >>> rgb = np.zeros((2, 3, 3), dtype=np.uint8); rgb[0, 0] = (255, 128, 0)
    >>> image = Image.open(io.BytesIO(palette_png(rgb)))
    >>> image.mode, image.size, image.convert("RGB").getpixel((0, 0))
    ('P', (3, 2), (255, 128, 0))
    """
    from PIL import Image  # Pillow is a dependency of matplotlib

    pixels = np.asarray(pixels)
    if pixels.dtype != np.uint8 or pixels.ndim != 3 or pixels.shape[2] not in (3, 4):
        raise ValueError("pixels must be a uint8 array of shape (height, width, 3 or 4); "
                         f"got {pixels.dtype} of shape {pixels.shape}")
    if isinstance(colours, bool) or not isinstance(colours, int) or not 2 <= colours <= 256:
        raise ValueError(f"colours must be an int from 2 to 256; got {colours!r}")
    image = Image.fromarray(np.ascontiguousarray(pixels[:, :, :3]), "RGB")
    image = image.quantize(colours, method=Image.Quantize.FASTOCTREE,
                           dither=Image.Dither.NONE)
    buf = io.BytesIO()
    image.save(buf, format="png", compress_level=6)
    return buf.getvalue()


def canvas_png(canvas, mode="RGBA"):
    """PNG bytes of what an Agg canvas holds now (no new draw); ``mode="RGB"`` drops
    the alpha channel (an opaque figure loses nothing)."""
    if mode not in ("RGB", "RGBA"):
        raise ValueError(f"mode must be 'RGB' or 'RGBA'; got {mode!r}")
    rgba = np.asarray(canvas.buffer_rgba())
    return encode_png(rgba if mode == "RGBA" else rgba[:, :, :3])


def render_png(figure, dpi=DPI):
    """Draw ``figure`` and return it as PNG bytes (:func:`encode_png`).

    A full draw at ``dpi`` (matplotlib's ``savefig`` to raw RGBA), the reference that
    the widgets' fast frames are tested against.

    Parameters
    ----------
    figure : matplotlib.figure.Figure
    dpi : float, default=90
        From 1 to 1000.

    Returns
    -------
    bytes
        A PNG file (RGBA); it starts with ``b"\\x89PNG"``.

    Raises
    ------
    TypeError
        If ``figure`` is not a Figure or ``dpi`` not a number.
    ValueError
        If ``dpi`` is outside 1 to 1000.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> render_png(Figure(figsize=(1, 1)), dpi=20)[:4]
    b'\\x89PNG'
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    if not isinstance(figure, Figure):
        raise TypeError(f"figure must be a matplotlib Figure; got {figure!r:.60} of type "
                        f"{type(figure).__name__}")
    check_dpi(dpi)
    if not isinstance(figure.canvas, FigureCanvasAgg):
        FigureCanvasAgg(figure)
    buf = io.BytesIO()
    figure.savefig(buf, format="rgba", dpi=dpi)
    # the renderer that savefig drew with knows the size in pixels (Agg rounds it)
    shape = np.asarray(figure.canvas.renderer.buffer_rgba()).shape
    return encode_png(np.frombuffer(buf.getvalue(), dtype=np.uint8).reshape(shape))


class BlitRenderer:
    """Render a figure whose only changing artists are ``dynamic``, fast.

    A full draw paints everything that does not move (tick labels, legend, axes
    labels: most of the cost of a draw is their text) and keeps that picture; each
    later frame restores it and paints only the moving artists, plus the thin static
    lines that lie on top of them inside the axes (grid, the coordinate axes, the
    frame), in z-order. This is matplotlib's blitting, used to make PNG frames.
    Call :meth:`full` whenever something static changed (e.g. the axes limits).
    ``ax`` is the axes of the moving artists, or a list of them (a figure of panels).
    ``overlays`` are static artists that lie on top of moving ones (a legend, a
    marker, a message): they are left out of the saved picture and painted once per
    frame in z-order, so that they stay on top and are not painted twice.
    ``pasted`` are moving images of integer data coloured through ``NoNorm`` and
    drawn nearest-neighbour, painted from their data without resampling them
    (:class:`PastedImage`). Texts are painted through
    :class:`GlyphCache`, which keeps their glyphs. Both give matplotlib's
    pixels (a fast frame equals ``savefig``'s draw of the same state), in a fraction
    of the time.
    """

    def __init__(self, figure, ax, dynamic, mode="RGBA", overlays=(), pasted=()):
        self.axes = list(ax) if isinstance(ax, (list, tuple)) else [ax]
        self.figure, self.ax, self.mode = figure, self.axes[0], mode
        self.dynamic = [a for a in dynamic if a is not None]
        self.overlays = [a for a in overlays if a is not None]
        for artist in self.dynamic + self.overlays:
            artist.set_animated(True)
        self._background = None
        # moving images drawn from their data without resampling (PastedImage)
        self._images = {id(image): PastedImage(image) for image in pasted}

    def _layers(self):
        base = min(a.get_zorder() for a in self.dynamic)
        statics = []
        for ax in self.axes:
            statics += [line for line in ax.lines if line not in self.dynamic]
            statics += ax.get_xgridlines() + ax.get_ygridlines() + list(ax.spines.values())
        statics = [a for a in statics if a.get_visible() and a.get_zorder() > base
                   and a not in self.overlays]
        return sorted(self.dynamic + self.overlays + statics, key=lambda a: a.get_zorder())

    def full(self, encode=True):
        """Draw everything; keep the static picture. Returns PNG bytes (None without
        ``encode``: the picture is then only in the canvas)."""
        canvas = self.figure.canvas
        canvas.draw()  # animated (dynamic) artists are left out of this draw
        self._background = canvas.copy_from_bbox(self.figure.bbox)
        self._layers_cache = self._layers()
        return self._paint_and_encode(encode)

    def fast(self, encode=True):
        """Restore the static picture, draw the moving artists; PNG bytes or None."""
        if self._background is None:
            return self.full(encode)
        self.figure.canvas.restore_region(self._background)
        return self._paint_and_encode(encode)

    def _paint_and_encode(self, encode=True):
        self._paint(self._layers_cache)
        return canvas_png(self.figure.canvas, self.mode) if encode else None

    def _paint(self, artists):
        """Draw the visible ``artists`` in this order: texts through
        :class:`GlyphCache`, the ``pasted`` images through
        :class:`PastedImage` (matplotlib's pixels, drawn faster)."""
        renderer = self.figure.canvas.get_renderer()
        installed = self._text.install(renderer, self.figure)
        try:
            for artist in artists:
                if artist.get_visible():
                    image = self._images.get(id(artist))
                    if image is None:
                        self.ax.draw_artist(artist)
                    else:
                        image.draw(self.ax, renderer)
        finally:
            if installed:
                self._text.remove(renderer)

    #: One for every blit renderer: what it keeps does not depend on the figure.
    _text = GlyphCache()


class TextBlitRenderer(BlitRenderer):
    """A :class:`BlitRenderer` for a figure whose moving artists are texts (the numbers
    written on a computation graph): a frame repaints only the texts that changed.

    Drawing a text is the expensive part of such a frame (glyph layout and rendering,
    over a millisecond each), and a slider move changes only some of the numbers. The
    saved static picture is restored where every changed text was (the box of the
    glyphs it drew, or its extent) and under its new extent, grown to where the pixels
    of any text such a region touches are (so no text is painted twice over itself),
    and every text in those regions is drawn once, in z-order. The frame equals a full
    one pixel for pixel (tests/widgets/test_graph.py). Use it only where nothing but
    texts moves and no static artist lies on top of them.
    """

    #: Glyphs drawn without hinting: a quarter cheaper, and at
    #: this size as legible (full frames and fast ones use the same setting).
    TEXT_RC = {"text.hinting": "no_hinting"}

    def full(self, encode=True):
        self._inks = {}
        with self._text_settings():
            png = super().full(encode)
            # the static picture (the whole figure's) as an array: a frame copies
            # parts of it back
            self._saved = np.asarray(self._background)
            self._remember()
        return png

    def fast(self, encode=True):
        if self._background is None:
            return self.full(encode)
        with self._text_settings():
            return self._fast(encode)

    def _text_settings(self):
        """:data:`TEXT_RC` (set and put back key by key: matplotlib.rc_context copies
        all of rcParams twice, a tenth of a frame), and :class:`GlyphCache`
        for measuring and drawing the texts."""
        import contextlib

        @contextlib.contextmanager
        def settings():
            rc = matplotlib.rcParams
            before = {key: rc[key] for key in self.TEXT_RC}
            renderer = self.figure.canvas.get_renderer()
            installed = False
            try:
                rc.update(self.TEXT_RC)
                installed = self._text.install(renderer, self.figure)
                yield
            finally:
                if installed:
                    self._text.remove(renderer)
                rc.update(before)

        return settings()

    def _paint(self, artists):
        """Draw the visible texts ``artists`` in this order (through
        :class:`GlyphCache`), and keep where each one's pixels are: the box
        of its glyphs' bitmaps, for a plain text (no box, path effects or TeX)."""
        from matplotlib.text import Text

        renderer = self.figure.canvas.get_renderer()
        height = renderer.height
        text = self._text
        installed = text.install(renderer, self.figure)
        measured = text.active(renderer)
        try:
            for t in artists:
                if not t.get_visible():
                    self._inks[id(t)] = ()  # nothing of it on the canvas
                    continue
                plain = (measured and type(t) is Text and t.get_bbox_patch() is None
                         and not t.get_path_effects() and not t.get_usetex())
                text.ink = [] if plain else None
                self.ax.draw_artist(t)
                self._inks[id(t)] = self._ink_box(text.ink, height) if plain else None
                text.ink = None
        finally:
            text.ink = None
            if installed:
                text.remove(renderer)

    @staticmethod
    def _ink_box(boxes, height):
        """Display box (origin bottom left) around bitmaps' boxes (columns, rows from
        the top of a canvas ``height`` px high), a pixel wider on each side; () for
        none, None if one is unknown."""
        if any(b is None for b in boxes):
            return None
        if not boxes:
            return ()
        left, top = min(b[0] for b in boxes), min(b[1] for b in boxes)
        right, bottom = max(b[2] for b in boxes), max(b[3] for b in boxes)
        return (left - 1, height - bottom - 1, right + 1, height - top + 1)

    def _remember(self):
        renderer = self.figure.canvas.get_renderer()
        self._drawn = {
            id(t): ((t.get_text(), t.get_position(), t.get_color(), t.get_visible()),
                    t.get_window_extent(renderer).padded(2).extents if t.get_visible()
                    else None)
            for t in self.dynamic
        }

    def _fast(self, encode):
        canvas = self.figure.canvas
        renderer = canvas.get_renderer()
        # id -> the boxes a text covers: where its pixels are (its glyphs' box, when
        # known, else its extent grown by 2 px) and, if it changed, its new extent
        boxes = {}
        dirty = []
        for t in self.dynamic:
            state, old = self._drawn[id(t)]
            ink = self._inks.get(id(t))
            if ink is not None:
                old = ink or None
            now = (t.get_text(), t.get_position(), t.get_color(), t.get_visible())
            if state == now:
                boxes[id(t)] = [old] if old is not None else []
                continue
            new = t.get_window_extent(renderer).padded(2).extents if now[3] else None
            boxes[id(t)] = [b for b in (old, new) if b is not None]
            self._drawn[id(t)] = (now, new)
            dirty.append(t)

        def overlaps(a, b):
            return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]

        regions = [b for t in dirty for b in boxes[id(t)]]
        redraw = {id(t) for t in dirty}
        grown = True
        while grown:  # a text touched by a region is redrawn whole: its boxes join
            grown = False
            for t in self.dynamic:
                if id(t) not in redraw and any(overlaps(b, r) for b in boxes[id(t)]
                                               for r in regions):
                    redraw.add(id(t))
                    regions += boxes[id(t)]
                    grown = True
        pixels, saved = np.asarray(canvas.buffer_rgba()), self._saved
        height, width = saved.shape[:2]
        for x0, y0, x1, y1 in regions:  # display boxes (origin bottom left) -> rows
            left, right = max(0, int(x0)), min(width, int(np.ceil(x1)))
            top, bottom = max(0, int(height - y1)), min(height, int(np.ceil(height - y0)))
            if right > left and bottom > top:  # the static picture there, restored
                pixels[top:bottom, left:right] = saved[top:bottom, left:right]
        self._paint([a for a in self._layers_cache if id(a) in redraw])
        return canvas_png(canvas, self.mode) if encode else None


class PanelBlitRenderer(BlitRenderer):
    """A :class:`BlitRenderer` for panels whose moving artists lie at different depths:
    each axes repaints its static lines (grid, frame) only above its own lowest moving
    artist. (The regions' image is at the bottom of its axes, the loss curve above the
    grid of its own: with one depth for both, that grid would be painted twice.)"""

    def _layers(self):
        statics = []
        for ax in self.axes:
            moving = [a for a in self.dynamic if a.axes is ax]
            if not moving:
                continue
            base = min(a.get_zorder() for a in moving)
            lines = [line for line in ax.lines if line not in self.dynamic]
            lines += ax.get_xgridlines() + ax.get_ygridlines() + list(ax.spines.values())
            statics += [a for a in lines if a.get_visible() and a.get_zorder() > base
                        and a not in self.overlays]
        return sorted(self.dynamic + self.overlays + statics, key=lambda a: a.get_zorder())


class FrameRenderer(BlitRenderer):
    """Blitting for the Playground's frames, faster than the general one of
    :mod:`nncore.widgets` where this picture needs it.

    :meth:`full` draws the figure without its moving artists and keeps that picture, and
    also keeps a picture of the points (``overlays``) alone, with their transparency.
    :meth:`fast` restores the static picture and paints the moving artists in z-order:
    the thumbnails in ``pasted`` (opaque images drawn 1:1 at whole pixels, with
    nearest-neighbour sampling) are written straight into the canvas from their arrays,
    coloured by their own colour map and norm; the rest are drawn by Agg; the kept
    picture of the points is blended in at the points' z-order. The PNG is then encoded
    by :func:`encode_png`. The figure must have no static artist on top of a moving one
    (:class:`PlaygroundDisplay` has none: frames lie behind the images)."""

    def __init__(self, figure, dynamic, pasted=(), overlays=()):
        super().__init__(figure, figure.axes, dynamic, mode="RGB", overlays=overlays)
        self.pasted = set(pasted)  # thumbnails painted from their arrays (not PastedImage)
        self._luts = {}

    def _layers(self):
        layers = list(self.dynamic)
        overlays = [a for a in self.overlays if a.get_visible()]
        if overlays:
            layers.append(_OverlayLayer(min(a.get_zorder() for a in overlays)))
        return sorted(layers, key=lambda a: a.get_zorder())

    def _box(self, image):
        """The image's pixel box in the canvas buffer: rows r0:r1, columns c0:c1."""
        x0, x1, y0, y1 = image.get_extent()
        (px0, py0), (px1, py1) = image.axes.transData.transform([(x0, y0), (x1, y1)])
        height = self.figure.canvas.get_width_height(physical=True)[1]
        return (height - round(py1), height - round(py0), round(px0), round(px1))

    def full(self, encode=True):
        """Draw everything; keep the static picture and the points'. Returns PNG bytes
        (None without ``encode``)."""
        canvas = self.figure.canvas
        canvas.draw()  # animated artists (moving ones, and the points) are left out
        self._background = canvas.copy_from_bbox(self.figure.bbox)
        buf = np.asarray(canvas.buffer_rgba())
        # the points alone, on a transparent canvas: their colours and coverage
        buf[...] = 0
        renderer = canvas.get_renderer()
        for artist in sorted(self.overlays, key=lambda a: a.get_zorder()):
            if artist.get_visible():
                artist.draw(renderer)
        rows = np.flatnonzero(buf[:, :, 3].any(axis=1))
        cols = np.flatnonzero(buf[:, :, 3].any(axis=0))
        if rows.size:
            r0, r1, c0, c1 = rows[0], rows[-1] + 1, cols[0], cols[-1] + 1
            layer = buf[r0:r1, c0:c1].astype(np.float32)
            self._overlay = ((r0, r1, c0, c1), layer[:, :, :3], layer[:, :, 3:] / 255.0)
        else:
            self._overlay = None
        canvas.restore_region(self._background)
        self._boxes = {im: self._box(im) for im in self.pasted}
        self._layers_cache = self._layers()
        return self._paint_and_encode(encode)

    def _colour(self, image):
        """RGBA bytes of an image's array, as its colour map and norm give them: the
        value's place between vmin and vmax picks one of the map's N colours (the
        ends for values beyond), as :class:`matplotlib.colors.Colormap` does."""
        cmap, norm = image.get_cmap(), image.norm
        lut = self._luts.get(id(cmap))
        if lut is None or lut[0] is not cmap:
            self._luts[id(cmap)] = (cmap, cmap(np.arange(cmap.N), bytes=True))
        lut = self._luts[id(cmap)][1]
        x = (np.asarray(image.get_array(), dtype=float) - norm.vmin) * (
            cmap.N / (norm.vmax - norm.vmin))
        return lut[np.clip(x, 0, cmap.N - 1).astype(np.intp)]

    def _paint_and_encode(self, encode=True):
        canvas = self.figure.canvas
        renderer = canvas.get_renderer()
        buf = np.asarray(canvas.buffer_rgba())
        for artist in self._layers_cache:
            if isinstance(artist, _OverlayLayer):
                if self._overlay is not None:
                    (r0, r1, c0, c1), rgb, alpha = self._overlay
                    dst = buf[r0:r1, c0:c1, :3]
                    dst[...] = (rgb * alpha + dst * (1.0 - alpha) + 0.5).astype(np.uint8)
            elif artist in self._boxes:
                if artist.get_visible():
                    r0, r1, c0, c1 = self._boxes[artist]
                    buf[r0:r1, c0:c1] = _sample_nearest(self._colour(artist), r1 - r0,
                                                        c1 - c0)
            elif artist.get_visible():
                artist.draw(renderer)
        return encode_png(buf[:, :, :3]) if encode else None


class _OverlayLayer:
    """Marks the z-order at which :class:`FrameRenderer` blends the kept points."""

    def __init__(self, zorder):
        self.zorder = zorder

    def get_zorder(self):
        return self.zorder


def _sample_nearest(rgba, height, width):
    """An image (rows from the bottom, as ``origin="lower"``) resampled to
    ``height`` x ``width`` pixels by nearest neighbour, rows from the top."""
    if rgba.shape[:2] == (height, width):
        return rgba[::-1]
    rows = ((np.arange(height) + 0.5) * rgba.shape[0] / height).astype(int)
    cols = ((np.arange(width) + 0.5) * rgba.shape[1] / width).astype(int)
    return rgba[rows[::-1]][:, cols]
