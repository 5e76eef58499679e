"""The widgets' website versions in the built pages (_ext/book_fixes.py), without a build:
the FrameViewers' pictures become files of the site (``_write_frames``), and the saved
widget state keeps only the models the page shows and the jslinks between them
(``_reachable``, ``_website_widgets``).

The state is made here as the notebook saves it: a FrameModel's pictures are base64
buffers at paths ["frames", i] (its "frames" list holds None in their place), and a page
shows a widget through a widget-view script naming its model.
"""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
import uuid
from types import SimpleNamespace

import pytest
from sphinx.builders.html._assets import _JavaScript

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "_ext"))
import book_fixes  # noqa: E402

STATE_MIME = "application/vnd.jupyter.widget-state+json"
VIEW_MIME = "application/vnd.jupyter.widget-view+json"


# -- a page's widget state, made by hand ---------------------------------------------------


def new_id():
    return uuid.uuid4().hex


def ref(model_id):
    return f"IPY_MODEL_{model_id}"


def model(name, state, buffers=None):
    out = {"model_name": name, "model_module": "@jupyter-widgets/controls",
           "model_module_version": "2.0.0", "state": dict(state)}
    if name == "FrameModel":
        out["model_module"], out["model_module_version"] = "nncore-widgets", "1.0.0"
    if buffers:
        out["buffers"] = buffers
    return out


def png(tag):
    """Bytes that stand for a PNG picture (the extension copies them as they are)."""
    return b"\x89PNG\r\n\x1a\n" + tag.encode() + bytes(range(256))


def frame_model(controls, frames, statuses, extra_buffers=()):
    buffers = [{"encoding": "base64", "path": ["frames", i],
                "data": base64.b64encode(data).decode("ascii")}
               for i, data in enumerate(frames)]
    state = {"controls": [ref(c) for c in controls], "rules": ["index"],
             "shape": [len(frames)], "index": 0, "status": statuses[0],
             "frames": [None] * len(frames), "statuses": list(statuses),
             "frames_url": "", "statuses_url": "", "width": 10, "height": 10,
             "label": ""}
    return model("FrameModel", state, buffers + list(extra_buffers))


FRAMES_A = [png("a0"), png("a1")]
STATUSES_A = ["<b>a0</b> = 1</script>", "a1"]
FRAMES_B = [png("b0"), png("b1"), png("b2")]
STATUSES_B = ["b0", "b1", "b2"]


def synthetic_page():
    """A page showing one box: a slider and a Stack of two FrameViewers, the slider
    jslinked to the Stack; left over from the drawing: an Image with a buffer and its
    layout, an HTML status, and a jslink from that Image to the slider."""
    ids = {name: new_id() for name in ("box", "layout", "slider", "stack", "frames_a",
                                       "frames_b", "link", "image", "image_layout",
                                       "status", "stray_link")}
    image_data = base64.b64encode(png("live")).decode("ascii")
    state = {
        ids["box"]: model("VBoxModel", {"children": [ref(ids["slider"]), ref(ids["stack"])],
                                        "layout": ref(ids["layout"])}),
        ids["layout"]: model("LayoutModel", {"width": "100%"}),
        ids["slider"]: model("SelectionSliderModel", {"_options_labels": ["0", "1"],
                                                      "index": 0,
                                                      "layout": ref(ids["layout"])}),
        ids["stack"]: model("StackModel", {"children": [ref(ids["frames_a"]),
                                                        ref(ids["frames_b"])],
                                           "selected_index": 0}),
        ids["frames_a"]: frame_model([ids["slider"]], FRAMES_A, STATUSES_A),
        ids["frames_b"]: frame_model([ids["slider"]], FRAMES_B, STATUSES_B),
        ids["link"]: model("LinkModel", {"source": [ref(ids["slider"]), "index"],
                                         "target": [ref(ids["stack"]), "selected_index"]}),
        ids["image"]: model("ImageModel", {"value": None, "format": "png",
                                           "layout": ref(ids["image_layout"])},
                            [{"encoding": "base64", "path": ["value"],
                              "data": image_data}]),
        ids["image_layout"]: model("LayoutModel", {}),
        ids["status"]: model("HTMLModel", {"value": "<b>live</b></script>"}),
        ids["stray_link"]: model("LinkModel", {"source": [ref(ids["image"]), "format"],
                                               "target": [ref(ids["slider"]), "index"]}),
    }
    body = (f'<p>text</p><script type="{VIEW_MIME}">'
            + json.dumps({"version_major": 2, "version_minor": 0, "model_id": ids["box"]})
            + "</script>")
    return ids, state, body


