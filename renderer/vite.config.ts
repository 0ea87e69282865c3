// Builds the React renderer into app/dist/renderer. `base: './'` lets the same build load from
// file:// (Electron) and from the headless server's http:// origin.
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { RENDERER_CSP } from '../main/security/renderer-csp.js';

const here = fileURLToPath(new URL('.', import.meta.url));

// The built page carries the renderer's one CSP (the dev server injects inline scripts, so not there).
const csp = RENDERER_CSP;

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
