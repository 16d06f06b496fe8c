// Vite builds the web app into dist/, which CMake embeds in the smr binary (src/http/CMakeLists.txt).
// - No inlined assets (the server's Content-Security-Policy allows only 'self'; data: URLs only for images).
// - Hashed names under assets/ (the server caches those a year as immutable).
// - sw.js is generated here with the list of built files to precache (see src/sw.ts).
import { defineConfig, type Plugin } from 'vite';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { transformWithEsbuild } from 'vite';

function serviceWorker(): Plugin {
  return {
    name: 'smr-service-worker',
    apply: 'build',
    async generateBundle(_options, bundle) {
      // The bundle's files and public/'s (copied to dist/ as they are).
      const publicDir = fileURLToPath(new URL('./public', import.meta.url));
      const files = [...Object.keys(bundle), ...readdirSync(publicDir)].filter((f) => !f.endsWith('.map')).sort();
      const precache = ['/', ...files.filter((f) => f !== 'index.html').map((f) => '/' + f)];
      const source = readFileSync(fileURLToPath(new URL('./src/sw.ts', import.meta.url)), 'utf8');
      const js = await transformWithEsbuild(source, 'sw.ts', { loader: 'ts', target: 'es2020' });
      // A version derived from the file list: a new build (new hashes) installs a new worker and cache.
      const version = files.join('|').split('').reduce((h, c) => (Math.imul(h, 31) + c.charCodeAt(0)) | 0, 7);
      this.emitFile({
        type: 'asset',
        fileName: 'sw.js',
        source: `const PRECACHE = ${JSON.stringify(precache)};\nconst VERSION = ${JSON.stringify(
          (version >>> 0).toString(16))};\n${js.code}`,
      });
    },
  };
}

export default defineConfig({
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsInlineLimit: 0,
    sourcemap: false,
    target: 'es2020',
    modulePreload: { polyfill: false },
  },
  plugins: [serviceWorker()],
});
