// Offline on a phone (issue 15.7), on every page: starts the service worker (static/sw.js)
// and asks it to refresh the pages it keeps. Each call logged in a guide first waits in the
// outbox (static/outbox.js) with its own idempotency key, then is posted; with no
// connection it stays there and is sent when the connection is back (on the next page, the
// `online` event, or a retry), and the server saves it once however often it arrives.
// The status line (a live region) says where each call stands. Once a call is sent, the
// page's lists of calls to make are fetched again, and so are the pages the worker keeps.
(function () {
  "use strict";
  var outbox = window.callwiseOutbox;
  var line = document.getElementById("outbox-status");
  var CALL_FORM = /^\/contacts\/\d+\/call$/;
  var RETRY_MS = 15000; // while calls wait, how often to try again
  var sending = false;
  var again = false; // asked to send while sending: once more when done
  var saved = 0; // calls the server saved since the page's lists were last fetched

  function tellWorker(message) {
    if (!("serviceWorker" in navigator)) return;
    navigator.serviceWorker.ready.then(function (registration) {
      if (registration.active) registration.active.postMessage(message);
    });
  }

  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("/sw.js").then(function () {
      if (navigator.onLine) tellWorker({ type: "refresh" });
    }).catch(function () { /* no worker (an insecure address): pages work online only */ });
  }
  if (!outbox || !line) return;

  function say(text, link) {
    line.textContent = text;
    if (link) {
      var a = document.createElement("a");
      a.href = link;
      a.textContent = "See the saved call";
      line.appendChild(document.createTextNode(" "));
      line.appendChild(a);
    }
  }

  function what(item) {
    return "the call" + (item.name ? " with " + item.name : "") + (item.label ? " (" + item.label + ")" : "");
  }

  function waiting(items) {
    if (!items.length) return;
    var first = items.length === 1 ? what(items[0]) : items.length + " calls";
    say("Saved on this phone: " + first + ". It will be sent when you are online.");
  }

  function send(item) {
    return fetch(item.url, {
      method: "POST",
      body: item.body,
      credentials: "same-origin",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Idempotency-Key": item.key },
    }).then(function (answer) {
      if (answer.ok) {
        saved += 1;
        return outbox.remove(item.key).then(function () {
          // Already saved by the form that led here: this page shows it.
          if (answer.url === location.href) return;
          say("Sent: " + what(item) + ".", answer.redirected ? answer.url : "");
        });
      }
      if (answer.status >= 500 || answer.status === 408 || answer.status === 409 || answer.status === 429) {
        throw new Error("try again later");
      }
      // Refused (a value the server does not take): it would be refused again. On the
      // refused form itself the page already says what to fix.
      return outbox.remove(item.key).then(function () {
        if (location.pathname === item.url) return;
        say("Not saved: " + what(item) + " was refused. Open the guide to log it again.", item.url);
      });
    });
  }

  // Focus that was in a replaced region goes to the same link in its fresh copy, else to
  // the region's heading: a screen reader is not thrown back to the top of the page.
  function refocus(focused, region) {
    var href = focused.getAttribute("href");
    var same = Array.prototype.filter.call(region.querySelectorAll("a[href]"), function (a) {
      return href && a.getAttribute("href") === href;
    })[0];
    var target = same || region.querySelector("h1, h2, h3") || region;
    if (!same) target.setAttribute("tabindex", "-1");
    target.focus({ preventScroll: true });
  }

  // The server's lists after a call was sent: the page is fetched again and each region
  // marked data-refresh is replaced in place by its fresh copy (same id). The status line,
  // the scroll and anything typed elsewhere stay; nothing is removed by guessing. The
  // worker fetches the pages it keeps again, so they do not show the call as still to make.
  function freshen() {
    var url = location.pathname + location.search;
    tellWorker({ type: "refresh", force: true, url: url });
    if (!document.querySelector("[data-refresh]")) return Promise.resolve();
    return fetch(url, { credentials: "same-origin" }).then(function (answer) {
      if (!answer.ok || answer.redirected) return;
      return answer.text().then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html");
        Array.prototype.forEach.call(document.querySelectorAll("[data-refresh]"), function (old) {
          var next = old.id && fresh.getElementById(old.id);
          if (!next) return;
          var focused = old.contains(document.activeElement) ? document.activeElement : null;
          next = document.importNode(next, true);
          old.parentNode.replaceChild(next, old);
          if (focused) refocus(focused, next);
        });
      });
    }).catch(function () { /* no connection again: the page stays as it was */ });
  }

  // Sends what waits, oldest first; what cannot go now waits for the next try.
  function sendAll() {
    if (sending) { again = true; return Promise.resolve(); }
    sending = true;
    again = false;
    return outbox.all().then(function (items) {
      return items.reduce(function (done, item) {
        return done.then(function () { return send(item); });
      }, Promise.resolve());
    }).catch(function () {
      return outbox.all().then(function (items) {
        waiting(items);
        if (items.length && !again) window.setTimeout(sendAll, RETRY_MS);
      });
    }).then(function () {
      sending = false;
      if (again) return sendAll();
      if (!saved) return;
      saved = 0;
      return freshen();
    });
  }

  function keyField(form) {
    var field = form.querySelector('input[name="idempotency_key"]');
    if (!field) {
      field = document.createElement("input");
      field.type = "hidden";
      field.name = "idempotency_key";
      form.appendChild(field);
    }
    return field;
  }

  // The call is put in the outbox with its own key before it is posted: if the post does
  // not get through (no connection), the service worker brings back the guide and the call
  // waits here; if it does, sending it again only finds it saved.
  function keep(form, submitter) {
    keyField(form).value = outbox.newKey();
    var body = new URLSearchParams();
    new FormData(form).forEach(function (value, name) {
      if (typeof value === "string") body.append(name, value);
    });
    if (submitter && submitter.name) body.append(submitter.name, submitter.value);
    return outbox.add({
      key: keyField(form).value,
      url: new URL(form.action, location.href).pathname,
      body: body.toString(),
      name: form.dataset.contact || "",
      label: submitter ? submitter.textContent.trim() : "",
      at: new Date().toISOString(),
    });
  }

  var posting = null;
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.method !== "post" || !CALL_FORM.test(new URL(form.action, location.href).pathname)) return;
    if (posting === form) { posting = null; return; }
    event.preventDefault();
    var submitter = event.submitter;
    keep(form, submitter).catch(function () { /* no IndexedDB: posted as it is */ }).then(function () {
      posting = form;
      form.requestSubmit(submitter && submitter.form === form ? submitter : undefined);
    });
  });
  window.addEventListener("online", sendAll);
  sendAll();
})();
