// The language switch keeps the reader's place: the query (a search, the timeline's
// filters) and the anchor (a position, a reading mode) go with it to the other language,
// as they are at the moment of the click.
(function () {
  "use strict";
  function keepPlace(event) {
    var link = event.target.closest && event.target.closest("nav.languages a[hreflang]");
    if (!link) { return; }
    if (!link.hasAttribute("data-href")) { link.setAttribute("data-href", link.getAttribute("href")); }
    var target = new URL(link.getAttribute("data-href"), location.href);
    if (!target.search) { target.search = location.search; }
    if (!target.hash) { target.hash = location.hash; }
    link.setAttribute("href", target.pathname + target.search + target.hash);
  }
  document.addEventListener("click", keepPlace);
  document.addEventListener("auxclick", keepPlace);
})();
