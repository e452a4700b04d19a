// The service worker (issue 15.7): the app shell kept on the phone, the pages of the coming
// days' calls kept and refreshed while online, and an offline page instead of the browser's
// error. Served from /sw.js (web/pages/offline.py), which fills in VERSION and SHELL.
"use strict";
var VERSION = "__VERSION__";
var SHELL = ["__SHELL__"];
var SHELL_CACHE = "callwise-shell-" + VERSION;
var PAGES_CACHE = "callwise-pages";
var OFFLINE_PAGE = "/offline";
var CALL_FORM = /^\/contacts\/\d+\/call$/;
var REFRESH_MS = 10 * 60 * 1000; // the kept pages are fetched again at most this often
var lastRefresh = 0;

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(SHELL_CACHE)
      .then(function (cache) { return cache.addAll(SHELL); })
      .then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys()
      .then(function (names) {
        return Promise.all(names.map(function (name) {
          var old = name.indexOf("callwise-shell-") === 0 && name !== SHELL_CACHE;
          return old ? caches.delete(name) : null;
        }));
      })
      .then(function () { return self.clients.claim(); })
  );
});

// A page with a one-time message (the flash), an error or a redirect (the login) is not kept: shown again offline,
// it would say something that is no longer true.
function keepable(response) {
  var control = response.headers.get("Cache-Control") || "";
  return response.ok && response.type === "basic" && !response.redirected &&
    control.indexOf("no-store") < 0;
}

function keepPage(request, response) {
  if (!keepable(response)) return Promise.resolve();
  var copy = response.clone();
  return caches.open(PAGES_CACHE).then(function (cache) { return cache.put(request, copy); });
}

// Fetch Today and the pages of the coming days' calls again, and forget kept pages of
// contacts no longer planned (pages visited by hand are kept until the next refresh).
// After a call is sent (static/offline.js), `force` fetches them now, with the page showing.
function refresh(force, showing) {
  if (!force && Date.now() - lastRefresh < REFRESH_MS) return Promise.resolve();
  lastRefresh = Date.now();
  return fetch("/service-worker/pages", { credentials: "same-origin" })
    .then(function (answer) { return answer.ok ? answer.json() : { pages: [] }; })
    .then(function (list) {
      var pages = list.pages.slice();
      if (showing && pages.indexOf(showing) < 0) pages.push(showing);
      return Promise.all(pages.map(function (url) {
        var request = new Request(url, { credentials: "same-origin" });
        return fetch(request).then(function (response) { return keepPage(request, response); });
      }));
    })
    .catch(function () { lastRefresh = 0; });
}

self.addEventListener("message", function (event) {
  var data = event.data || {};
  if (data.type !== "refresh") return;
  var showing = typeof data.url === "string" ? new URL(data.url, self.location.href) : null;
  showing = showing && showing.origin === self.location.origin ? showing.pathname + showing.search : "";
  var done = refresh(!!data.force, showing).then(function () {
    if (event.source) event.source.postMessage({ type: "refreshed" });
  });
  event.waitUntil(done);
});

// Pages: the network first (always the latest), the kept copy when offline, else the
// offline page. Static files: the kept shell first. The API is never answered from a cache.
function page(event) {
  var request = event.request;
  return fetch(request)
    .then(function (response) {
      event.waitUntil(keepPage(request, response));
      return response;
    })
    .catch(function () {
      return caches.match(request, { ignoreVary: true }).then(function (kept) {
        return kept || caches.match(OFFLINE_PAGE);
      });
    });
}

function shellFile(request) {
  return caches.match(request).then(function (kept) { return kept || fetch(request); });
}

// A call posted from a guide with no connection: back to the (kept) guide, where the call
// waits in the outbox (static/offline.js put it there before posting).
function callPosted(request, url) {
  return fetch(request).catch(function () { return Response.redirect(url.href, 303); });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method === "POST" && request.mode === "navigate" && CALL_FORM.test(url.pathname)) {
    event.respondWith(callPosted(request, url));
    return;
  }
  if (request.method !== "GET") return;
  if (url.pathname.indexOf("/api/") === 0) return;
  if (request.mode === "navigate") event.respondWith(page(event));
  else if (url.pathname.indexOf("/static/") === 0) event.respondWith(shellFile(request));
});
