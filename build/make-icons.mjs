// Draws the app icon and the tray icons as PNG files (no image tools needed):
//   build/icon.png (1024), build/icons/<N>x<N>.png (Linux sizes), build/tray/tray-<look>[@2x].png
// The PNGs are committed resources; run this again only to change the design:
//   node build/make-icons.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));

// ---- PNG encoding (RGBA, 8 bit) ---------------------------------------------------------------

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    rows[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// ---- drawing: shapes in a unit square (0..1), supersampled ------------------------------------

const inRoundedSquare = (x, y, r) => {
  const dx = Math.max(Math.abs(x - 0.5) - (0.5 - r), 0);
  const dy = Math.max(Math.abs(y - 0.5) - (0.5 - r), 0);
  return dx * dx + dy * dy <= r * r;
};
const inCircle = (x, y, cx, cy, r) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const inRect = (x, y, x0, y0, x1, y1) => x >= x0 && x <= x1 && y >= y0 && y <= y1;

/** A front-desk bell: dome, knob and base, centred in the unit square, scaled by `s`. */
function inBell(x, y, s) {
  const u = (x - 0.5) / s + 0.5;
  const v = (y - 0.5) / s + 0.5;
  const dome = v <= 0.66 && inCircle(u, v, 0.5, 0.66, 0.3);
  const knob = inCircle(u, v, 0.5, 0.3, 0.055) || inRect(u, v, 0.48, 0.3, 0.52, 0.38);
  const base = inRect(u, v, 0.14, 0.69, 0.86, 0.77);
  return dome || knob || base;
}

function draw(size, colourAt) {
  const out = Buffer.alloc(size * size * 4);
  const n = size >= 256 ? 3 : 4; // supersampling per axis
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const c = colourAt((px + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size);
          if (!c) continue;
          r += c[0] * c[3]; g += c[1] * c[3]; b += c[2] * c[3]; a += c[3];
        }
      }
      const i = (py * size + px) * 4;
      if (a > 0) {
        out[i] = Math.round(r / a); out[i + 1] = Math.round(g / a); out[i + 2] = Math.round(b / a);
      }
      out[i + 3] = Math.round((a / (n * n)) * 255);
    }
  }
  return out;
}

const hex = (h, alpha = 1) => [parseInt(h.slice(1, 3), 16), parseInt(h.slice(3, 5), 16), parseInt(h.slice(5, 7), 16), alpha];
const WHITE = hex('#ffffff');

function appIcon(x, y) {
  // Inset so the OS sees the usual margin around the tile.
  const m = 0.06;
  const u = (x - m) / (1 - 2 * m);
  const v = (y - m) / (1 - 2 * m);
  if (u < 0 || u > 1 || v < 0 || v > 1 || !inRoundedSquare(u, v, 0.2)) return null;
  if (inBell(u, v, 0.78)) return WHITE;
  return hex('#0f766e');
}

/** Tray looks, by state of the console (see main/shell/tray-model.ts). */
const TRAY_COLOURS = {
  linked: '#15803d',
  demo: '#1d4ed8',
  ringing: '#d97706',
  'in-call': '#0f766e',
  error: '#b91c1c',
  unlinked: '#4b5563',
};

const trayIcon = (colour) => (x, y) => {
  if (!inCircle(x, y, 0.5, 0.5, 0.48)) return null;
  return inBell(x, y, 0.8) ? WHITE : hex(colour);
};

function write(path, size, colourAt) {
  writeFileSync(path, encodePng(size, draw(size, colourAt)));
  console.log(`wrote ${path.slice(here.length)} (${size}x${size})`);
}

mkdirSync(`${here}icons`, { recursive: true });
mkdirSync(`${here}tray`, { recursive: true });
write(`${here}icon.png`, 1024, appIcon);
for (const size of [512, 256, 128, 64, 48, 32, 16]) write(`${here}icons/${size}x${size}.png`, size, appIcon);
for (const [look, colour] of Object.entries(TRAY_COLOURS)) {
  write(`${here}tray/tray-${look}.png`, 16, trayIcon(colour));
  write(`${here}tray/tray-${look}@2x.png`, 32, trayIcon(colour));
}