def fake_app(tmp_path):
    return SimpleNamespace(outdir=str(tmp_path))


def fake_context(prefix, body="", scripts=None):
    """What Sphinx gives the html-page-context handlers: pathto(path, 1) is the address
    of a file of the site relative to the page (``prefix`` + path)."""
    def pathto(path, resource=0):
        assert resource == 1, "a file of the site is asked for with resource=1"
        return prefix + path
    return {"pathto": pathto, "body": body, "script_files": scripts or []}


def folder_of(url, prefix):
    assert url.startswith(prefix)
    return url[len(prefix):].rsplit("/", 1)[0]


# -- _write_frames -------------------------------------------------------------------------


def test_the_frames_become_files_of_the_site(tmp_path):
    """Each FrameModel's pictures are written, byte for byte, as _static/frames/<folder>/
    <i>.png, its status lines as statuses.json; the model keeps no buffer, no "frames"
    and no "statuses", and gets the two addresses relative to the page (through
    pathto(path, 1)); the first status line stays; other models are untouched."""
    ids, state, _ = synthetic_page()
    image_before = json.loads(json.dumps(state[ids["image"]]))
    book_fixes._write_frames(fake_app(tmp_path), fake_context("../"), state)
    for name, frames, statuses in (("frames_a", FRAMES_A, STATUSES_A),
                                   ("frames_b", FRAMES_B, STATUSES_B)):
        m = state[ids[name]]
        st = m["state"]
        assert "buffers" not in m and "frames" not in st and "statuses" not in st
        assert st["status"] == statuses[0]
        folder = folder_of(st["frames_url"], "../")
        assert folder.startswith("_static/frames/")
        assert st["frames_url"] == f"../{folder}/{{}}.png"
        assert st["statuses_url"] == f"../{folder}/statuses.json"
        out = tmp_path / folder
        assert sorted(p.name for p in out.iterdir()) == sorted(
            [f"{i}.png" for i in range(len(frames))] + ["statuses.json"])
        for i, data in enumerate(frames):
            assert (out / f"{i}.png").read_bytes() == data
            # the address the browser builds for frame i (nncore-widgets.js)
            assert st["frames_url"].replace("{}", str(i)) == f"../{folder}/{i}.png"
        assert json.loads((out / "statuses.json").read_text(encoding="utf-8")) == statuses
    assert state[ids["image"]] == image_before
    folders = {folder_of(state[ids[n]]["state"]["frames_url"], "../")
               for n in ("frames_a", "frames_b")}
    assert len(folders) == 2
    assert {p.name for p in (tmp_path / "_static" / "frames").iterdir()} == {
        f.rsplit("/", 1)[1] for f in folders}


def test_a_frame_models_other_buffers_stay(tmp_path):
    """Only the buffers at ["frames", i] become files; any other buffer stays."""
    other = {"encoding": "base64", "path": ["thumbnail"], "data": "AAEC"}
    state = {"f": frame_model([], [png("x")], ["x"], extra_buffers=[other])}
    book_fixes._write_frames(fake_app(tmp_path), fake_context(""), state)
    assert state["f"]["buffers"] == [other]
    assert "frames" not in state["f"]["state"]


@pytest.mark.parametrize("prefix", ["", "../", "../../"])
def test_identical_viewers_on_two_pages_share_one_folder(tmp_path, prefix):
    """The same pictures and lines on the front page and on a chapter page (at any
    depth): one folder, written once (a second page does not write it again), each page
    addressing it relative to itself."""
    app = fake_app(tmp_path)
    first = {"f": frame_model([], FRAMES_A, STATUSES_A)}
    book_fixes._write_frames(app, fake_context(""), first)
    folder = folder_of(first["f"]["state"]["frames_url"], "")
    (tmp_path / folder / "0.png").write_bytes(b"marker")  # a rewrite would undo this
    second = {"g": frame_model([], FRAMES_A, STATUSES_A)}
    book_fixes._write_frames(app, fake_context(prefix), second)
    assert second["g"]["state"]["frames_url"] == f"{prefix}{folder}/{{}}.png"
    assert second["g"]["state"]["statuses_url"] == f"{prefix}{folder}/statuses.json"
    assert (tmp_path / folder / "0.png").read_bytes() == b"marker"
    assert len(list((tmp_path / "_static" / "frames").iterdir())) == 1


