// Service worker of the kiosk page (/p/:communeCode/kiosk), registered with that scope only.
// It keeps the page and its files so a counter tablet can reload without network; the
// ratings themselves wait in localStorage and are sent by the page (one id per rating).
const CACHE = 'cqtt-kiosk-v1';

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  // Ratings and other API calls always go to the network.
  if (url.pathname.startsWith('/api/') && !url.pathname.endsWith('/counters')) return;
  event.respondWith(
    fetch(req)
      .then((res) => {
        if (res.ok) {
          const copy = res.clone();
          caches.open(CACHE).then((c) => c.put(req, copy));
        }
        return res;
      })
      .catch(() => caches.match(req).then((hit) => hit || Response.error())),
  );
});
