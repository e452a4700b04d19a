// "How did it go?" (issue 15). A tap on a Call link (tel:) hands the page to the phone app;
// when the page is seen again (visibilitychange), it asks how the call went with the guide's
// outcome buttons: one tap logs it through the guide's form. Without this script the Call
// link still dials and the guide logs the call.
(function () {
  "use strict";
  var box = document.getElementById("after-call");
  if (!box) return;
  var KEY = "callwise.afterCall";
  var form = box.querySelector("form");
  var guide = box.querySelector(".after-call-guide");
  var pending = null;

  function stored() {
    try { return JSON.parse(window.sessionStorage.getItem(KEY) || "null"); } catch (e) { return null; }
  }
  function store(call) {
    try {
      if (call) window.sessionStorage.setItem(KEY, JSON.stringify(call));
      else window.sessionStorage.removeItem(KEY);
    } catch (e) { /* private mode: the prompt just does not survive a reload */ }
  }
  function ask(call) {
    form.action = form.dataset.action.replace("ID", call.id);
    guide.href = guide.dataset.href.replace("ID", call.id);
    box.querySelector(".after-call-name").textContent = call.name ? " with " + call.name : "";
    box.hidden = false;
    box.scrollIntoView({ block: "start" });
    box.querySelector("h2").focus({ preventScroll: true });
  }
  function forget() {
    pending = null;
    store(null);
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-after-call]");
    if (!link) return;
    pending = { id: link.dataset.afterCall, name: link.dataset.name || "", left: false };
    store(pending);
  });
  document.addEventListener("visibilitychange", function () {
    if (!pending) return;
    if (document.visibilityState === "hidden") {
      pending.left = true;
      store(pending);
    } else if (pending.left) {
      ask(pending);
    }
  });
  form.addEventListener("submit", function () { store(null); });
  guide.addEventListener("click", forget);
  box.querySelector("[data-after-call-dismiss]").addEventListener("click", function () {
    forget();
    box.hidden = true;
  });
  // The phone may have reloaded the page while the call went on: ask all the same.
  var earlier = stored();
  if (earlier && earlier.left) {
    pending = earlier;
    ask(earlier);
  }
})();
