"""Small Sphinx additions and fixes for this book, each with the reason it is needed.

Loaded through ``sphinx: local_extensions`` in _config.yml.
"""

from __future__ import annotations

import base64
import json
import os
import posixpath
import re
from pathlib import Path
from urllib.parse import quote

from docutils import nodes

from book_repository import PLACEHOLDER_OWNER, Repository

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


_ANIMATION_IMG = re.compile(r'<img id="(_anim_img[0-9a-f]+)"')


def _describe_animations(app, doctree, docname):
    """Give every animation's picture (``to_jshtml``) an alt text: the first sentence of
    the paragraph that introduces it in the chapter (matplotlib writes its ``<img>``
    without one, so a screen reader heard nothing but "image")."""
    for node in list(doctree.findall(nodes.raw)):
        text = node.astext()
        if "html" not in node.get("format", "").split() or not _ANIMATION_IMG.search(text):
            continue
        cell = _cell_of(node)
        parent = cell.parent if cell is not None else None
        intro = ""
        if parent is not None:
            for sibling in reversed(parent.children[:parent.index(cell)]):
                if isinstance(sibling, nodes.paragraph):
                    intro = sibling.astext()
                    break
                if isinstance(sibling, nodes.container) and "cell" in sibling.get("classes", []):
                    break
        # the formulas of the sentence, readable as text: \mathbf{w} -> w, 15^\circ -> 15°
        intro = intro.replace("^\\circ", "\u00b0").replace("\\eta", "\u03b7")
        intro = re.sub(r"\\[a-zA-Z]+\{([^{}]*)\}", r"\1", intro)
        intro = re.sub(r"\\[a-zA-Z]+\s?", "", intro)
        first = re.split(r"(?<=[.:])\s", " ".join(intro.split()), maxsplit=1)[0].rstrip(":")
        alt = first or "An animation; the buttons below it play it frame by frame"
        alt = alt.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
        node.replace_self(nodes.raw("", _ANIMATION_IMG.sub(
            lambda m: f'<img id="{m.group(1)}" alt="{alt}"', text), format="html"))


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


def repository(app) -> Repository:
    """The book's repository: the theme's copy of _config.yml's ``repository`` (what
    Jupyter Book passes on as ``html_theme_options``) and its ``install_ref``."""
    options = app.config.html_theme_options or {}
    return Repository(url=str(options.get("repository_url") or ""),
                      branch=str(options.get("repository_branch") or "master"),  # theme's
                      path_to_book=str(options.get("path_to_docs") or ""),
                      install_ref=str(getattr(app.config, "nncore_install_ref", "") or ""))


def launch_links(app, docname: str) -> list[tuple[str, str]]:
    """(label, URL) of the ways to run ``docname`` live: Binder, Colab, the notebook file.

    In the same form as sphinx-book-theme 1.3's ``header_buttons/launch.py`` builds its
    launch buttons, from the same settings (``repository`` and ``launch_buttons`` in
    _config.yml), and :func:`_pin_launch_buttons` sets the theme's buttons to these very
    URLs, so that the links under a widget and the rocket menu of the page agree. Binder
    and Colab open the book at ``install_ref`` where one is set, the version the chapters'
    install cell installs (_ext/book_repository.py), and are left out while the URL is the
    placeholder. The notebook link is relative, to the copy of the source that Sphinx
    keeps in ``_sources/`` (the theme's download button).
    """
    options = app.config.html_theme_options or {}
    launch = options.get("launch_buttons") or {}
    suffix = posixpath.splitext(str(app.env.doc2path(docname)))[1]
    source = f"{docname}{suffix}"
    links = []
    repo = repository(app)
    if not repo.placeholder:
        url, ref = repo.url, repo.launch_ref
        in_repo = f"{repo.path_to_book}/{source}" if repo.path_to_book else source
        ui = {"classic": "tree", "jupyterlab": "lab/tree"}[launch.get("notebook_interface",
                                                                      "classic")]
        github = re.fullmatch(r"https://github\.com/([^/]+)/([^/]+)", url)
        binder = str(launch.get("binderhub_url") or "").strip("/")
        colab = str(launch.get("colab_url") or "").strip("/")
        if binder:
            where = (f"gh/{github[1]}/{github[2]}" if github
                     else f"git/{quote(url, safe='')}")
            links.append(("Binder", f"{binder}/v2/{where}/{ref}?urlpath={ui}/{in_repo}"))
        if colab and github:
            links.append(("Colab", f"{colab}/github/{github[1]}/{github[2]}/blob/{ref}/"
                                   f"{in_repo}"))
    here = posixpath.dirname(docname) or "."
    links.append((f"download the notebook ({suffix})",
                   posixpath.relpath(f"_sources/{source}", here)))
    return links


