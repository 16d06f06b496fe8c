// Rasterises web/public/icon.svg into the PNG icons the manifest and iOS need (issue 11, item 16): 192 and 512
// px ("any"), 512 px maskable (the glyph inside the safe zone, on the icon's colour), and the 180 px
// apple-touch-icon (square: iOS rounds the corners itself). Run after changing the SVG; the PNGs are committed.
//
//   node scripts/make-icons.mjs        (uses Debian's chromium through tests/browser's playwright-core)
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'tests/browser/package.json'));
const { chromium } = require('playwright-core');
const svg = readFileSync(join(root, 'web/public/icon.svg'), 'utf8');
const colour = '#0f766e';

const icons = [
  { file: 'icon-192.png', size: 192, inset: 0, square: false },
  { file: 'icon-512.png', size: 512, inset: 0, square: false },
  { file: 'icon-maskable-512.png', size: 512, inset: 0.1, square: true },
  { file: 'apple-touch-icon.png', size: 180, inset: 0.04, square: true },
];

const browser = await chromium.launch({ executablePath: process.env.SMR_CHROMIUM || '/usr/bin/chromium' });
const page = await browser.newPage({ deviceScaleFactor: 1 });
for (const { file, size, inset, square } of icons) {
  const pad = Math.round(size * inset);
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(
    `<html><body style="margin:0;background:${square ? colour : 'transparent'}">` +
      `<div style="width:${size - 2 * pad}px;height:${size - 2 * pad}px;margin:${pad}px">` +
      svg.replace('<svg ', `<svg width="${size - 2 * pad}" height="${size - 2 * pad}" `) +
      '</div></body></html>',
  );
  writeFileSync(join(root, 'web/public', file), await page.screenshot({ omitBackground: !square, type: 'png' }));
  console.log(`web/public/${file}: ${size} x ${size}`);
}
await browser.close();