@pytest.mark.parametrize("frames, statuses", [
    (FRAMES_A[:1] + [png("a1 changed")], STATUSES_A),  # one picture differs
    (FRAMES_A, STATUSES_A[:1] + ["a1 changed"]),  # one status line differs
    (FRAMES_A[:1], STATUSES_A[:1]),  # fewer frames
    (FRAMES_A[::-1], STATUSES_A),  # the same pictures in another order
], ids=["picture", "status", "fewer", "order"])
def test_the_folder_is_named_by_the_content(tmp_path, frames, statuses):
    """The folder's name is a digest of the pictures and lines: any other content gets
    another folder (and its own files), the same content the same name."""
    app = fake_app(tmp_path)
    a = {"a": frame_model([], FRAMES_A, STATUSES_A)}
    b = {"b": frame_model([], frames, statuses)}
    again = {"c": frame_model([], FRAMES_A, STATUSES_A)}
    for state in (a, b, again):
        book_fixes._write_frames(app, fake_context(""), state)
    name = {k: folder_of(s[k]["state"]["frames_url"], "") for s in (a, b, again) for k in s}
    assert name["a"] == name["c"] != name["b"]
    for key, data in (("a", FRAMES_A), ("b", frames)):
        for i, picture in enumerate(data):
            assert (tmp_path / name[key] / f"{i}.png").read_bytes() == picture
    assert json.loads((tmp_path / name["b"] / "statuses.json").read_text()) == statuses


# -- _reachable, _website_widgets ----------------------------------------------------------


def test_the_page_keeps_the_models_it_shows_and_their_links():
    """_reachable: the shown box, what it refers to (layout, slider, Stack, both
    FrameModels), and the jslink between two of those; not the Image, its layout, the
    HTML, nor the jslink with an end the page does not show. A view of a model not in
    the state is ignored."""
    ids, state, body = synthetic_page()
    body += f'<script type="{VIEW_MIME}">{{"model_id": "{new_id()}"}}</script>'
    kept = book_fixes._reachable(state, body)
    assert kept == {ids[n] for n in ("box", "layout", "slider", "stack", "frames_a",
                                     "frames_b", "link")}
    assert book_fixes._reachable(state, "<p>no widget</p>") == set()


def test_website_widgets_rewrites_the_pages_widget_state(tmp_path):
    """_website_widgets on a page with MyST-NB's widget-state script: the script is
    replaced by one of the same kind, file name, priority and type whose body holds only
    the models the page shows (and their jslink), with the FrameModels' pictures as
    files and their addresses relative to the page; "</script>" is escaped in the
    body and the JSON still reads back to the same texts; other scripts stay as they
    are."""
    ids, state, body = synthetic_page()
    data = {"version_major": 2, "version_minor": 0, "state": state}
    # MyST-NB's own escaping (myst_nb.core.render.sanitize_script_content)
    saved = json.dumps(data).replace("</script>", r"<\/script>")
    scripts = [_JavaScript("_static/a.js"),
               _JavaScript(None, priority=510, type=STATE_MIME, body=saved),
               _JavaScript("_static/state.json", type=STATE_MIME),
               _JavaScript(None, body="const x = 1;")]
    untouched = [scripts[0], scripts[2], scripts[3]]
    context = fake_context("../", body=body, scripts=scripts)
    book_fixes._website_widgets(fake_app(tmp_path), "chapters/01_vectors", "page.html",
                                context, None)
    assert [scripts[0], scripts[2], scripts[3]] == untouched
    assert all(a is b for a, b in zip([scripts[0], scripts[2], scripts[3]], untouched))
    new = scripts[1]
    assert type(new) is _JavaScript
    assert (new.filename, new.priority, new.attributes["type"]) == (None, 510, STATE_MIME)
    text = new.attributes["body"]
    assert "</script>" not in text and r"<\/script>" in text
    out = json.loads(text)
    assert (out["version_major"], out["version_minor"]) == (2, 0)
    kept = out["state"]
    assert set(kept) == {ids[n] for n in ("box", "layout", "slider", "stack",
                                          "frames_a", "frames_b", "link")}
    assert kept[ids["link"]]["state"] == state[ids["link"]]["state"]
    a = kept[ids["frames_a"]]
    assert a["state"]["status"] == STATUSES_A[0]  # "</script>" read back as it was
    assert "buffers" not in a and "frames" not in a["state"]
    folder = folder_of(a["state"]["frames_url"], "../")
    assert (tmp_path / folder / "1.png").read_bytes() == FRAMES_A[1]
    assert all("buffers" not in m for m in kept.values())


