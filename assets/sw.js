// Keeps every file of one build, so the app opens and works with no network
// after the first visit. scripts/precache.mjs writes the file list of each
// build into PRECACHE below; this source is not served as is.
//
// A new build's worker installs next to the running one and waits: the page
// offers a reload (src/ui/update.rs) and only then asks it to take over, so
// an open session never changes under the user's hands.

const PRECACHE = self.__WB_MANIFEST;
const SCOPE = self.registration.scope;
// Caches are shared by the whole origin: the scope in the name keeps two
// copies of the app under different paths of one host apart.
const PREFIX = `kartoteka-shell ${SCOPE} `;
const CACHE = PREFIX + fingerprint(PRECACHE.map((entry) => `${entry.url} ${entry.revision ?? ''}`).join('\n'));
const SHELL = new URL('index.html', SCOPE).href;

/** A short name for one build's file list (FNV-1a, 32 bits). */
function fingerprint(text) {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      // Past the HTTP cache: an unhashed file such as index.html might
      // otherwise be stored from an older build.
      cache.addAll(PRECACHE.map((entry) => new Request(new URL(entry.url, SCOPE), { cache: 'reload' }))),
    ),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key.startsWith(PREFIX) && key !== CACHE) await caches.delete(key);
      }
      // The first worker controls the page that installed it at once; a
      // later one only gets here after the user chose to reload.
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || !request.url.startsWith(SCOPE)) return;
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      // The routes live in the hash, so every page of the app is index.html.
      const key = request.mode === 'navigate' ? SHELL : request;
      return (await cache.match(key, { ignoreSearch: request.mode === 'navigate' })) ?? fetch(request);
    })(),
  );
});
