// `npm run demo:property`: property mode on this machine. A local nats-server (free loopback port,
// temporary store) is the property server; the simulated Alexa with the demo hotel's rooms sends its
// events through the reference skill's handler, which publishes them to the property's stream as
// the Lambda would; two desks in headless mode ("Front desk 1", "Front desk 2") join the property,
// linked to the simulator. Press Enter and a room calls: both desks ring, the first to answer
// takes the call with real audio. Ctrl+C stops everything.
//   npm run demo:property                 a room calls each time you press Enter
//   npm run demo:property -- --every 20   and one calls every 20 seconds
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { DEMO_CREDENTIALS, startDemo, type Demo } from '../main/sim/demo.js';
import { closeBrokerConnection } from '../skill/lambda/broker.js';
import { loadConfig } from '../skill/lambda/config.js';
import { createLogger } from '../skill/lambda/log.js';
import { createSkillHandler } from '../skill/lambda/skill.js';
import { ensureBuilt } from './ensure-built.mjs';

const PROPERTY = 'demo-hotel';
const DESKS = ['Front desk 1', 'Front desk 2'];
const NATS = process.env.NATS_SERVER ?? 'nats-server';
const root = fileURLToPath(new URL('..', import.meta.url));

const every = readEvery(process.argv.slice(2));
if (spawnSync(NATS, ['--version']).error) {
  console.log(
    'Property mode needs nats-server: install it (Debian/Ubuntu: sudo apt-get install nats-server; macOS: brew install nats-server; Windows: winget install NATSAuthors.NATSServer), then run npm run demo:property again.',
  );
  process.exit(1);
}
ensureBuilt();

const temp = mkdtempSync(join(tmpdir(), 'frontdesk-property-demo-'));
const children: ChildProcess[] = [];
let demo: Demo | null = null;
let stopping = false;

async function main(): Promise<void> {
  const broker = `nats://127.0.0.1:${await startNats()}`;
  const skill = createSkillHandler(loadConfig({ BROKER_URL: broker, PROPERTY_ID: PROPERTY }), { log: createLogger('warn') });
  try {
    demo = await startDemo({
      webhookUrl: null,
      contactId: 'front-desk',
      // Alexa invokes the skill; the skill publishes to the property's broker.
      deliver: async (envelope) => ({ status: 200, body: await skill.invoke(envelope as never) }),
    });
  } catch (e) {
    throw new Error(`the simulated rooms could not start (${e instanceof Error ? e.message : String(e)}); the demo needs @roamhq/wrtc for this platform`);
  }
  const rooms = join(temp, 'rooms.json');
  writeFileSync(rooms, JSON.stringify(demo.rooms));

  const uis = [];
  for (const [i, name] of DESKS.entries()) uis.push(await startDesk(name, i, broker, demo, rooms));
  console.log(`\nProperty "${PROPERTY}" on ${broker}. Open each desk in Chrome or Edge (one tab each):`);
  for (const [i, ui] of uis.entries()) console.log(`  ${DESKS[i]}: ${ui}`);
  console.log(`\nPress Enter and a room calls: both desks ring, the first to answer takes the call.${every ? ` A room also calls every ${every} s.` : ''} Ctrl+C stops everything.`);

  const call = () =>
    demo!
      .callDesk()
      .then((sessionId) => {
        const room = demo!.rooms.find((r) => demo!.sim.room(r.address)?.sessionId === sessionId);
        console.log(`${room?.name ?? 'A room'} is calling the front desk.`);
      })
      .catch((e: unknown) => console.log(`No call: ${e instanceof Error ? e.message : String(e)}`));
  createInterface({ input: process.stdin }).on('line', () => void call());
  if (every) setInterval(() => void call(), every * 1000);
}

/** nats-server with JetStream on a free loopback port and a temporary store; its port once it accepts. */
async function startNats(): Promise<number> {
  const port = await freePort();
  const child = spawn(NATS, ['-js', '-a', '127.0.0.1', '-p', String(port), '-sd', join(temp, 'nats')], { stdio: ['ignore', 'ignore', 'pipe'] });
  children.push(child);
  let log = '';
  await new Promise<void>((resolve, reject) => {
    child.stderr!.on('data', (d: Buffer) => {
      log += d.toString();
      if (/Server is ready/.test(log)) resolve();
    });
    child.once('exit', (code) => reject(new Error(`nats-server stopped (exit ${code}):\n${log.slice(-2000)}`)));
  });
  return port;
}

/** A desk in headless mode, linked to the simulator, one of the property's desks; its UI address. */
function startDesk(name: string, index: number, broker: string, sim: Demo, rooms: string): Promise<string> {
  const args = ['--data-dir', join(temp, `desk-${index + 1}`), '--alexa-api', sim.apiBase, '--lwa-token-url', sim.tokenUrl];
  args.push('--broker', broker, '--property', PROPERTY, '--desk-name', name, '--rooms', rooms);
  const child = spawn(process.execPath, [join(root, 'app/dist/headless.js'), ...args], {
    env: {
      ...process.env,
      DESK_LWA_CLIENT_ID: DEMO_CREDENTIALS.clientId,
      DESK_LWA_CLIENT_SECRET: DEMO_CREDENTIALS.clientSecret,
      DESK_LWA_REFRESH_TOKEN: DEMO_CREDENTIALS.refreshToken,
      // Its own keychain entries: the demo never touches a real desk's.
      DESK_KEYCHAIN_SERVICE: `frontdesk-property-demo-${index + 1}`,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let errors = '';
  child.stderr!.on('data', (d: Buffer) => (errors = (errors + d.toString()).slice(-4000)));
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('DESK_READY ')) resolve((JSON.parse(line.slice('DESK_READY '.length)) as { ui: string }).ui);
    });
    child.once('exit', (code) => {
      if (!stopping) reject(new Error(`${name} stopped (exit ${code}):\n${errors}`));
    });
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function readEvery(argv: string[]): number | null {
  const at = argv.indexOf('--every');
  if (at === -1) return null;
  const seconds = Number(argv[at + 1]);
  if (!Number.isFinite(seconds) || seconds < 5) {
    console.log('--every needs a number of seconds (5 or more), e.g. --every 20');
    process.exit(2);
  }
  return seconds;
}

/** Desks first (they end live calls), then the simulator and the broker. */
async function stop(code = 0): Promise<never> {
  if (!stopping) {
    stopping = true;
    const exited = (c: ChildProcess) => (c.exitCode !== null || c.signalCode !== null ? Promise.resolve() : new Promise((r) => c.once('exit', r)));
    const [nats, ...desks] = children;
    for (const desk of desks) desk.kill('SIGTERM');
    await Promise.race([Promise.all(desks.map(exited)), new Promise((r) => setTimeout(r, 5_000))]);
    await closeBrokerConnection().catch(() => {});
    await demo?.close().catch(() => {});
    nats?.kill('SIGTERM');
    if (nats) await exited(nats);
    rmSync(temp, { recursive: true, force: true });
  }
  process.exit(code);
}

process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  void stop(1);
});
