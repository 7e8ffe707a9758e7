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

  var stories = document.querySelectorAll("section.storyline, li.other, a.card");
  // What a reader may search for in an article: its words, and the names it is tagged with.
  function haystack(article) {
    return (article.dataset.search + " " + article.textContent).toLowerCase();
  }
  var texts = new Map();
  articles.forEach(function (article) { texts.set(article.id, haystack(article)); });

  function mentioned(element) {
    // Articles a storyline, card or list item points to, by their #a- anchors.
    var ids = [];
    element.querySelectorAll('a[href^="#a-"]').forEach(function (link) {
      ids.push(link.getAttribute("href").slice(1));
    });
    return ids;
  }

  function applyFilter() {
    var words = filter.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    var matches = function (text) {
      return words.every(function (word) { return text.indexOf(word) !== -1; });
    };
    var count = 0;
    var found = new Set();
    articles.forEach(function (article) {
      var match = (!words.length || matches(texts.get(article.id))) &&
        (!onlyCopies.checked || article.dataset.copies !== "own");
      article.hidden = !match;
      if (match) { count += 1; found.add(article.id); }
    });
    var shownStories = new Set();
    stories.forEach(function (story) {
      if (story.tagName === "A") return;  // cards follow their storyline, below
      var match = !words.length || matches(story.textContent.toLowerCase()) ||
        mentioned(story).some(function (id) { return found.has(id); });
      story.hidden = !match;
      if (match && story.id) shownStories.add(story.id);
    });
    stories.forEach(function (card) {
      if (card.tagName !== "A") return;
      card.hidden = !shownStories.has(card.getAttribute("href").slice(1));
    });
    shown.textContent = words.length || onlyCopies.checked
      ? count + " of " + articles.length + " articles match"
      : "";
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
