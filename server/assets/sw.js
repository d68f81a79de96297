// Sembrar's service worker: keeps the field-entry page and the app shell on the device so that
// field monitors can open the forms with no connection. The server writes VERSION from the
// files it serves: a new deployment is a new worker.
//
// Entries are never here: they live in IndexedDB (see offline.js), which this worker never
// clears. An update fills its own cache before it takes over, carrying over any copy it could
// not fetch again, so what opened offline before an update still opens offline after it.
"use strict";

const VERSION = "__SEMBRAR_VERSION__";
const CACHE = "sembrar-shell-" + VERSION;
const PAGE = "/field";
const ASSETS = ["/offline.js", "/pkg/sembrar.js", "/pkg/sembrar.wasm", "/pkg/sembrar.css", "/favicon.svg"];
const SHELL = [PAGE].concat(ASSETS);
const NETWORK_WAIT_MS = 6000;

async function fromNetwork(url) {
  const response = await fetch(url, { cache: "no-cache", credentials: "same-origin", redirect: "manual" });
  // A redirect (to the sign-in page) or an error is not a page to keep.
  return response.ok && response.type === "basic" ? response : null;
}

async function storedCopy(url) {
  const names = await caches.keys();
  for (const name of names) {
    if (!name.startsWith("sembrar-shell-")) continue;
    const hit = await (await caches.open(name)).match(url);
    if (hit) return hit;
  }
  return null;
}

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    for (const url of SHELL) {
      let response = null;
      try { response = await fromNetwork(url); } catch (_) { response = null; }
      if (!response) response = await storedCopy(url);
      if (response) {
        await cache.put(url, response);
      } else if (url !== PAGE) {
        // Without the shell this worker could not open the forms offline: keep the old one.
        throw new Error("cannot keep " + url);
      }
    }
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith("sembrar-shell-") && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

function withTimeout(promise, ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("timeout")), ms);
    promise.then((v) => { clearTimeout(timer); resolve(v); }, (e) => { clearTimeout(timer); reject(e); });
  });
}

// Network first (so a connected device always gets the newest), the kept copy when there is no
// network; a fresh copy replaces the kept one.
async function networkFirst(key, request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await withTimeout(fetch(request), NETWORK_WAIT_MS);
    if (response.ok && response.type === "basic" && !response.redirected) {
      await cache.put(key, response.clone());
    }
    return response;
  } catch (error) {
    const kept = (await cache.match(key)) || (await storedCopy(key));
    if (kept) return kept;
    throw error;
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    if (url.pathname === PAGE) {
      event.respondWith(networkFirst(PAGE, request));
    } else {
      // Another page with no connection: the field-entry page opens instead.
      event.respondWith(fetch(request).catch(async () => {
        const kept = (await caches.match(PAGE)) || (await storedCopy(PAGE));
        if (kept) return Response.redirect(PAGE, 303);
        throw new Error("offline");
      }));
    }
    return;
  }
  if (ASSETS.includes(url.pathname)) {
    event.respondWith(networkFirst(url.pathname, request));
  }
});

self.addEventListener("message", (event) => {
  if (event.data === "version" && event.source) {
    event.source.postMessage({ type: "sembrar-version", version: VERSION });
  } else if (event.data === "signed-out") {
    // The kept page shows who was signed in: forget it (never the entries).
    event.waitUntil((async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith("sembrar-shell-")) await (await caches.open(name)).delete(PAGE);
      }
    })());
  }
});
