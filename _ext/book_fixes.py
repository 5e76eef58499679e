"""Small Sphinx fixes for this book, each with the reason it is needed.

Loaded through ``sphinx: local_extensions`` in _config.yml.
"""

from __future__ import annotations

import re

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


def setup(app):
    app.connect("html-page-context", _drop_duplicate_inline_scripts)
    app.connect("doctree-resolved", _drop_cdn_font_awesome)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
