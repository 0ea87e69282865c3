// `node test/electron/serve-folder.mjs <folder> <port>`: serves a folder on 127.0.0.1 as a
// generic update server (the workflow's real-update step serves the next build with it).
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { join, normalize } from 'node:path';

const [folder, port] = process.argv.slice(2);
if (!folder || !port) {
  console.error('usage: node test/electron/serve-folder.mjs <folder> <port>');
  process.exit(2);
}
createServer((req, res) => {
  const path = normalize(decodeURIComponent((req.url ?? '/').split('?')[0])).replace(/^([/\\])+/, '');
  const file = join(folder, path);
  console.log(`${req.method} ${req.url}`);
  if (path.startsWith('..') || !existsSync(file) || !statSync(file).isFile()) return void res.writeHead(404).end();
  res.writeHead(200, { 'content-length': statSync(file).size });
  createReadStream(file).pipe(res);
}).listen(Number(port), '127.0.0.1', () => console.log(`serving ${folder} on http://127.0.0.1:${port}`));