def _pin_launch_buttons(app, pagename, templatename, context, doctree):
    """Make the theme's rocket menu offer exactly :func:`launch_links`: Binder and Colab
    at the pinned ref, and neither while the repository is the placeholder (whoever
    registers that account would run code in readers' sessions)."""
    buttons = context.get("header_buttons") or []
    group = next((b for b in buttons if b.get("label") == "launch-buttons"), None)
    if group is None:
        return
    links = dict(launch_links(app, pagename))
    kept = []
    for button in group.get("buttons", []):
        if button.get("text") in ("Binder", "Colab"):
            if button["text"] not in links:
                continue
            button["url"] = links[button["text"]]
        kept.append(button)
    group["buttons"] = kept
    if not kept:
        buttons.remove(group)


def _links_paragraph(links, make_lab=True, placeholder=False) -> nodes.paragraph:
    """The line "Run this chapter live: Binder · Colab · download the notebook", and
    "or on your computer with make lab" with ``make_lab``; with ``placeholder`` (no
    Binder or Colab links), what _config.yml must set for them."""
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
    if placeholder:
        para += nodes.Text(" Binder and Colab links appear once the book's _config.yml names "
                           "its repository (")
        para += nodes.literal(text="repository: url:")
        para += nodes.Text(f", still the placeholder account {PLACEHOLDER_OWNER}).")
    return para


def _cell_of(node):
    while node is not None and not (isinstance(node, nodes.container)
                                    and "cell" in node.get("classes", [])):
        node = node.parent
    return node


def _add_launch_links_to_widgets(app, doctree, docname):
    """Give every widget on the static site a note with the links to run it live.

    On the website no kernel runs: a widget shows pictures drawn at build time on a grid
    of its controls' values. The chapters say so in a note just before each widget. That note gets a line of
    links (Binder, Colab, the .ipynb, and ``make lab`` unless the note names it); a
    widget cell with no note before it (after the previous code cell) gets a new note
    that says so and carries the links. Animations (``to_jshtml``) are HTML, not
    widgets, and are left alone: they play on the website.
    """
    if docname == getattr(app.config, "root_doc", None):
        return  # the front page opens with a widget and one sentence, nothing between
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
                "On the website no Python runs: the widget below shows pictures its own "
                "code drew when the book was built, on a grid of its controls' values "
                "(the line under it says which). Run the notebook and it is live."))
            parent.insert(parent.index(cell), note)
        note["classes"].append("needs-kernel")
        note += _links_paragraph(links, make_lab="make lab" not in note.astext(),
                                 placeholder=repository(app).placeholder)


# -- the widgets' website versions (nncore/widgets/_website.py) ------------------------

#: Set (in :func:`setup`) for the build's kernels: every nncore widget shows its website
#: version (its pictures drawn in advance on a grid of control values, behind controls
#: that work with no kernel). ``make lab``, Binder and Colab do not set it: there the
#: widgets are live.
WEBSITE_ENV = ("NNCORE_WIDGETS", "website")

WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
_MODEL_REF = re.compile(r"IPY_MODEL_([0-9a-f]{32})")
_VIEW_REF = re.compile(r'"model_id":\s*"([0-9a-f]{32})"')


def _reachable(state, body):
    """The ids of the models the page shows (its widget views), of the models they refer
    to, and of the links (jslink) between two of those."""
    seen = set()
    todo = [m for m in _VIEW_REF.findall(body) if m in state]
    while todo:
        model_id = todo.pop()
        if model_id in seen:
            continue
        seen.add(model_id)
        todo += [m for m in _MODEL_REF.findall(json.dumps(state[model_id]["state"]))
                 if m in state and m not in seen]
    for model_id, model in state.items():
        if model.get("model_name") in ("LinkModel", "DirectionalLinkModel"):
            refs = _MODEL_REF.findall(json.dumps(model["state"]))
            if refs and all(r in seen for r in refs):
                seen.add(model_id)
    return seen


