// The service worker (built by vite.config.ts into /sw.js, with PRECACHE and VERSION prepended): after the
// first visit the app works offline.
// - install: precache the built files (index.html as "/", the hashed assets, the icon and manifest);
// - navigations: the network, falling back to the cached "/" (the app routes by hash);
// - GET /api/...: the network first; its answer is cached unless the server marks it Cache-Control: no-store (the
//   person's own data: profile, journal, export, progress are never kept in browser storage); offline, the
//   cached answer (marked X-SMR-From-Cache);
// - other GETs: the cache first (hashed names never change), then the network.
declare const PRECACHE: string[];
declare const VERSION: string;
const sw = self as unknown as ServiceWorkerGlobalScope;
const STATIC = `smr-static-${VERSION}`;
const API = 'smr-api-v2';

sw.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(STATIC)
      .then((c) => c.addAll(PRECACHE))
      .then(() => sw.skipWaiting()),
  );
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      // Old static versions go, and so does the API cache of older versions, which kept no-store answers.
      .then((keys) => Promise.all(keys.filter((k) => (k.startsWith('smr-static-') && k !== STATIC) || k === 'smr-api').map((k) => caches.delete(k))))
      .then(() => sw.clients.claim()),
  );
});

async function fromCacheMarked(request: Request): Promise<Response | undefined> {
  const hit = await caches.match(request, { cacheName: API });
  if (!hit) return undefined;
  const headers = new Headers(hit.headers);
  headers.set('X-SMR-From-Cache', '1');
  return new Response(await hit.blob(), { status: hit.status, statusText: hit.statusText, headers });
}

async function apiGet(request: Request): Promise<Response> {
  try {
    const res = await fetch(request);
    if (res.ok && !/no-store/i.test(res.headers.get('Cache-Control') ?? '')) {
      const copy = res.clone();
      caches.open(API).then((c) => c.put(request, copy));
    } else if (/no-store/i.test(res.headers.get('Cache-Control') ?? '')) {
      caches.open(API).then((c) => c.delete(request));
    }
    return res;
  } catch (e) {
    const cached = await fromCacheMarked(request);
    if (cached) return cached;
    throw e;
  }
}

sw.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== location.origin) return;
  // Live sessions change every second: never answer them from a cache.
  if (url.pathname.startsWith('/api/sessions/') && url.pathname.endsWith('/live')) return;
  if (url.pathname.startsWith('/api/')) {
    event.respondWith(apiGet(request));
    return;
  }
  if (request.mode === 'navigate') {
    event.respondWith(fetch(request).catch(async () => (await caches.match('/', { cacheName: STATIC })) ?? Response.error()));
    return;
  }
  event.respondWith(caches.match(request, { cacheName: STATIC }).then((hit) => hit ?? fetch(request)));
});
