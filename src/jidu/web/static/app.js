/* jidu: provenance highlighting on the meeting page, source tabs, jump to a highlighted span.
   Readout text is only ever handled as text (textContent / text nodes), never as HTML. */
(function () {
  "use strict";

  var originals = {};

  function readout(id) { return document.getElementById("readout-" + id); }

  function showSource(id) {
    document.querySelectorAll("[data-readout]").forEach(function (el) {
      el.classList.toggle("hidden", el.getAttribute("data-readout") !== String(id));
    });
    document.querySelectorAll(".tab[data-show]").forEach(function (el) {
      el.classList.toggle("on", el.getAttribute("data-show") === String(id));
    });
  }

  function clearAll() {
    Object.keys(originals).forEach(function (key) {
      var other = readout(key);
      if (other) { other.textContent = originals[key].join(""); }
    });
  }

  function highlight(id, start, end) {
    var pre = readout(id);
    if (!pre) { return; }
    clearAll();
    if (!(id in originals)) { originals[id] = Array.from(pre.textContent); }
    var chars = originals[id];  // code points, as the ledger's offsets are
    showSource(id);
    pre.textContent = "";
    pre.appendChild(document.createTextNode(chars.slice(0, start).join("")));
    var mark = document.createElement("mark");
    mark.className = "prov-hit";
    mark.textContent = chars.slice(start, end).join("");
    pre.appendChild(mark);
    pre.appendChild(document.createTextNode(chars.slice(end).join("")));
    var box = pre.closest(".readout-wrap") || pre;
    var top = mark.offsetTop - pre.offsetTop;
    pre.scrollTop = Math.max(0, top - pre.clientHeight / 3);
    if (box.getBoundingClientRect().top < 0 || box.getBoundingClientRect().bottom > window.innerHeight) {
      box.scrollIntoView({ block: "nearest" });
    }
  }

  function activate(el) {
    document.querySelectorAll(".prov.active").forEach(function (x) { x.classList.remove("active"); });
    el.classList.add("active");
    highlight(el.getAttribute("data-src"), parseInt(el.getAttribute("data-start"), 10),
      parseInt(el.getAttribute("data-end"), 10));
  }

  document.querySelectorAll(".prov[data-src]").forEach(function (el) {
    el.addEventListener("mouseenter", function () { activate(el); });
    el.addEventListener("focus", function () { activate(el); });
    el.addEventListener("click", function () { activate(el); });
  });
  document.querySelectorAll(".tab[data-show]").forEach(function (el) {
    el.addEventListener("click", function () { showSource(el.getAttribute("data-show")); });
  });

  var hit = document.getElementById("hit");
  if (hit) { hit.scrollIntoView({ block: "center" }); }
}());
