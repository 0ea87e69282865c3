// Headless mode's UI listener against bad input: malformed paths, paths out of the renderer folder,
// and bridge messages that are not requests (the bridge carries on with the next good one).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Desk } from '../../main/desk/types.js';
import { nullLogger } from '../../main/log/logger.js';
import { startUiServer, type UiServer } from '../../main/headless/ui-server.js';

let dir: string;
let ui: UiServer;
const invoked: string[] = [];

const desk: Desk = {
  webhookUrl: 'http://127.0.0.1:8321',
  brokerUrl: null,
  mode: 'demo',
  invoke: async (_client, command) => {
    invoked.push(command);
    return { ok: true, value: command };
  },
  connect: () => () => {},
  recheck: async () => {},
  stop: async () => {},
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'desk-ui-'));
  mkdirSync(join(dir, 'renderer'));
  writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html><title>desk</title>');
  writeFileSync(join(dir, 'outside.txt'), 'not served');
  ui = await startUiServer({ desk, rendererDir: join(dir, 'renderer'), port: 0, log: nullLogger });
});
afterAll(async () => {
  await ui.close();
  rmSync(dir, { recursive: true, force: true });
});

const base = () => new URL(ui.url).origin;

describe('UI server', () => {
  it('serves the page', async () => {
    const r = await fetch(`${base()}/`);
    expect(r.status).toBe(200);
    expect(await r.text()).toContain('<title>desk</title>');
  });

  it.each(['/%E0%A4%A', '/%', '/index.html%ZZ'])('answers a malformed %%-encoded path %s with 400', async (path) => {
    const r = await fetch(`${base()}${path}`);
    expect(r.status).toBe(400);
  });

  it.each(['/..%2foutside.txt', '/%2e%2e/outside.txt', '/..%5coutside.txt'])('does not serve %s from outside the renderer folder', async (path) => {
    const r = await fetch(`${base()}${path}`);
    expect(r.status).toBe(404);
    expect(await r.text()).not.toContain('not served');
  });

  it('drops bridge messages that are not requests, deeply nested ones included, and answers the next good one', async () => {
    const token = new URL(ui.url).searchParams.get('token');
    const ws = new WebSocket(`ws://${new URL(ui.url).host}/bridge?token=${token}`);
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const replies: unknown[] = [];
    ws.on('message', (data) => replies.push(JSON.parse(data.toString())));
    ws.send('not json');
    ws.send(`{"id":1,"command":"getSnapshot","args":${'['.repeat(5000)}${']'.repeat(5000)}}`);
    ws.send(JSON.stringify({ id: 2, command: 'getSnapshot', args: {} }));
    await new Promise<void>((resolve) => {
      const check = () => (replies.length > 0 ? resolve() : setTimeout(check, 5));
      check();
    });
    expect(replies).toEqual([{ id: 2, result: { ok: true, value: 'getSnapshot' } }]);
    expect(invoked).toEqual(['getSnapshot']);
    ws.close();
  });
});