def _write_frames(app, context, state):
    """Write every FrameModel's pictures and status lines into the site, as files the
    browser fetches when they are shown, and put their addresses in the model instead.

    ``_static/frames/<digest>/<i>.png`` and ``.../statuses.json``, the digest of the
    pictures and lines themselves: a widget shown on two pages (the front page's is
    chapter 1's) is stored once. The state the page carries keeps only the first line.
    """
    import hashlib

    for model in state.values():
        if model.get("model_name") != "FrameModel":
            continue
        st = model["state"]
        frames = {int(b["path"][1]): b["data"] for b in model.get("buffers", [])
                  if b["path"][0] == "frames"}
        statuses = json.dumps(st.pop("statuses", []))
        digest = hashlib.sha1(statuses.encode())
        for i in sorted(frames):
            digest.update(frames[i].encode())
        folder = f"_static/frames/{digest.hexdigest()[:20]}"
        out = Path(app.outdir) / folder
        if not (out / "statuses.json").exists():
            out.mkdir(parents=True, exist_ok=True)
            for i, data in frames.items():
                (out / f"{i}.png").write_bytes(base64.b64decode(data))
            (out / "statuses.json").write_text(statuses, encoding="utf-8")
        st.pop("frames", None)
        kept = [b for b in model.get("buffers", []) if b["path"][0] != "frames"]
        if kept:
            model["buffers"] = kept
        else:
            model.pop("buffers", None)
        prefix = context["pathto"](folder, 1).rstrip("/")
        st["frames_url"] = f"{prefix}/{{}}.png"
        st["statuses_url"] = f"{prefix}/statuses.json"


def _plain_download(app, pagename, templatename, context, doctree):
    """The .ipynb download of a page written in MyST Markdown, without its outputs.

    sphinx-book-theme copies the executed notebook of such a page (the front page) into
    ``_sources/`` for its download button; with the frames of its widget in the saved
    widget state that file is about 100 MB. The chapters' downloads are their sources,
    without outputs; this one is made the same.
    """
    import nbformat

    name = context.get("ipynb_source")
    path = Path(app.outdir) / "_sources" / name if name else None
    if path is None or not path.exists():
        return
    notebook = nbformat.read(path, as_version=4)
    notebook.metadata.pop("widgets", None)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    nbformat.write(notebook, path)


def _website_widgets(app, pagename, templatename, context, doctree):
    """Lighten the page's saved widget state: the pictures of the widgets' website
    versions become files (:func:`_write_frames`), and the models the page never shows
    (those a widget used while its pictures were drawn) are left out."""
    scripts = context.get("script_files") or []
    for k, script in enumerate(scripts):
        attributes = dict(getattr(script, "attributes", {}))
        if attributes.get("type") != WIDGET_STATE or not attributes.get("body"):
            continue
        data = json.loads(attributes["body"])
        state = data.get("state", {})
        _write_frames(app, context, state)
        keep = _reachable(state, context.get("body", ""))
        data["state"] = {m: model for m, model in state.items() if m in keep}
        attributes["body"] = json.dumps(data, separators=(",", ":")).replace(
            "</script>", r"<\/script>")
        scripts[k] = type(script)(script.filename, priority=script.priority, **attributes)


def _keep_walks(app):
    """Where the build's kernels keep the widgets' walks, so a widget shown on two pages
    (the front page's is chapter 1's) is walked once: beside the site, in the build
    folder (a new build folder starts with none)."""
    os.environ.setdefault("NNCORE_WEBSITE_CACHE",
                          str(Path(app.outdir).parent / ".website-cache"))


def _read_install_ref(app, config):
    """``repository: install_ref:`` of the book's _config.yml, which Jupyter Book does not
    pass on to Sphinx (it knows only url, branch and path_to_book)."""
    if not config.nncore_install_ref and (Path(app.srcdir) / "_config.yml").exists():
        config.nncore_install_ref = Repository.read(Path(app.srcdir)).install_ref


def setup(app):
    app.add_config_value("nncore_install_ref", "", "env")
    app.connect("config-inited", _read_install_ref)
    os.environ.setdefault(*WEBSITE_ENV)  # inherited by the kernels the build starts
    app.connect("builder-inited", _keep_walks)
    # after MyST-NB's own handler, which adds the page's widget state
    app.connect("html-page-context", _website_widgets, priority=900)
    # after sphinx-book-theme's launch buttons, which copy that notebook
    app.connect("html-page-context", _plain_download, priority=900)
    app.connect("html-page-context", _pin_launch_buttons, priority=900)
    app.connect("html-page-context", _drop_duplicate_inline_scripts)
    app.connect("doctree-resolved", _drop_cdn_font_awesome)
    app.connect("doctree-resolved", _describe_animations)
    app.connect("doctree-resolved", _add_launch_links_to_widgets)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
