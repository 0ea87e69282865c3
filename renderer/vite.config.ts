// Builds the React renderer into app/dist/renderer. `base: './'` lets the same build load from
// file:// (Electron) and from the headless server's http:// origin.
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));

// Strict CSP for the built page only (the dev server injects inline scripts).
// 'self' also covers the same-host ws:// bridge; mediastream:/blob: carry call media.
const csp = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob: mediastream:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'desk-csp',
    apply: 'build',
    transformIndexHtml: (html) =>
      html.replace('<meta charset="utf-8" />', `<meta charset="utf-8" />\n    <meta http-equiv="Content-Security-Policy" content="${csp}" />`),
  };
}

export default defineConfig({
  root: here,
  base: './',
  plugins: [react(), contentSecurityPolicy()],
  build: {
    outDir: `${here}../app/dist/renderer`,
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: true,
  },
});
