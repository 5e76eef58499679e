"""Small Sphinx fixes for this book, each with the reason it is needed.

Loaded through ``sphinx: local_extensions`` in _config.yml.
"""

from __future__ import annotations


def _drop_duplicate_inline_scripts(app, pagename, templatename, context, doctree):
    """Keep one copy of each identical inline ``<script>``.

    sphinx-thebe 0.3.1 adds its configuration as an inline script
    (``const THEBE_JS_URL = ...``) with ``app.add_js_file(None, body=...)``; under Sphinx
    7.4 that call registers it with both the application and the already-initialised
    HTML builder, so every page carries it twice and the second ``const`` declaration
    throws "Identifier 'THEBE_JS_URL' has already been declared" in the browser. Files
    with a URL are deduplicated by Sphinx itself; bodies are not.
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


def setup(app):
    app.connect("html-page-context", _drop_duplicate_inline_scripts)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
