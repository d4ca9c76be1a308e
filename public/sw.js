// Switchboard's service worker: keeps the app shell so a reload without the relay still
// opens the local replica. Data never goes through here: /api, /ws, /webhooks and
// /healthz always go to the network.
const CACHE = "switchboard-shell-v1";
// /link/ pages carry a one-time token in their address: never stored.
const PASS_THROUGH = ["/api/", "/ws", "/webhooks", "/healthz", "/link/"];

self.addEventListener("install", (event) => {
  self.skipWaiting();
  event.waitUntil(caches.open(CACHE).then((cache) => cache.add("/")).catch(() => undefined));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (PASS_THROUGH.some((prefix) => url.pathname.startsWith(prefix))) return;
  event.respondWith(networkFirst(request));
});

// Network first, so a new build is picked up at once; the cache only answers offline.
async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) {
      cache.put(request, response.clone()).catch(() => undefined);
    }
    return response;
  } catch (error) {
    const cached = await cache.match(request);
    if (cached) return cached;
    if (request.mode === "navigate") {
      // Every route is the same app: the cached shell serves /chats/… too.
      const shell = await cache.match("/");
      if (shell) return shell;
    }
    throw error;
  }
}
