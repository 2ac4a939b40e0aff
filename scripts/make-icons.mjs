// The app's icons, made from its one SVG (public/favicon.svg): PNGs of 192 and 512 px for
// the web app manifest, and a maskable 512 px PNG whose artwork sits inside the safe zone
// (the centre circle of 80 % that every platform's mask keeps) on a full-bleed background.
//
// The PNGs are not committed: `iconsPlugin()` (used by vite.config.ts) renders them into
// every build and serves them in `vite dev`, so they never drift from the SVG, and a fresh
// clone builds with `npm ci` alone (resvg ships its renderer inside its npm package).
// Run directly, `node scripts/make-icons.mjs [dir]` writes them to dir (default: a
// roster-icons folder in the system's temporary directory) to look at.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Resvg } from '@resvg/resvg-js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The one source of every icon. */
export const ICON_SOURCE = join(ROOT, 'public', 'favicon.svg');

/** The accent of the icon and of the app's theme (the manifest's theme colour). */
export const ICON_BACKGROUND = '#2f5bd3';

/** The share of the maskable icon's side that the artwork takes; the safe zone is a circle of 80 %. */
const MASKABLE_ARTWORK = 0.8;

/**
 * @typedef {object} IconSpec
 * @property {string} fileName where the PNG goes in the build, relative to its root
 * @property {number} size its width and height in pixels
 * @property {'any' | 'maskable'} purpose as the manifest says it
 */

/** @type {readonly IconSpec[]} */
export const ICONS = [
  { fileName: 'icons/icon-192.png', size: 192, purpose: 'any' },
  { fileName: 'icons/icon-512.png', size: 512, purpose: 'any' },
  { fileName: 'icons/icon-maskable-512.png', size: 512, purpose: 'maskable' },
];

/**
 * The maskable variant of `svg`: the whole square painted with the background, the original
 * drawn smaller in its centre (a nested <svg> keeps the original's own viewBox).
 * @param {string} svg
 * @returns {string}
 */
export function maskableSvg(svg) {
  const side = 100 * MASKABLE_ARTWORK;
  const offset = (100 - side) / 2;
  const inner = svg.replace(/^[\s\S]*?<svg\b/, `<svg x="${offset}" y="${offset}" width="${side}" height="${side}"`);
  const background = `<rect width="100" height="100" fill="${ICON_BACKGROUND}"/>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">${background}${inner}</svg>`;
}

/**
 * Renders `svg` as a square PNG of `size` pixels.
 * @param {string} svg
 * @param {number} size
 * @returns {Buffer}
 */
export function renderPng(svg, size) {
  return new Resvg(svg, { fitTo: { mode: 'width', value: size }, background: 'rgba(0, 0, 0, 0)' }).render().asPng();
}

/**
 * Every icon of ICONS, rendered from `svg`.
 * @param {string} [svg] the source; public/favicon.svg when left out
 * @returns {{ fileName: string, size: number, purpose: string, png: Buffer }[]}
 */
export function renderIcons(svg = readFileSync(ICON_SOURCE, 'utf8')) {
  return ICONS.map((icon) => ({
    ...icon,
    png: renderPng(icon.purpose === 'maskable' ? maskableSvg(svg) : svg, icon.size),
  }));
}

/**
 * A Vite plugin that adds the icons to the build (before the service worker's precache list
 * is made from it) and serves them in the dev server.
 * @returns {import('vite').Plugin}
 */
export function iconsPlugin() {
  /** @type {Map<string, Buffer> | undefined} */
  let served;
  return {
    name: 'roster-icons',
    configureServer(server) {
      server.middlewares.use((request, response, next) => {
        const path = request.url?.split('?')[0]?.replace(/^\//, '');
        served ??= new Map(renderIcons().map((icon) => [icon.fileName, icon.png]));
        const png = path === undefined ? undefined : served.get(path);
        if (!png) return next();
        response.setHeader('Content-Type', 'image/png');
        response.end(png);
      });
    },
    buildStart() {
      this.addWatchFile(ICON_SOURCE);
    },
    generateBundle() {
      for (const icon of renderIcons()) this.emitFile({ type: 'asset', fileName: icon.fileName, source: icon.png });
    },
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = resolve(process.argv[2] ?? join(tmpdir(), 'roster-icons'));
  for (const icon of renderIcons()) {
    const file = join(out, icon.fileName);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, icon.png);
    console.log(`${file} (${icon.size}×${icon.size}, ${icon.purpose}, ${icon.png.length} bytes)`);
  }
}
