// Starts headless mode as a child process (the built app/dist/headless.js) and talks to it the way
// the renderer does: through the WebSocket bridge with the token from the DESK_READY line.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import type { CommandArgs, CommandName, CommandReturn, DeskEvents, EventName } from '../../main/ipc/contract.js';

const HEADLESS = fileURLToPath(new URL('../../app/dist/headless.js', import.meta.url));

export interface Headless {
  /** null in property mode without --webhook-port. */
  webhook: string;
  /** Property mode: the broker's URL. */
  broker?: string;
  ui: string;
  child: ChildProcess;
  dataDir: string;
  stderr: () => string;
  /** Resolves with the exit code after SIGTERM (or SIGINT). */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Starts headless mode with its own data dir and keychain entries; `dataDir` reuses one (a
 * restart). Unless the arguments say otherwise the webhook listens on any free port, except in
 * property mode (`--broker`), which opens no port of its own.
 */
export async function startHeadless(args: string[], env: Record<string, string> = {}, opts: { dataDir?: string } = {}): Promise<Headless> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'desk-headless-'));
  const port = args.includes('--webhook-port') || args.includes('--broker') ? [] : ['--webhook-port', '0'];
  const child = spawn(process.execPath, [HEADLESS, '--data-dir', dataDir, ...port, ...args], {
    env: { ...process.env, DESK_KEYCHAIN_SERVICE: `frontdesk-test-${process.pid}-${Date.now()}`, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const ready = await new Promise<{ webhook: string; ui: string; broker?: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no DESK_READY within 20 s; stderr:\n${stderr}`)), 20_000);
    child.stdout!.on('data', (d: Buffer) => {
      stdout += d.toString();
      const line = stdout.split('\n').find((l) => l.startsWith('DESK_READY '));
      if (line) {
        clearTimeout(timer);
        resolve(JSON.parse(line.slice('DESK_READY '.length)));
      }
    });
    child.on('exit', (code) => reject(new Error(`headless exited with ${code}; stderr:\n${stderr}`)));
  });
  return {
    ...ready,
    child,
    dataDir,
    stderr: () => stderr,
    stop: async (signal = 'SIGTERM') => {
      child.kill(signal);
      return exited;
    },
  };
}

/** A bridge client: the same contract the renderer uses, from Node. */
export class BridgeClient {
  private nextId = 1;
  private readonly pending = new Map<number, (result: unknown) => void>();
  private readonly listeners = new Map<string, Set<(payload: unknown) => void>>();
  /** The last payload of each event, so a wait started after the event still sees it. */
  private readonly latest = new Map<string, unknown>();

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const message = JSON.parse(data.toString()) as { id?: number; result?: unknown; event?: string; payload?: unknown };
      if (typeof message.id === 'number') {
        this.pending.get(message.id)?.(message.result);
        this.pending.delete(message.id);
      } else if (message.event) {
        this.latest.set(message.event, message.payload);
        for (const listener of this.listeners.get(message.event) ?? []) listener(message.payload);
      }
    });
  }

  static async connect(uiUrl: string, path = '/bridge'): Promise<BridgeClient> {
    const url = new URL(uiUrl);
    const ws = new WebSocket(`ws://${url.host}${path}?token=${url.searchParams.get('token') ?? ''}`);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`bridge refused: HTTP ${res.statusCode}`)));
    });
    return new BridgeClient(ws);
  }

  invoke<C extends CommandName>(command: C, args: CommandArgs<C>): Promise<CommandReturn<C>> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve as (r: unknown) => void);
      this.ws.send(JSON.stringify({ id, command, args }));
    });
  }

  on<E extends EventName>(event: E, listener: (payload: DeskEvents[E]) => void): () => void {
    const set = this.listeners.get(event) ?? new Set();
    set.add(listener as (p: unknown) => void);
    this.listeners.set(event, set);
    return () => set.delete(listener as (p: unknown) => void);
  }

  /** Resolves with the latest or next payload of `event` that satisfies `predicate`. */
  waitFor<E extends EventName>(event: E, predicate: (payload: DeskEvents[E]) => boolean, timeoutMs = 10_000): Promise<DeskEvents[E]> {
    const latest = this.latest.get(event) as DeskEvents[E] | undefined;
    if (latest !== undefined && predicate(latest)) return Promise.resolve(latest);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(new Error(`no matching "${event}" event within ${timeoutMs} ms`));
      }, timeoutMs);
      const off = this.on(event, (payload) => {
        if (!predicate(payload)) return;
        clearTimeout(timer);
        off();
        resolve(payload);
      });
    });
  }

  close(): void {
    this.ws.close();
  }
}
