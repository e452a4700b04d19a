// The outbox (issue 15.7): calls logged while offline, kept in IndexedDB until they are sent.
// Each waits with its own Idempotency-Key, so sending it twice logs it once. Shared by the
// pages (static/offline.js) and the service worker (static/sw.js).
(function (scope) {
  "use strict";
  var DB = "callwise", STORE = "outbox";

  function open() {
    return new Promise(function (resolve, reject) {
      var request = scope.indexedDB.open(DB, 1);
      request.onupgradeneeded = function () {
        request.result.createObjectStore(STORE, { keyPath: "key" });
      };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }

  function run(mode, work) {
    return open().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(STORE, mode);
        var result = work(tx.objectStore(STORE));
        tx.oncomplete = function () { db.close(); resolve(result && result.result); };
        tx.onerror = function () { db.close(); reject(tx.error); };
      });
    });
  }

  // A random key for the Idempotency-Key header (randomUUID needs a secure context).
  function newKey() {
    if (scope.crypto.randomUUID) return scope.crypto.randomUUID();
    var bytes = scope.crypto.getRandomValues(new Uint8Array(16));
    return Array.prototype.map.call(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join("");
  }

  scope.callwiseOutbox = {
    newKey: newKey,
    add: function (item) { return run("readwrite", function (s) { return s.put(item); }); },
    remove: function (key) { return run("readwrite", function (s) { return s.delete(key); }); },
    all: function () { return run("readonly", function (s) { return s.getAll(); }); },
  };
})(self);
