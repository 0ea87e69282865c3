// Headless mode's loopback listener: serves the built renderer and a WebSocket bridge that carries
// exactly the IPC contract (../ipc/bridge-protocol.ts), so the unchanged renderer runs in a browser.
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Desk } from '../desk/types.js';
import { BRIDGE_PATH, BRIDGE_STOPPING, type BridgeMessage } from '../ipc/bridge-protocol.js';
import type { Logger } from '../log/logger.js';
import { parseJsonBounded } from '../protocol/json.js';
import { RENDERER_CSP } from '../security/renderer-csp.js';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/** Room files can be large; nothing else comes close. */
const MAX_BRIDGE_MESSAGE = 6 * 1024 * 1024;
/** How long windows get to take the bridge's closing word before it is cut. */
const CLOSE_GRACE_MS = 500;

export interface UiServer {
  /** The URL to open, carrying the bridge token. */
  url: string;
  close(): Promise<void>;
}

export async function startUiServer(opts: { desk: Desk; rendererDir: string; port: number; log: Logger }): Promise<UiServer> {
  const token = randomBytes(24).toString('base64url');
  const server = createServer((req, res) => {
    serveStatic(opts.rendererDir, req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_BRIDGE_MESSAGE });

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== BRIDGE_PATH || !sameSecret(url.searchParams.get('token') ?? '', token)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => attachClient(ws, opts.desk, opts.log));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    close: async () => {
      // Say why the bridge closes, so windows tell staff the console stopped (not the network);
      // whatever has not closed after a moment is cut off.
      const closed = [...wss.clients].map((client) => new Promise<void>((resolve) => {
        client.once('close', () => resolve());
        client.close(BRIDGE_STOPPING.code, BRIDGE_STOPPING.reason);
      }));
      await Promise.race([Promise.all(closed), new Promise((resolve) => setTimeout(resolve, CLOSE_GRACE_MS).unref())]);
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function attachClient(ws: WebSocket, desk: Desk, log: Logger): void {
  const clientId = `bridge-${randomUUID()}`;
  const send = (message: BridgeMessage) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  };
  const detach = desk.connect(clientId, (event, payload) => send({ event, payload } as BridgeMessage));
  ws.on('close', detach);
  ws.on('message', async (data) => {
    const request = parseRequest(data.toString());
    if (!request) {
      log.warn('bridge: malformed message dropped', { clientId });
      return;
    }
    send({ id: request.id, result: await desk.invoke(clientId, request.command, request.args) });
  });
}

function parseRequest(text: string): { id: number; command: string; args: unknown } | null {
  const parsed = parseJsonBounded(text);
  if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null) return null;
  const { id, command, args } = parsed.value as Record<string, unknown>;
  if (typeof id !== 'number' || !Number.isInteger(id) || typeof command !== 'string') return null;
  return { id, command, args };
}

async function serveStatic(root: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405).end();
    return;
  }
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
  } catch {
    res.writeHead(400, { 'Content-Type': 'text/plain' }).end('Malformed path');
    return;
  }
  const relative = normalize(pathname === '/' ? 'index.html' : pathname.slice(1));
  const file = join(root, relative);
  if (relative.startsWith('..') || !file.startsWith(root.endsWith(sep) ? root : root + sep)) {
    res.writeHead(404).end();
    return;
  }
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end(
      pathname === '/' ? 'The console UI is not built: run `npm run build` first.' : 'Not found',
    );
    return;
  }
  res.writeHead(200, {
    'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
    'Content-Security-Policy': RENDERER_CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}


function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}
