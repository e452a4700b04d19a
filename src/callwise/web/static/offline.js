// Offline on a phone (issue 15.7), on every page: starts the service worker (static/sw.js)
// and asks it to refresh the pages it keeps. Each call logged in a guide first waits in the
// outbox (static/outbox.js) with its own idempotency key, then is posted; with no
// connection it stays there and is sent when the connection is back (on the next page, the
// `online` event, or a retry), and the server saves it once however often it arrives.
// The status line says where each call stands.
(function () {
  "use strict";
  var outbox = window.callwiseOutbox;
  var line = document.getElementById("outbox-status");
  var CALL_FORM = /^\/contacts\/\d+\/call$/;
  var RETRY_MS = 15000; // while calls wait, how often to try again
  var sending = false;

  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("/sw.js").then(function () {
      return navigator.serviceWorker.ready;
    }).then(function (registration) {
      if (navigator.onLine && registration.active) registration.active.postMessage({ type: "refresh" });
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
    line.hidden = false;
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

  // Sends what waits, oldest first; what cannot go now waits for the next try.
  function sendAll() {
    if (sending) return Promise.resolve();
    sending = true;
    return outbox.all().then(function (items) {
      return items.reduce(function (done, item) {
        return done.then(function () { return send(item); });
      }, Promise.resolve());
    }).catch(function () {
      return outbox.all().then(function (items) {
        waiting(items);
        if (items.length) window.setTimeout(sendAll, RETRY_MS);
      });
    }).then(function () { sending = false; });
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
