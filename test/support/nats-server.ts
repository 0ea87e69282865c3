// A real nats-server (JetStream, file store in a temporary folder) on a free loopback port, for
// property-mode tests. It can be killed (SIGKILL) and started again on the same port and store, as a
// broker restart would. Needs Debian's `nats-server` (2.9+); `.ci/run` installs it.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './desk-with-sim.js';

export interface NatsServer {
  url: string;
  port: number;
  /** SIGKILL, as a crash would. */
  kill(): Promise<void>;
  /** Starts again on the same port with the same store. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

const BINARY = process.env.NATS_SERVER ?? 'nats-server';

/** `token`: clients must sign in with it (nats-server --auth). */
export async function startNatsServer(opts: { token?: string } = {}): Promise<NatsServer> {
  if (spawnSync(BINARY, ['--version']).error) {
    throw new Error(`property-mode tests need ${BINARY}: install it (apt-get install nats-server) or set NATS_SERVER`);
  }
  const port = await freePort();
  const store = mkdtempSync(join(tmpdir(), 'desk-nats-'));
  let child: ChildProcess | null = null;
  let log = '';

  const start = async () => {
    log = '';
    child = spawn(BINARY, ['-js', '-a', '127.0.0.1', '-p', String(port), '-sd', store, ...(opts.token ? ['--auth', opts.token] : [])], { stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
    const deadline = Date.now() + 10_000;
    while (!(await accepts(port))) {
      if (Date.now() > deadline) throw new Error(`nats-server did not start on ${port}:\n${log}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const exit = (signal: NodeJS.Signals) =>
    new Promise<void>((resolve) => {
      const c = child;
      if (!c || c.exitCode !== null || c.signalCode !== null) return resolve();
      c.once('exit', () => resolve());
      c.kill(signal);
    });

  await start();
  return {
    url: `nats://127.0.0.1:${port}`,
    port,
    kill: () => exit('SIGKILL'),
    restart: start,
    stop: async () => {
      await exit('SIGTERM');
      rmSync(store, { recursive: true, force: true });
    },
  };
}

/** Whether something listens on the loopback port. */
export function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
