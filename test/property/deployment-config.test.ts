// The property server as the README deploys it (deploy/nats): nats-server accepts the
// configuration as written, and — run on loopback with its TLS left out — one account per property
// whose skill and desk users have exactly the permissions of deploy/nats/property-access.ts:
// a desk runs the whole property mode with them (over nats:// and ws://), the skill publishes its
// events and asks for the grant, and neither reaches further than it must.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { credsAuthenticator, type NatsConnection } from '@nats-io/nats-core';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import { connect } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brokerCredentialFromEnv } from '../../main/property/broker.js';
import { propertyNames } from '../../main/property/names.js';
import { startSimAlexa, type SimAlexa } from '../../main/sim/alexa-cloud.js';
import { closeBrokerConnection } from '../../skill/lambda/broker.js';
import { loadConfig } from '../../skill/lambda/config.js';
import { createLogger } from '../../skill/lambda/log.js';
import { createSkillHandler, type SkillHandler } from '../../skill/lambda/skill.js';
import { freePort, startDeskForSim, type DeskWithSim } from '../support/desk-with-sim.js';
import { createTestOperator, type PropertyAccount } from '../support/nats-operator.js';

const CONFIG = fileURLToPath(new URL('../../deploy/nats/nats-server.conf', import.meta.url));
const NS = 'Alexa.Comms.CallSignaling.';

let dir: string;
let server: ChildProcess | null = null;
let serverLog = '';
let natsUrl: string;
let wsUrl: string;
let resolverConf: (jwtDir: string) => string;
const accounts: Record<'a' | 'b', PropertyAccount> = {} as never;
const connections: NatsConnection[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'desk-nats-deploy-'));
  const operator = await createTestOperator();
  resolverConf = operator.resolverConf;
  accounts.a = await operator.property('hotel-a');
  accounts.b = await operator.property('hotel-b');

  const [port, wsPort, httpPort] = [await freePort(), await freePort(), await freePort()];
  writeFileSync(join(dir, 'resolver.conf'), resolverConf(join(dir, 'jwt')));
  writeFileSync(join(dir, 'nats-server.conf'), loopbackVariant(readFileSync(CONFIG, 'utf8'), { port, wsPort, httpPort, storeDir: join(dir, 'jetstream') }));
  await startServer();
  natsUrl = `nats://127.0.0.1:${port}`;
  wsUrl = `ws://127.0.0.1:${wsPort}`;

  // Properties are added while the server runs, as `nsc push` does.
  const sys = await open(operator.systemCreds);
  for (const account of [accounts.a, accounts.b]) {
    const reply = await sys.request('$SYS.REQ.CLAIMS.UPDATE', account.jwt, { timeout: 5_000 });
    expect(reply.json()).toMatchObject({ data: { code: 200 } });
  }
}, 30_000);

/** Starts (or, after a crash, restarts) the server on the same ports, store and accounts. */
async function startServer(): Promise<void> {
  serverLog = '';
  server = spawn('nats-server', ['-c', join(dir, 'nats-server.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
  const child = server;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`nats-server did not start:\n${serverLog}`)), 10_000);
    child.stderr!.on('data', (d: Buffer) => {
      serverLog += d.toString();
      if (/Server is ready/.test(serverLog)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`nats-server exited (${code}):\n${serverLog}`)));
  });
}

