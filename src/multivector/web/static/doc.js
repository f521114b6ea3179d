// Document view: bring the evidence (or the anchored quote/event) into view and flash it.
(function () {
  "use strict";
  function focus(id) {
    var el = id && document.getElementById(id);
    if (!el) return;
    el.scrollIntoView({ block: "center" });
    el.classList.add("flash");
    setTimeout(function () { el.classList.remove("flash"); }, 1600);
  }
  var target = location.hash ? decodeURIComponent(location.hash.slice(1)) : null;
  if (!target && document.getElementById("evidence")) target = "evidence";
  // after the browser's own jump to the #fragment, so ours (centred) wins
  window.addEventListener("load", function () { setTimeout(function () { focus(target); }, 0); });
  window.addEventListener("hashchange", function () {
    focus(decodeURIComponent(location.hash.slice(1)));
  });
})();
