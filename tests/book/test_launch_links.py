"""The launch links under every widget of the website (_ext/book_fixes.py), without a build.

The links come from the same settings as the theme's launch buttons; the build layer
(test_build.py) checks on the built pages that both agree.
"""

from __future__ import annotations

import sys
from types import SimpleNamespace

import pytest
from docutils import nodes

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "_ext"))
import book_fixes  # noqa: E402

OPTIONS = {
    "repository_url": "https://github.com/someone/the-book",
    "repository_branch": "main",
    "path_to_docs": "",
    "launch_buttons": {"notebook_interface": "jupyterlab",
                       "binderhub_url": "https://mybinder.org",
                       "colab_url": "https://colab.research.google.com"},
}


def fake_app(options=OPTIONS, install_ref=""):
    return SimpleNamespace(config=SimpleNamespace(html_theme_options=options,
                                                  nncore_install_ref=install_ref),
                           env=SimpleNamespace(doc2path=lambda d: ROOT / f"{d}.ipynb"))


def cell(*outputs):
    out = nodes.container(classes=["cell_output"])
    out.extend(outputs)
    box = nodes.container(classes=["cell"])
    box += out
    return box


def widget():
    return nodes.raw("", '<script type="application/vnd.jupyter.widget-view+json">'
                         '{"model_id": "x"}</script>', format="html")


def test_the_links_are_those_of_the_launch_buttons():
    links = dict(book_fixes.launch_links(fake_app(), "chapters/01_vectors"))
    assert links == {
        "Binder": "https://mybinder.org/v2/gh/someone/the-book/main"
                  "?urlpath=lab/tree/chapters/01_vectors.ipynb",
        "Colab": "https://colab.research.google.com/github/someone/the-book/blob/main/"
                 "chapters/01_vectors.ipynb",
        "download the notebook (.ipynb)": "../_sources/chapters/01_vectors.ipynb",
    }


def test_binder_and_colab_open_the_pinned_version_the_install_cell_installs():
    links = dict(book_fixes.launch_links(fake_app(install_ref="v0.2.0"), "chapters/01_vectors"))
    assert links["Binder"] == ("https://mybinder.org/v2/gh/someone/the-book/v0.2.0"
                               "?urlpath=lab/tree/chapters/01_vectors.ipynb")
    assert links["Colab"] == ("https://colab.research.google.com/github/someone/the-book/"
                              "blob/v0.2.0/chapters/01_vectors.ipynb")


@pytest.mark.parametrize("url", ["https://github.com/your-github-user/maths-behind-neural-networks",
                                 "https://github.com/your-github-user/x.git/"])
def test_the_placeholder_repository_gets_no_binder_or_colab_links(url):
    options = dict(OPTIONS, repository_url=url)
    links = book_fixes.launch_links(fake_app(options, "v0.2.0"), "chapters/01_vectors")
    assert [label for label, _ in links] == ["download the notebook (.ipynb)"]
    section = nodes.section()
    section += [nodes.note("", nodes.paragraph(text="No Python runs here.")), cell(widget())]
    doc = nodes.document(None, None)
    doc += section
    book_fixes._add_launch_links_to_widgets(fake_app(options), doc, "chapters/01_vectors")
    text = section.children[0].astext()
    assert "repository: url:" in text and "placeholder" in text, text


def theme_buttons(ref="main"):
    """The rocket menu as sphinx-book-theme 1.3 puts it in the page context."""
    return [{"label": "download-buttons", "buttons": []},
            {"label": "launch-buttons", "buttons": [
                {"text": "Binder", "url": f"https://mybinder.org/v2/gh/someone/the-book/{ref}"
                                          "?urlpath=lab/tree/chapters/01_vectors.ipynb"},
                {"text": "Colab", "url": "https://colab.research.google.com/github/someone/"
                                         f"the-book/blob/{ref}/chapters/01_vectors.ipynb"}]}]


def test_the_rocket_menu_is_pinned_like_the_links_under_the_widgets():
    context = {"header_buttons": theme_buttons()}
    app = fake_app(install_ref="0123456789abcdef0123456789abcdef01234567")
    book_fixes._pin_launch_buttons(app, "chapters/01_vectors", "page.html", context, None)
    assert context["header_buttons"] == theme_buttons("0123456789abcdef0123456789abcdef01234567")
    links = dict(book_fixes.launch_links(app, "chapters/01_vectors"))
    for button in context["header_buttons"][1]["buttons"]:
        assert button["url"] == links[button["text"]]


def test_the_rocket_menu_loses_binder_and_colab_while_the_repository_is_the_placeholder():
    context = {"header_buttons": theme_buttons()}
    options = dict(OPTIONS, repository_url="https://github.com/your-github-user/the-book")
    book_fixes._pin_launch_buttons(fake_app(options), "chapters/01_vectors", "page.html",
                                   context, None)
    assert [b["label"] for b in context["header_buttons"]] == ["download-buttons"]


def test_without_a_repository_only_the_download_is_offered():
    links = book_fixes.launch_links(fake_app({"launch_buttons": {}}), "chapters/01_vectors")
    assert [label for label, _ in links] == ["download the notebook (.ipynb)"]


@pytest.fixture
def page():
    """A section with a note before a widget, one widget with no note, an animation."""
    section = nodes.section()
    note = nodes.note("", nodes.paragraph(text="No Python runs here; see make lab."))
    section += [nodes.paragraph(text="Try the sliders."), note,
                nodes.paragraph(text="This cell creates the explorer:"), cell(widget())]
    section += cell(nodes.raw("", "<div>an animation (to_jshtml)</div>", format="html"))
    section += [nodes.paragraph(text="A second widget:"), cell(widget())]
    doc = nodes.document(None, None)
    doc += section
    book_fixes._add_launch_links_to_widgets(fake_app(), doc, "chapters/01_vectors")
    return section


def test_the_note_before_a_widget_gets_the_links(page):
    note = page.children[1]
    assert isinstance(note, nodes.note) and "needs-kernel" in note["classes"]
    links = note.children[-1]
    assert "launch-links" in links["classes"]
    assert [r.astext() for r in links.findall(nodes.reference)] == [
        "Binder", "Colab", "download the notebook (.ipynb)"]
    # the chapter's note names make lab already: not twice
    assert note.astext().count("make lab") == 1


def test_a_widget_without_a_note_gets_one(page):
    notes = [n for n in page.children if isinstance(n, nodes.note)]
    assert len(notes) == 2, "one note per widget, none for the animation"
    added = notes[1]
    assert page.index(added) == len(page.children) - 2, "right before the second widget"
    assert "no Python runs" in added.astext() and "make lab" in added.astext()
    assert len(list(added.findall(nodes.reference))) == 3
