/*
 * Lets the Jupyter widgets HTML manager (embed-amd.js) run from this site's own files.
 * Loaded on pages with widgets, after require.js and before embed-amd.js (nb_ipywidgets_js
 * in _config.yml).
 *
 * 1. Fonts. embed-amd.js works out where its Font Awesome files live from the URLs that
 *    RequireJS gives the AMD modules it defines ("@jupyter-widgets/base", ...), which by
 *    default are relative to the page. Map those ids onto the folder that holds
 *    embed-amd.js and its fonts.
 * 2. MathJax. The widgets' labels call MathJax 2's `MathJax.Hub.Queue(["Typeset", ...])`
 *    whenever window.MathJax exists; the book loads MathJax 3, which has no Hub. Provide a
 *    Hub whose Queue typesets with MathJax 3's typesetPromise.
 * 3. Icons. The book theme's fontawesome.js (deferred) replaces every <i class="fa ...">
 *    with an <svg>. The Play widget keeps a handle on its <i> and sets its className on
 *    every tick, which then throws ("Cannot set properties of undefined"), so Play never
 *    plays. Ask Font Awesome to nest the <svg> inside the <i> instead. This script runs
 *    before the deferred one reads its configuration.
 */
window.FontAwesomeConfig = Object.assign({}, window.FontAwesomeConfig, { autoReplaceSvg: "nest" });

(function () {
  "use strict";
  var here = document.currentScript ? document.currentScript.src : "";
  var staticRoot = here.slice(0, here.lastIndexOf("/") + 1); // .../_static/
  var managerDir = staticRoot + "vendor/html-manager";
  if (window.require && typeof window.require.config === "function") {
    // Module ids "@jupyter-widgets/base", ".../html-manager/dist/libembed-amd" and the
    // like all resolve into the folder of embed-amd.js, where its fonts are.
    window.require.config({
      paths: {
        "@jupyter-widgets": managerDir,
        "@jupyter-widgets/html-manager/dist": managerDir,
      },
    });
  }

  function typeset(elements) {
    var mj = window.MathJax;
    if (!mj || typeof mj.typesetPromise !== "function") return;
    var ready = mj.startup && mj.startup.promise ? mj.startup.promise : Promise.resolve();
    ready
      .then(function () { return mj.typesetPromise(elements); })
      .catch(function (err) { console.warn("MathJax could not typeset a widget label:", err); });
  }

  var hub = {
    // MathJax 2 queued calls like ["Typeset", MathJax.Hub, element].
    Queue: function () {
      for (var i = 0; i < arguments.length; i++) {
        var call = arguments[i];
        if (Array.isArray(call) && call[0] === "Typeset") {
          typeset(call[2] ? [call[2]] : undefined);
        }
      }
    },
    Typeset: function (element) { typeset(element ? [element] : undefined); },
  };

  function installHub() {
    if (window.MathJax && !window.MathJax.Hub) window.MathJax.Hub = hub;
  }
  // MathJax 3 loads deferred and replaces window.MathJax with itself; the widgets render
  // after that, at DOMContentLoaded or load. Attach the Hub just before either.
  document.addEventListener("DOMContentLoaded", installHub);
  window.addEventListener("load", installHub);
})();

/*
 * 4. Accessible names. ipywidgets 8 gives a slider's handle (noUiSlider) no name and a
 *    Play widget's buttons only icons. Name every slider handle after its widget's
 *    description, and every Play button after what it does now (its play/pause button
 *    is named Pause while it plays), as widgets are drawn and as they change.
 * 5. One icon per Play button. The Play widget shows its state by the class of its <i>
 *    (fa-play, fa-pause), drawn by the widgets' own icon font. Font Awesome's script
 *    nests an <svg> of the first icon in it and never redraws it, so a playing button
 *    showed a pause glyph beside a play triangle. Give the <i> back its class and drop
 *    the <svg>: the font draws the icon the widget asks for.
 */
(function () {
  "use strict";
  var ACTIONS = { "fa-play": "Play", "fa-pause": "Pause", "fa-stop": "Stop",
                  "fa-retweet": "Repeat", "fa-repeat": "Repeat" };

  function name(root) {
    root.querySelectorAll(".noUi-handle:not([aria-label])").forEach(function (handle) {
      var box = handle.closest(".widget-inline-hbox");
      var label = box && box.querySelector(".widget-label");
      var text = label ? label.textContent.trim() : "";
      if (text) handle.setAttribute("aria-label", text);
    });
    root.querySelectorAll(".widget-play button").forEach(function (button) {
      var icon = button.querySelector("i");
      if (!icon) return;
      var svg = icon.querySelector("svg");
      if (svg) {
        if (!/\bfa-/.test(icon.getAttribute("class") || "")) {
          icon.setAttribute("class", "fa fa-" + svg.getAttribute("data-icon"));
        }
        svg.remove();
      }
      var classes = icon.getAttribute("class") || "";
      for (var key in ACTIONS) {
        if (classes.indexOf(key) !== -1) {
          if (button.getAttribute("aria-label") !== ACTIONS[key]) {
            button.setAttribute("aria-label", ACTIONS[key]);
            button.setAttribute("title", ACTIONS[key]);
          }
          break;
        }
      }
    });
  }

  var pending = false;
  function schedule() {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(function () { pending = false; name(document); });
  }
  document.addEventListener("DOMContentLoaded", function () {
    name(document);
    // new widgets and Font Awesome's <svg>s (childList); a Play button's icon (class)
    new MutationObserver(schedule).observe(document.body, {
      childList: true, subtree: true, attributes: true, attributeFilter: ["class"] });
  });
})();
