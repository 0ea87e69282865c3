// The whole core in one process against the simulated Alexa: startDesk() wired to startSimAlexa(),
// and a NodeMedia "renderer" attached through the contract, so calls carry real media.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyCallsDelta, NO_CALLS } from '../../main/domain/calls-delta.js';
import { startDesk } from '../../main/desk/desk.js';
import type { Desk, DeskOptions } from '../../main/desk/types.js';
import type { CallsSnapshot, CallView, CommandArgs, CommandName, CommandReturn, DeskEvents, DeskStatus, EventName, Snapshot } from '../../main/ipc/contract.js';
import { nullLogger } from '../../main/log/logger.js';
import { startSimAlexa, type SimAlexa, type SimAlexaOptions } from '../../main/sim/alexa-cloud.js';
import { NodeMedia } from './node-media.js';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface DeskWithSim {
  desk: Desk;
  sim: SimAlexa;
  media: NodeMedia;
  dataDir: string;
  /** Latest payload of each event the desk pushed to our client; for the calls, all of them so far (deltas applied). */
  latest: Partial<{ [E in Exclude<EventName, 'calls'>]: DeskEvents[E] }> & { calls?: CallsSnapshot };
  call(sessionId: string): CallView | undefined;
  waitForCall(sessionId: string, predicate: (c: CallView) => boolean, timeoutMs?: number): Promise<CallView>;
  waitForCalls(predicate: (s: CallsSnapshot) => boolean, timeoutMs?: number): Promise<CallsSnapshot>;
  waitForStatus(predicate: (s: DeskStatus) => boolean, timeoutMs?: number): Promise<DeskStatus>;
  invoke<C extends CommandName>(command: C, args: CommandArgs<C>): Promise<CommandReturn<C>>;
  close(): Promise<void>;
}

let serial = 0;

export async function startDeskWithSim(
  opts: { desk?: Partial<DeskOptions>; sim?: Partial<SimAlexaOptions>; linked?: boolean } = {},
): Promise<DeskWithSim> {
  const port = await freePort();
  const sim = await startSimAlexa({ webhookUrl: `http://127.0.0.1:${port}`, ...opts.sim });
  const t = await startDeskForSim(sim, { linked: opts.linked, desk: { webhookPort: port, ...opts.desk } });
  return {
    ...t,
    close: async () => {
      await t.close();
      await sim.close();
    },
  };
}

/** A desk against a simulated Alexa that may serve other desks too (property mode); close() leaves the sim running. */
export async function startDeskForSim(sim: SimAlexa, opts: { desk?: Partial<DeskOptions>; linked?: boolean } = {}): Promise<DeskWithSim> {
  const dataDir = mkdtempSync(join(tmpdir(), 'desk-it-'));
  const desk = await startDesk({
    dataDir,
    alexaApi: sim.apiBase,
    lwaTokenUrl: sim.tokenUrl,
    lwaAuthorizeUrl: sim.authorizeUrl,
    setupSignInPort: 0,
    envCredentials: opts.linked === false ? undefined : sim.credentials,
    keychainService: `frontdesk-it-${process.pid}-${++serial}`,
    log: nullLogger,
    ...opts.desk,
  });

  const latest: DeskWithSim['latest'] = {};
  const waiters = new Set<() => void>();
  const clientId = 'test-renderer';
  const media = new NodeMedia((result) => void desk.invoke(clientId, 'mediaResult', result));
  desk.connect(clientId, (event, payload) => {
    if (event === 'calls') latest.calls = applyCallsDelta(latest.calls ?? NO_CALLS, payload as DeskEvents['calls']);
    else (latest as Record<string, unknown>)[event] = payload;
    if (event === 'media') media.handle(payload as DeskEvents['media']);
    for (const wake of [...waiters]) wake();
  });
  await desk.invoke(clientId, 'claimMedia', {});
  // What was pushed before this client attached.
  const first = await desk.invoke(clientId, 'getSnapshot', {});
  if (first.ok) {
    const snapshot = first.value as Snapshot;
    latest.status ??= snapshot.status;
    latest.calls ??= snapshot.calls;
  }

  const waitUntil = <T>(probe: () => T | undefined, what: string, timeoutMs = 10_000): Promise<T> =>
    new Promise((resolve, reject) => {
      const check = () => {
        const value = probe();
        if (value === undefined) return;
        waiters.delete(check);
        clearTimeout(timer);
        resolve(value);
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`timed out waiting for ${what}; calls: ${JSON.stringify(latest.calls?.calls.map((c) => [c.sessionId, c.phase, c.endReason]))}`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });

  const call = (sessionId: string) => latest.calls?.calls.find((c) => c.sessionId === sessionId);
  return {
    desk,
    sim,
    media,
    dataDir,
    latest,
    call,
    waitForCall: (sessionId, predicate, timeoutMs) =>
      waitUntil(() => {
        const c = call(sessionId);
        return c && predicate(c) ? c : undefined;
      }, `call ${sessionId}`, timeoutMs),
    waitForCalls: (predicate, timeoutMs) => waitUntil(() => (latest.calls && predicate(latest.calls) ? latest.calls : undefined), 'calls', timeoutMs),
    waitForStatus: (predicate, timeoutMs) => waitUntil(() => (latest.status && predicate(latest.status) ? latest.status : undefined), 'status', timeoutMs),
    invoke: (command, args) => desk.invoke(clientId, command, args) as never,
    close: async () => {
      media.closeAll();
      await desk.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
