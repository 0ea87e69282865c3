// `npm run demo:property` as a user runs it: two desks come up on a local nats-server, Enter makes a
// room call and both desks ring, Ctrl+C stops everything; without nats-server it says in one line
// how to install it.
import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { DeskStatus } from '../../main/ipc/contract.js';
import { BridgeClient } from '../support/headless-process.js';
import { accepts } from '../support/nats-server.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tsx = `${root}node_modules/.bin/tsx`;
const script = `${root}scripts/demo-property.ts`;

describe('npm run demo:property', () => {
  it('starts two desks of one property; a room called with Enter rings at both; Ctrl+C stops everything', async () => {
    const demo = spawn(tsx, [script], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => demo.once('exit', (code) => resolve(code)));
    const lines: string[] = [];
    const uis = await new Promise<string[]>((resolve, reject) => {
      const found: string[] = [];
      createInterface({ input: demo.stdout! }).on('line', (line) => {
        lines.push(line);
        const ui = /^ {2}Front desk \d: (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)$/.exec(line)?.[1];
        if (ui && found.push(ui) === 2) resolve(found);
      });
      void exited.then((code) => reject(new Error(`the demo stopped (${code}):\n${lines.join('\n')}`)));
    });
    const bridges = await Promise.all(uis.map((ui) => BridgeClient.connect(ui)));
    try {
      for (const bridge of bridges) await bothDesksOnline(bridge);
      const ringing = bridges.map((bridge) => bridge.waitFor('calls', (d) => d.calls.some((c) => c.phase === 'ringing'), 20_000));
      demo.stdin!.write('\n');
      const [first, second] = await Promise.all(ringing);
      const at = (d: typeof first) => d.calls.find((c) => c.phase === 'ringing')!.sessionId;
      expect(at(first)).toBe(at(second));
      expect(lines.some((l) => /^Room \d+ is calling the front desk\.$/.test(l))).toBe(true);
    } finally {
      for (const bridge of bridges) bridge.close();
      demo.kill('SIGINT');
    }
    expect(await exited).toBe(0);
    // The desks and the broker stopped with it.
    const broker = lines.map((l) => /^Property "demo-hotel" on nats:\/\/127\.0\.0\.1:(\d+)\./.exec(l)?.[1]).find(Boolean);
    for (const port of [Number(broker), ...uis.map((ui) => Number(new URL(ui).port))]) expect(await accepts(port)).toBe(false);
  }, 90_000);

  it('without nats-server says in one line how to install it', () => {
    const run = spawnSync(tsx, [script], { cwd: root, encoding: 'utf8', env: { ...process.env, NATS_SERVER: `${root}no-such-nats-server` } });
    expect(run.status).toBe(1);
    expect(run.stdout.trim().split('\n')).toEqual([expect.stringMatching(/^Property mode needs nats-server: install it \(.*apt-get install nats-server.*\)/)]);
  });
});

/** Status is pushed when it changes: the desks may have met before this bridge connected. */
async function bothDesksOnline(bridge: BridgeClient): Promise<void> {
  const both = (s: DeskStatus) => s.property?.desks.length === 2;
  const snapshot = await bridge.invoke('getSnapshot', {});
  if (snapshot.ok && both(snapshot.value.status)) return;
  await bridge.waitFor('status', both, 30_000); // (it also sees a push that came after the snapshot)
}
