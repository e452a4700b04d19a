// Contacts list: search as you type (issue 7). Progressive enhancement: without this script
// the filter form is a plain GET form. With it, typing in the search box (after a short pause)
// or changing a filter fetches the same URL with partial=1 and swaps in the results.
(function () {
  "use strict";
  var form = document.querySelector("form[data-live-search]");
  var announce = document.getElementById("contact-announce");
  if (!form || !window.fetch || !window.URLSearchParams) return;
  var timer = null;
  var controller = null;

  function listUrl(partial) {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, key) {
      if (typeof value === "string" && value !== "") params.append(key, value);
    });
    if (partial) params.set("partial", "1");
    var query = params.toString();
    return "/contacts" + (query ? "?" + query : "");
  }

  function swap(html) {
    var holder = document.createElement("template");
    holder.innerHTML = html.trim();
    var fresh = holder.content.getElementById("contact-results");
    var current = document.getElementById("contact-results");
    if (!fresh || !current) return;
    current.replaceWith(fresh);
    var count = fresh.querySelector(".result-count");
    if (announce && count) announce.textContent = count.textContent.trim();
  }

  function refresh() {
    if (controller) controller.abort();
    controller = window.AbortController ? new AbortController() : null;
    var options = { headers: { Accept: "text/html" }, credentials: "same-origin" };
    if (controller) options.signal = controller.signal;
    fetch(listUrl(true), options)
      .then(function (response) {
        // On an error leave the list as it is; submitting the form shows the message.
        if (!response.ok) return null;
        return response.text();
      })
      .then(function (html) {
        if (html === null) return;
        swap(html);
        window.history.replaceState(null, "", listUrl(false));
      })
      .catch(function (error) {
        if (error && error.name === "AbortError") return;
      });
  }

  function soon() {
    window.clearTimeout(timer);
    timer = window.setTimeout(refresh, 250);
  }

  form.addEventListener("input", function (event) {
    if (event.target && event.target.name === "q") soon();
  });
  form.addEventListener("change", function (event) {
    if (event.target && event.target.name !== "q") refresh();
  });
})();
