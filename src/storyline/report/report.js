// Navigation and filtering for the storyline report; reads only the page, loads nothing.
(function () {
  "use strict";
  var articles = document.querySelectorAll("details.article");

  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id ? document.getElementById(id) : null;
    if (target && target.tagName === "DETAILS") {
      target.hidden = false;
      target.open = true;
      target.scrollIntoView({ block: "start" });
    }
  }

  // Links to an article open it, so the reader lands on its text, not a closed row.
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a") : null;
    var href = link ? link.getAttribute("href") || "" : "";
    if (href.indexOf("#a-") !== 0) return;
    var target = document.getElementById(href.slice(1));
    if (target) {
      target.hidden = false;
      target.open = true;
    }
  });
  window.addEventListener("hashchange", openTarget);

  var filter = document.getElementById("filter");
  var onlyCopies = document.getElementById("only-copies");
  var shown = document.getElementById("shown");

  function applyFilter() {
    var words = filter.value.trim().toLowerCase();
    var count = 0;
    articles.forEach(function (article) {
      var match = (!words || article.dataset.search.indexOf(words) !== -1) &&
        (!onlyCopies.checked || article.dataset.copies !== "own");
      article.hidden = !match;
      if (match) count += 1;
    });
    shown.textContent = count + " of " + articles.length + " shown";
  }

  function openAll(open) {
    articles.forEach(function (article) { article.open = open; });
  }

  if (filter && onlyCopies && shown) {
    filter.addEventListener("input", applyFilter);
    onlyCopies.addEventListener("change", applyFilter);
    applyFilter();
  }
  document.getElementById("open-all").addEventListener("click", function () { openAll(true); });
  document.getElementById("close-all").addEventListener("click", function () { openAll(false); });
  // Closed <details> do not print: open everything for paper, as it was after.
  var before = [];
  window.addEventListener("beforeprint", function () {
    before = Array.prototype.map.call(articles, function (a) { return a.open; });
    openAll(true);
  });
  window.addEventListener("afterprint", function () {
    articles.forEach(function (a, i) { a.open = before[i]; });
  });
  openTarget();
})();
