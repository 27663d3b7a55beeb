// Static search with Pagefind; the query in the address (?q=) is searched at once.
(function () {
  "use strict";
  if (!window.PagefindUI) { return; }
  var ui = new PagefindUI({ element: "#search", showSubResults: true, showImages: false });
  var query = new URLSearchParams(location.search).get("q");
  if (query) { ui.triggerSearch(query); }
})();