afterAll(async () => {
  await Promise.all(connections.map((nc) => nc.close().catch(() => {})));
  await closeBrokerConnection();
  if (server && server.exitCode === null) {
    const exited = new Promise((r) => server!.once('exit', r));
    server.kill('SIGTERM');
    await exited;
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('the property server deployment (deploy/nats)', () => {
  it('nats-server accepts the configuration as written: TLS, WebSocket on 443, JetStream, the cluster, the resolver', () => {
    const etc = join(dir, 'etc');
    mkdirSync(join(etc, 'tls'), { recursive: true });
    for (const name of ['server', 'route']) {
      const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=nats-1.example.net',
        '-keyout', join(etc, 'tls', `${name}.key`), '-out', join(etc, 'tls', `${name}.crt`)], { encoding: 'utf8' });
      expect(made.status, made.stderr).toBe(0);
    }
    writeFileSync(join(etc, 'tls', 'route-ca.crt'), readFileSync(join(etc, 'tls', 'route.crt')));
    writeFileSync(join(etc, 'resolver.conf'), resolverConf('/var/lib/nats/jwt'));
    const config = readFileSync(CONFIG, 'utf8').replaceAll('/etc/nats/', `${etc}/`);
    writeFileSync(join(etc, 'nats-server.conf'), config);

    const check = spawnSync('nats-server', ['-t', '-c', join(etc, 'nats-server.conf')], { encoding: 'utf8' });
    expect(`${check.stdout}${check.stderr}`).toMatch(/is valid/);
    expect(check.status).toBe(0);
  });

  it('desks with their property credential join, ring, answer (claims), take the grant and come back after a crash', async () => {
    const sim = await startSimAlexa({ webhookUrl: null, deliver: skillDelivery(skill('hotel-a', accounts.a.creds.skill)) });
    const desks: DeskWithSim[] = [];
    try {
      for (const name of ['Desk 1', 'Desk 2']) desks.push(await joinDesk(sim, name, natsUrl));
      for (const desk of desks) await desk.waitForStatus((s) => s.property?.desks.length === 2, 15_000);

      const echo = sim.addRoom({ address: 'room-101', addressType: 'RAW_ADDRESS', name: 'Room 101' });
      const sessionId = await echo.callDesk();
      for (const desk of desks) await desk.waitForCall(sessionId, (c) => c.phase === 'ringing');
      expect(await desks[1]!.invoke('answer', { sessionId, video: false })).toEqual({ ok: true, value: undefined });
      await desks[1]!.waitForCall(sessionId, (c) => c.phase === 'active');
      await desks[0]!.waitForCall(sessionId, (c) => c.phase === 'ended' && c.endReason === 'answered-elsewhere');
      expect(sim.received.filter((m) => m.sessionId === sessionId && m.type === `${NS}CallAccepted`)).toHaveLength(1);
      await echo.hangup();
      await desks[1]!.waitForCall(sessionId, (c) => c.phase === 'ended' && c.endReason === 'completed');

      // The grant goes to a desk that holds the signaling client, which replies through the broker.
      const grant = await sim.sendAuthorizationGrant();
      expect(grant.body).toMatchObject({ response: { event: { header: { namespace: 'Alexa.Authorization', name: 'AcceptGrant.Response' } } } });
      let log = serverLog;

      // After a crash the desks come back with the same permissions: consumers and watchers are remade.
      const crashed = new Promise((r) => server!.once('exit', r));
      server!.kill('SIGKILL');
      await crashed;
      for (const desk of desks) await desk.waitForStatus((s) => s.property?.state === 'unreachable');
      await startServer();
      log += serverLog;
      for (const desk of desks) await desk.waitForStatus((s) => s.property?.state === 'connected', 15_000);
      const again = await echo.callDesk();
      for (const desk of desks) await desk.waitForCall(again, (c) => c.phase === 'ringing');
      await echo.hangup();
      expect(log + serverLog).not.toMatch(/Permissions Violation/i);
    } finally {
      await Promise.all(desks.map((d) => d.close()));
      await sim.close();
      await closeBrokerConnection();
    }
  });

  it('a desk where only HTTPS leaves the building joins over WebSocket', async () => {
    // (One process cannot hold nats:// and ws:// connections that reconnect: the client's transport
    // is chosen process-wide. A desk has one connection, so this one runs on its own.)
    const sim = await startSimAlexa({ webhookUrl: null, deliver: skillDelivery(skill('hotel-a', accounts.a.creds.skill)) });
    const desk = await joinDesk(sim, 'Desk on WebSocket', wsUrl);
    try {
      const echo = sim.addRoom({ address: 'room-102', addressType: 'RAW_ADDRESS', name: 'Room 102' });
      const sessionId = await echo.callDesk();
      await desk.waitForCall(sessionId, (c) => c.phase === 'ringing');
      await echo.hangup();
      expect(serverLog).not.toMatch(/Permissions Violation/i);
    } finally {
      await desk.close();
      await sim.close();
      await closeBrokerConnection();
    }
  });

  it('the skill publishes only its own property events: not another property, not read them, not manage JetStream', async () => {
    const a = propertyNames('hotel-a');
    const b = propertyNames('hotel-b');
    const nc = await open(accounts.a.creds.skill);
    await expect(jetstream(nc).publish(a.events, '{}', { timeout: 3_000 })).resolves.toMatchObject({ stream: a.stream });

    await expect(jetstream(nc).publish(b.events, '{}', { timeout: 3_000 })).rejects.toThrow(/permission/i);
    await expect(nc.request(`$JS.API.STREAM.DELETE.${a.stream}`, '', { timeout: 3_000 })).rejects.toThrow(/permission/i);
    await expect(violationOf(nc, () => nc.subscribe(a.events))).resolves.toMatch(/subscription/i);

    // Through the skill's own code, with the property id of another property.
    const wrong = await skill('hotel-b', accounts.a.creds.skill).invoke(envelope('InitiateOutboundCall') as never);
    expect(wrong.response).toBeDefined(); // Alexa still gets its answer; the skill logs the refusal
    expect(skillLines.some((l) => /"outcome":"rejected"/.test(l) && /"status":403/.test(l))).toBe(true);
  });

  it("a desk cannot publish events, delete its stream or buckets, or reach another property's", async () => {
    const a = propertyNames('hotel-a');
    const b = propertyNames('hotel-b');
    const desk = await open(accounts.a.creds.desk);
    await expect(jetstream(desk).publish(a.events, '{}', { timeout: 3_000 })).rejects.toThrow(/permission/i);
    await expect(desk.request(`$JS.API.STREAM.DELETE.${a.stream}`, '', { timeout: 3_000 })).rejects.toThrow(/permission/i);
    await expect(desk.request(`$JS.API.STREAM.PURGE.KV_${a.calls}`, '', { timeout: 3_000 })).rejects.toThrow(/permission/i);
    await expect(desk.request(`$JS.API.STREAM.INFO.${b.stream}`, '', { timeout: 3_000 })).rejects.toThrow(/permission/i);
    const kv = await new Kvm(jetstream(desk)).open(a.calls);
    await expect(kv.get('no-such-call')).resolves.toBeNull(); // its own bucket works

    // Each property's JetStream is its own: the other account holds none of this property's streams.
    expect((await (await jetstreamManager(desk)).getAccountInfo()).streams).toBe(4);
    expect((await (await jetstreamManager(await open(accounts.b.creds.desk))).getAccountInfo()).streams).toBe(0);
  });
});

const skillLines: string[] = [];

/** A desk of hotel-a with the desk credential as DESK_BROKER_CREDS gives it, once it is one of the property's desks. */
async function joinDesk(sim: SimAlexa, name: string, url: string): Promise<DeskWithSim> {
  const desk = await startDeskForSim(sim, {
    desk: { broker: { url, property: 'hotel-a' }, deskName: name, brokerCredential: brokerCredentialFromEnv({ DESK_BROKER_CREDS: accounts.a.creds.desk }) },
  });
  await desk.waitForStatus((s) => s.property?.state === 'connected' && s.property.desks.some((d) => d.name === name), 10_000);
  return desk;
}

function skill(property: string, creds: string): SkillHandler {
  return createSkillHandler(loadConfig({ BROKER_URL: natsUrl, PROPERTY_ID: property, BROKER_CREDS: creds, FORWARD_TIMEOUT_MS: '4000' }), {
    log: createLogger('info', (_level, line) => skillLines.push(line)),
  });
}

function skillDelivery(handler: SkillHandler) {
  return async (body: unknown) => ({ status: 200, body: await handler.invoke(body as never) });
}

function envelope(name: string): unknown {
  return {
    version: '1.0',
    context: { System: { application: { applicationId: 'amzn1.ask.skill.test' }, user: { userId: 'u' }, apiEndpoint: 'https://api.amazonalexa.com' } },
    request: { type: `${NS}${name}`, requestId: `amzn1.echo-api.request.${Date.now()}`, timestamp: new Date().toISOString(), locale: 'en-US', sessionId: 'session-x' },
  };
}

async function open(creds: string): Promise<NatsConnection> {
  const nc = await connect({ servers: natsUrl, authenticator: credsAuthenticator(new TextEncoder().encode(creds)), maxReconnectAttempts: 0 });
  connections.push(nc);
  return nc;
}

/** The permission error the server reports for what `act` does on the connection. */
async function violationOf(nc: NatsConnection, act: () => void): Promise<string> {
  const seen = (async () => {
    for await (const s of nc.status()) if (s.type === 'error') return String(s.error);
    return '';
  })();
  act();
  return seen;
}

/**
 * The configuration as one loopback node runs it: the same JetStream, WebSocket, limits and
 * resolver, without TLS (no certificate on loopback; the check above loads them), the cluster,
 * or the fixed ports and folders.
 */
function loopbackVariant(config: string, at: { port: number; wsPort: number; httpPort: number; storeDir: string }): string {
  const replace = (text: string, from: RegExp, to: string) => {
    if (!from.test(text)) throw new Error(`deploy/nats/nats-server.conf no longer has ${from}`);
    return text.replace(from, to);
  };
  let text = withoutBlock(withoutBlock(config, /^tls \{/m), /^cluster \{/m);
  text = replace(text, /^  tls \{[^}]*\}/m, '  no_tls: true');
  text = replace(text, /^listen: .*$/m, `listen: 127.0.0.1:${at.port}`);
  text = replace(text, /^  port: 443$/m, `  listen: "127.0.0.1:${at.wsPort}"`);
  text = replace(text, /^http: .*$/m, `http: "127.0.0.1:${at.httpPort}"`);
  text = replace(text, /^  store_dir: .*$/m, `  store_dir: ${JSON.stringify(at.storeDir)}`);
  return text;
}

/** The text without the top-level block that starts where `start` matches (braces balanced). */
function withoutBlock(text: string, start: RegExp): string {
  const match = start.exec(text);
  if (!match) throw new Error(`deploy/nats/nats-server.conf no longer has ${start}`);
  let depth = 0;
  for (let i = match.index; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return text.slice(0, match.index) + text.slice(i + 1);
  }
  throw new Error('unbalanced braces');
}
