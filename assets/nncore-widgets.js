/*
 * The book's own widget module, "nncore-widgets": FrameView, which shows the website
 * version of an nncore widget (nncore/widgets/_website.py).
 *
 * When the book was built, every widget was walked through a grid of its control values
 * by its own Python code, and the picture and the status line at every grid point were
 * kept (the pictures as files, the status lines in one JSON file). Here a FrameView only
 * chooses: it listens to the controls it was given, computes the index of the grid point
 * they select (row-major, the first control slowest), and shows that picture and that
 * status line. No maths and no drawing happen in this file.
 *
 * A frame is fetched when it is shown, never before; the status lines (one JSON file per
 * view) are fetched at the first move. Loaded after require.js and before the widgets
 * manager (nb_ipywidgets_js in _config.yml), which then finds the module by its name.
 */
define("nncore-widgets", ["@jupyter-widgets/base"], function (base) {
  "use strict";

  var VERSION = "1.0.0";

  class FrameModel extends base.DOMWidgetModel {
    defaults() {
      return Object.assign(super.defaults(), {
        _model_name: "FrameModel",
        _view_name: "FrameView",
        _model_module: "nncore-widgets",
        _view_module: "nncore-widgets",
        _model_module_version: VERSION,
        _view_module_version: VERSION,
        controls: [],
        rules: [],
        shape: [],
        index: 0,
        status: "",
        frames_url: "",
        statuses_url: "",
        width: 0,
        height: 0,
        label: "",
      });
    }
  }
  FrameModel.serializers = Object.assign({}, base.DOMWidgetModel.serializers, {
    controls: { deserialize: base.unpack_models },
  });

  // The position of one control on its axis: a slider over options, a menu or toggle
  // buttons give their index; a check box gives 0 or 1.
  function position(control, rule, size) {
    var i = rule === "bool" ? (control.get("value") ? 1 : 0) : control.get("index");
    if (typeof i !== "number" || !isFinite(i)) i = 0;
    return Math.min(Math.max(Math.round(i), 0), size - 1);
  }

  function plainText(html) {
    var div = document.createElement("div");
    div.innerHTML = html.replace(/<br\s*\/?>/gi, "; ");
    return div.textContent.replace(/\s+/g, " ").trim();
  }

  class FrameView extends base.DOMWidgetView {
    render() {
      var model = this.model;
      this.el.classList.add("nncore-frames");
      this.figure = document.createElement("figure");
      this.figure.className = "nncore-frames-figure";
      this.img = document.createElement("img");
      this.img.className = "nncore-frame";
      this.img.decoding = "async";
      if (model.get("width")) this.img.width = model.get("width");
      if (model.get("height")) this.img.height = model.get("height");
      this.caption = document.createElement("figcaption");
      this.caption.className = "nncore-frames-status";
      this.caption.setAttribute("aria-live", "polite");
      this.figure.append(this.img, this.caption);
      if (model.get("label")) this.figure.setAttribute("aria-label", model.get("label"));
      this.el.append(this.figure);
      this.statuses = null;
      this.loading = null;
      this.shown = -1;
      var update = this.show.bind(this);
      model.get("controls").forEach(function (control) {
        this.listenTo(control, "change:index change:value", update);
      }, this);
      this.show();
    }

    // The grid point the controls select: sum of index_k * stride_k.
    current() {
      var controls = this.model.get("controls");
      var rules = this.model.get("rules");
      var shape = this.model.get("shape");
      var i = 0;
      for (var k = 0; k < controls.length; k++) {
        i = i * shape[k] + position(controls[k], rules[k], shape[k]);
      }
      return i;
    }

    show() {
      var i = this.current();
      if (i === this.shown) return;
      this.shown = i;
      this.img.src = this.model.get("frames_url").replace("{}", String(i));
      if (i === this.model.get("index")) {
        this.setStatus(this.model.get("status"));
        return;
      }
      var view = this;
      this.load().then(function (statuses) {
        if (view.shown === i) view.setStatus(statuses[i] || "");
      });
    }

    // The status lines of every grid point, fetched once, at the first move.
    load() {
      if (!this.loading) {
        var url = this.model.get("statuses_url");
        this.loading = fetch(url)
          .then(function (response) {
            if (!response.ok) throw new Error("HTTP " + response.status + " for " + url);
            return response.json();
          })
          .catch(function (error) {
            console.warn("nncore-widgets: no status lines:", error);
            return [];
          });
      }
      return this.loading;
    }

    setStatus(html) {
      this.caption.innerHTML = html;
      this.img.alt = plainText(html);
    }
  }

  return { FrameModel: FrameModel, FrameView: FrameView };
});
