"""Small Sphinx additions and fixes for this book, each with the reason it is needed.

Loaded through ``sphinx: local_extensions`` in _config.yml.
"""

from __future__ import annotations

import posixpath
import re
from urllib.parse import quote

from docutils import nodes

# matplotlib's Animation.to_jshtml() links Font Awesome 4 from a CDN for its play buttons.
_CDN_FONT_AWESOME = re.compile(
    r"<link\b[^>]*href=[\"']https?://[^\"']*font-awesome[^\"']*[\"'][^>]*>\s*", re.I
)


def _drop_duplicate_inline_scripts(app, pagename, templatename, context, doctree):
    """Keep one copy of each identical inline ``<script>``.

    sphinx-thebe 0.3.1 adds its configuration as an inline script
    (``const THEBE_JS_URL = ...``) with ``app.add_js_file(None, body=...)``. Its handler
    runs once per build, yet with this stack (Sphinx 7.4, sphinx-book-theme 1.3) every
    page carries the script twice, and the second ``const`` declaration throws
    "Identifier 'THEBE_JS_URL' has already been declared" in the browser. Sphinx's
    ``app.add_js_file`` registers a script with both its registry and the HTML builder,
    which is the likely source of the copy. Scripts with a URL are deduplicated by
    Sphinx itself; inline bodies are not.
    """
    scripts = context.get("script_files")
    if not scripts:
        return
    seen, kept = set(), []
    for script in scripts:
        body = getattr(script, "attributes", {}).get("body")
        if body and body in seen:
            continue
        if body:
            seen.add(body)
        kept.append(script)
    scripts[:] = kept


def _drop_cdn_font_awesome(app, doctree, docname):
    """Remove the CDN stylesheet that animations' HTML links, so the page asks no other host.

    The buttons of ``to_jshtml`` use Font Awesome's ``fa fa-play`` classes; the book
    theme already ships Font Awesome with the site, so the icons still draw. The notebook
    itself is unchanged (in JupyterLab online the link still works).
    """
    for node in list(doctree.findall(nodes.raw)):
        text = node.astext()
        if "html" in node.get("format", "").split() and _CDN_FONT_AWESOME.search(text):
            node.replace_self(nodes.raw("", _CDN_FONT_AWESOME.sub("", text), format="html"))


WIDGET_VIEW = 'type="application/vnd.jupyter.widget-view+json"'


def launch_links(app, docname: str) -> list[tuple[str, str]]:
    """(label, URL) of the ways to run ``docname`` live: Binder, Colab, the notebook file.

    Built from the same settings as the theme's launch buttons (``repository`` and
    ``launch_buttons`` in _config.yml, which Jupyter Book passes on as
    ``html_theme_options``) and in the same form as sphinx-book-theme 1.3's
    ``header_buttons/launch.py``, so that the links under a widget and the rocket menu of
    the page always agree. The notebook link is relative, to the copy of the source
    that Sphinx keeps in ``_sources/`` (the theme's download button).
    """
    options = app.config.html_theme_options or {}
    launch = options.get("launch_buttons") or {}
    suffix = posixpath.splitext(str(app.env.doc2path(docname)))[1]
    source = f"{docname}{suffix}"
    links = []
    url = str(options.get("repository_url") or "").rstrip("/").removesuffix(".git")
    if url:
        branch = options.get("repository_branch") or "master"  # the theme's default
        book = str(options.get("path_to_docs") or "").strip("/")
        in_repo = f"{book}/{source}" if book else source
        ui = {"classic": "tree", "jupyterlab": "lab/tree"}[launch.get("notebook_interface",
                                                                      "classic")]
        github = re.fullmatch(r"https://github\.com/([^/]+)/([^/]+)", url)
        binder = str(launch.get("binderhub_url") or "").strip("/")
        colab = str(launch.get("colab_url") or "").strip("/")
        if binder:
            where = (f"gh/{github[1]}/{github[2]}" if github
                     else f"git/{quote(url, safe='')}")
            links.append(("Binder", f"{binder}/v2/{where}/{branch}?urlpath={ui}/{in_repo}"))
        if colab and github:
            links.append(("Colab", f"{colab}/github/{github[1]}/{github[2]}/blob/{branch}/"
                                   f"{in_repo}"))
    here = posixpath.dirname(docname) or "."
    links.append((f"download the notebook ({suffix})",
                   posixpath.relpath(f"_sources/{source}", here)))
    return links


def _links_paragraph(links, make_lab=True) -> nodes.paragraph:
    """The line "Run this chapter live: Binder · Colab · download the notebook", and
    "or on your computer with make lab" with ``make_lab``."""
    para = nodes.paragraph(classes=["launch-links"])
    para += nodes.strong(text="Run this chapter live: ")
    for i, (label, url) in enumerate(links):
        if i:
            para += nodes.Text(" \u00b7 ")
        para += nodes.reference("", label, refuri=url)
    if make_lab:
        para += nodes.Text(", or on your computer with ")
        para += nodes.literal(text="make lab")
        para += nodes.Text(" (see the README)")
    para += nodes.Text(".")
    return para


def _cell_of(node):
    while node is not None and not (isinstance(node, nodes.container)
                                    and "cell" in node.get("classes", [])):
        node = node.parent
    return node


def _add_launch_links_to_widgets(app, doctree, docname):
    """Give every widget on the static site a note with the links to run it live.

    On the website no kernel runs: a widget's sliders move but its picture does not.
    The chapters say so in a note just before each widget. That note gets a line of
    links (Binder, Colab, the .ipynb, and ``make lab`` unless the note names it); a
    widget cell with no note before it (after the previous code cell) gets a new note
    that says so and carries the links. Animations (``to_jshtml``) are HTML, not
    widgets, and are left alone: they play on the website.
    """
    cells = []
    for raw in doctree.findall(nodes.raw):
        cell = _cell_of(raw) if WIDGET_VIEW in raw.astext() else None
        if cell is not None and cell not in cells:
            cells.append(cell)
    if not cells:
        return
    links = launch_links(app, docname)
    for cell in cells:
        parent = cell.parent
        note = None
        for sibling in reversed(parent.children[:parent.index(cell)]):
            if isinstance(sibling, nodes.container) and "cell" in sibling.get("classes", []):
                break  # the previous code cell: the text before it is about something else
            if isinstance(sibling, (nodes.note, nodes.admonition)):
                note = sibling
                break
        if note is None:
            note = nodes.note()
            note += nodes.paragraph(text=(
                "On the website no Python runs behind the widget below: its controls "
                "move, but its picture does not change."))
            parent.insert(parent.index(cell), note)
        note["classes"].append("needs-kernel")
        note += _links_paragraph(links, make_lab="make lab" not in note.astext())


def setup(app):
    app.connect("html-page-context", _drop_duplicate_inline_scripts)
    app.connect("doctree-resolved", _drop_cdn_font_awesome)
    app.connect("doctree-resolved", _add_launch_links_to_widgets)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