def test_a_page_without_widget_state_is_left_alone(tmp_path):
    scripts = [_JavaScript("_static/a.js"), _JavaScript(None, body="var y;")]
    before = list(scripts)
    context = fake_context("", body="<p>x</p>", scripts=scripts)
    book_fixes._website_widgets(fake_app(tmp_path), "intro", "page.html", context, None)
    assert scripts == before and not (tmp_path / "_static").exists()


def test_a_real_website_version_as_ipywidgets_saves_it(tmp_path):
    """The state of a real website version (a small grid of the hyperplane explorer) and
    of the live widget it was drawn with, as ipywidgets serialises them: the page keeps
    exactly what ipywidgets' own dependency finder gives for the website version (its
    jslinks included), and the FrameViewers' files are their frames."""
    from ipywidgets.embed import dependency_state

    from nncore.widgets import hyperplane_explorer
    from nncore.widgets._website import Axis, FrameViewer, Grid, website_widget

    ex = hyperplane_explorer()
    site = website_widget(ex, Grid([Axis("b", [-1.0, 0.0, 1.0])],
                                   outer=[Axis("dataset", ["blobs", "xor"])]))
    state = dependency_state([site, ex.widget], drop_defaults=True)
    shown = set(dependency_state([site], drop_defaults=True))
    viewers = [w for w in _walk(site) if isinstance(w, FrameViewer)]
    assert len(viewers) == 2 and ex.image.model_id in state
    body = f'<script type="{VIEW_MIME}">{json.dumps(site.get_view_spec())}</script>'
    data = {"version_major": 2, "version_minor": 0, "state": state}
    scripts = [_JavaScript(None, type=STATE_MIME,
                           body=json.dumps(data).replace("</script>", r"<\/script>"))]
    book_fixes._website_widgets(fake_app(tmp_path), "chapters/01_vectors", "page.html",
                                fake_context("../", body=body, scripts=scripts), None)
    kept = json.loads(scripts[0].attributes["body"])["state"]
    assert set(kept) == shown
    assert any(m["model_name"] == "LinkModel" for m in kept.values())
    for viewer in viewers:
        st = kept[viewer.model_id]["state"]
        folder = folder_of(st["frames_url"], "../")
        for i, frame in enumerate(viewer.frames):
            assert (tmp_path / folder / f"{i}.png").read_bytes() == frame
        assert json.loads((tmp_path / folder / "statuses.json").read_text()) == \
            list(viewer.statuses)


def _walk(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _walk(child)


@pytest.mark.parametrize("given, expected", [(None, "website"), ("live", "live")])
def test_the_extension_asks_the_builds_kernels_for_website_versions(given, expected):
    """Setting the extension up sets NNCORE_WIDGETS=website for the build (and so for its
    kernels), unless it was set already; importing it (as these tests do) sets nothing."""
    env = {k: v for k, v in os.environ.items() if k != "NNCORE_WIDGETS"}
    if given is not None:
        env["NNCORE_WIDGETS"] = given
    code = ("import os, book_fixes\n"
            "assert os.environ.get('NNCORE_WIDGETS') == " + repr(given) + "\n"
            "class App:\n"
            "    def connect(self, *args, **kwargs): pass\n"
            "    def add_config_value(self, *args, **kwargs): pass\n"
            "book_fixes.setup(App())\n"
            "print(os.environ['NNCORE_WIDGETS'])")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT / "_ext", env=env,
                         capture_output=True, text=True, timeout=60, check=True)
    assert out.stdout.strip() == expected
