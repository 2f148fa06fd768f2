// Writes the service worker of a build: assets/sw.js with the list of every
// built file and its revision, so the app works offline after the first visit.
// Trunk runs it after each build (Trunk.toml), in its staging folder, so
// no build is ever without a worker that matches its hashed file names.
import { injectManifest } from 'workbox-build';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('precache: TRUNK_STAGING_DIR is not set; this script runs as a Trunk post_build hook');
  process.exit(1);
}

const { count, size, warnings } = await injectManifest({
  swSrc: path.join(root, 'assets/sw.js'),
  swDest: path.join(staging, 'sw.js'),
  globDirectory: staging,
  globPatterns: ['**/*'],
  globIgnores: ['sw.js'],
  // Trunk puts a content hash in the names of the wasm, its glue and the
  // styles: their name is their revision.
  dontCacheBustURLsMatching: /-[0-9a-f]{16}(_bg)?\.(js|wasm|css)$/,
  // A debug build's wasm is tens of megabytes; offline it is needed whole.
  maximumFileSizeToCacheInBytes: 100 * 1024 * 1024,
});
for (const warning of warnings) console.warn(`precache: ${warning}`);
console.log(`precache: ${count} files, ${(size / 1024).toFixed(0)} KiB, in sw.js`);
