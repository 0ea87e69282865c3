// A minimal Alexa side for benchmarks: grants LWA tokens and accepts every signaling message,
// reporting each one as it arrives. No call state, no validation: it measures the console only.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeAlexa {
  /** e.g. http://127.0.0.1:PORT; the LWA token endpoint is `${base}/auth/o2/token`. */
  base: string;
  close(): Promise<void>;
}

export async function startFakeAlexa(onSignal: (body: { type: string; sessionId: string }) => void): Promise<FakeAlexa> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.url === '/auth/o2/token') {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ access_token: 'Atza|bench', refresh_token: 'Atzr|bench', token_type: 'bearer', expires_in: 3600 }));
        return;
      }
      onSignal(JSON.parse(Buffer.concat(chunks).toString()));
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
