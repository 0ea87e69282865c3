// A local update server as electron-builder's generic provider expects one: a folder of channel
// files (latest.yml, beta.yml, latest-mac.yml, latest-linux.yml, ...) and installers, on
// 127.0.0.1. Used by the update decision tests; the workflow's real update serves real builds.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface UpdateServer {
  url: string;
  /** Paths requested, in order. */
  requests: string[];
  /** Replace what a path serves (text), or remove it (404). */
  put(path: string, body: string | null, status?: number): void;
  close(): Promise<void>;
}

/** A channel file as electron-builder writes it. */
export function channelFile(version: string, file = `frontdesk-console-setup-${version}-x64.exe`): string {
  const sha512 = Buffer.alloc(64, version).toString('base64');
  return [`version: ${version}`, 'files:', `  - url: ${file}`, `    sha512: ${sha512}`, '    size: 104857600', `path: ${file}`, `sha512: ${sha512}`, `releaseDate: '2026-11-30T09:00:00.000Z'`, ''].join('\n');
}

export async function startUpdateServer(files: Record<string, string> = {}): Promise<UpdateServer> {
  const content = new Map<string, { body: string; status: number }>(Object.entries(files).map(([p, body]) => [p, { body, status: 200 }]));
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    requests.push(path);
    const entry = content.get(path);
    if (!entry) return void res.writeHead(404).end('not found');
    res.writeHead(entry.status, { 'content-type': 'text/yaml' }).end(entry.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    put: (path, body, status = 200) => (body === null ? content.delete(path) : content.set(path, { body, status })),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
