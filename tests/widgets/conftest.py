"""Helpers shared by the widget tests, as fixtures (tests/widgets is not a package, so a
helper module could not be imported reliably; pytest finds these by name).

``png_pixels`` and ``status_text`` return plain functions; ``shell`` stands in for IPython.
"""

import io
import re

import numpy as np
import pytest
from ipywidgets.widgets import widget_output
from PIL import Image

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

# What the status lines write that a test's f-string does not: HTML entities for a space
# and for ">", and U+2212 for a minus sign. None of these appears in what a test looks for.
STATUS_REPLACEMENTS = (("&nbsp;", " "), ("&gt;", ">"), ("\u2212", "-"))


def _png_pixels(data):
    """The pixels of PNG bytes, as an array; fails if data is not a PNG."""
    assert bytes(data[:8]) == PNG_SIGNATURE
    return np.asarray(Image.open(io.BytesIO(data)))


def _status_text(widget):
    """The plain text of a widget's HTML status line: tags removed, the entities and the
    minus sign in STATUS_REPLACEMENTS written as plain ASCII."""
    text = re.sub(r"<[^>]+>", "", widget.status.value)
    for old, new in STATUS_REPLACEMENTS:
        text = text.replace(old, new)
    return text


@pytest.fixture(scope="session")
def png_pixels():
    """png_pixels(data): decode PNG bytes (an Image widget's value, render_png's result)."""
    return _png_pixels


@pytest.fixture(scope="session")
def status_text():
    """status_text(widget): the plain text of widget.status, an HTML widget."""
    return _status_text


class FakeShell:
    """Stands in for IPython's shell: Output.capture hands it the exceptions a callback
    raises (via showtraceback), and it records them in ``shown``."""

    kernel = None

    def __init__(self):
        self.shown = []

    def showtraceback(self, exc_tuple, tb_offset=None):
        self.shown.append(exc_tuple[1])


@pytest.fixture
def shell(monkeypatch):
    """A FakeShell that ipywidgets' Output widget takes for the running IPython, as in a
    notebook; its ``shown`` lists the exceptions the widget's callbacks raised."""
    fake = FakeShell()
    monkeypatch.setattr(widget_output, "get_ipython", lambda: fake)
    return fake
