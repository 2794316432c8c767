/* govsim reports: open an act's explanation on click, switch the rule book shown.
   No library and no network: everything the page shows is already in it. */
(function () {
  "use strict";
  // Without this script, the stylesheet opens an explanation by its #anchor.
  document.documentElement.classList.add("js");

  function all(selector) {
    return Array.prototype.slice.call(document.querySelectorAll(selector));
  }

  function showBook(book) {
    all("[data-book-view]").forEach(function (view) {
      view.hidden = view.getAttribute("data-book-view") !== book;
    });
    all("[data-show-book]").forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.getAttribute("data-show-book") === book));
    });
    all(".book-col, .card, .judged").forEach(function (el) {
      el.classList.toggle("current", el.getAttribute("data-book") === book);
    });
    document.body.setAttribute("data-book", book);
  }

  function openAct(act) {
    var panel = document.getElementById("explanation");
    var found = null;
    all("[data-explains]").forEach(function (article) {
      var match = article.getAttribute("data-explains") === act;
      article.hidden = !match;
      if (match) { found = article; }
    });
    if (!found) { return; }
    panel.querySelector(".placeholder").hidden = true;
    panel.classList.add("open");
    all(".selected").forEach(function (el) { el.classList.remove("selected"); });
    all("[data-act]").forEach(function (el) {
      if (el.getAttribute("data-act") === act) { el.classList.add("selected"); }
    });
    panel.scrollTop = 0;
    if (history.replaceState) { history.replaceState(null, "", "#" + found.id); }
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    if (!(target instanceof Element)) { return; }
    var book = target.closest("[data-show-book]");
    if (book) { showBook(book.getAttribute("data-show-book")); return; }
    var act = target.closest("[data-act]");
    if (act) {
      event.preventDefault();
      openAct(act.getAttribute("data-act"));
    }
  });

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if ((event.key === "Enter" || event.key === " ") && target instanceof Element &&
        target.matches("g.act")) {
      event.preventDefault();
      openAct(target.getAttribute("data-act"));
    }
  });

  var first = document.querySelector("[data-show-book]");
  if (first) { showBook(first.getAttribute("data-show-book")); }
  var hash = decodeURIComponent(location.hash.slice(1));
  var linked = hash && document.getElementById(hash);
  if (linked && linked.hasAttribute("data-explains")) {
    openAct(linked.getAttribute("data-explains"));
  }
})();
