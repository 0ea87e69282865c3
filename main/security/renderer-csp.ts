// The renderer's Content-Security-Policy, one copy for every way the page is served: the Electron
// protocol handler, the headless UI server, and the <meta> tag Vite writes into the built page.
// No inline scripts or styles (Vite emits files; React's style={{}} goes through the CSSOM, which
// CSP does not restrict). 'self' also covers the headless bridge's same-host ws:// connection;
// WebRTC media is not subject to connect-src.
export const RENDERER_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob: mediastream:",
  "connect-src 'self'",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');
