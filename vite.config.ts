import { defineConfig, type Plugin } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';
import { VitePWA } from 'vite-plugin-pwa';
import { ICONS, ICON_BACKGROUND, iconsPlugin } from './scripts/make-icons.mjs';

/**
 * The Content-Security-Policy of index.html allows styles from the app's own files only.
 * The dev server injects each component's CSS as a <style> element (hot reload), which that
 * forbids, so `vite dev` alone relaxes style-src; builds keep the policy as written.
 */
function devStyleCsp(): Plugin {
  return {
    name: 'roster-dev-style-csp',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'"),
  };
}

export default defineConfig({
  plugins: [
    svelte(),
    svelteTesting(),
    iconsPlugin(),
    devStyleCsp(),
    // The service worker (Workbox): precaches the whole build so that the app starts and works
    // with no network after one visit; registered by src/state/pwa.svelte.ts, which asks the
    // person before a new version takes over (registerType 'prompt').
    VitePWA({
      registerType: 'prompt',
      // Registered from the app's own module (an inline script would break the CSP).
      injectRegister: false,
      // The icons are emitted by iconsPlugin, not copied from public/: precached by globPatterns.
      includeManifestIcons: false,
      manifest: {
        id: '/',
        name: 'Roster',
        short_name: 'Roster',
        description: 'Manage the end users of your applications and keep licence use in check, offline.',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        theme_color: ICON_BACKGROUND,
        background_color: '#f7f7f8',
        lang: 'en',
        icons: ICONS.map((icon) => ({
          src: `/${icon.fileName}`,
          sizes: `${icon.size}x${icon.size}`,
          type: 'image/png',
          purpose: icon.purpose,
        })),
      },
      workbox: {
        // Everything the app needs: scripts, styles, the page, icons, the manifest, any font.
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest,woff2}'],
        // A reload or deep link (#/users/…) offline gets the cached page.
        navigateFallback: 'index.html',
        cleanupOutdatedCaches: true,
        // The first visit's page is controlled at once, so it works offline without a reload;
        // an update still waits for the person's "Reload" (no skipWaiting).
        clientsClaim: true,
        skipWaiting: false,
        // Only the app's own files, never a request to another origin: no runtime caching.
        runtimeCaching: [],
      },
    }),
  ],
  build: { target: 'es2022', sourcemap: true },
  preview: { port: 4173, strictPort: true },
  test: {
    include: ['tests/{unit,integration,component}/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['tests/setup.ts'],
  },
});
