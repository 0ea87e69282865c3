// Property mode end to end: two desks (headless consoles) on a real nats-server, each in its own
// Chromium page, the simulated Alexa's events going through the reference skill to the property's
// broker. Both desks ring; the first to answer takes the call with real media; the other stops
// ringing at once and shows who has it.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimAlexa, type SimAlexa } from '../../main/sim/alexa-cloud.js';
import type { SimEchoRoom } from '../../main/sim/echo-room.js';
import { closeBrokerConnection } from '../../skill/lambda/broker.js';
import { loadConfig } from '../../skill/lambda/config.js';
import { createLogger } from '../../skill/lambda/log.js';
import { createSkillHandler } from '../../skill/lambda/skill.js';
import { startHeadless, type Headless } from '../support/headless-process.js';
import { startNatsServer, type NatsServer } from '../support/nats-server.js';
import { expectPageMediaFlowing, NS, ROOMS, tile } from './harness.js';

const PROPERTY = 'e2e-hotel';
let nats: NatsServer;
let sim: SimAlexa;
const desks: Headless[] = [];
const echoes = new Map<string, SimEchoRoom>();

test.afterEach(async () => {
  for (const d of desks.splice(0)) await d.stop();
  await closeBrokerConnection();
  await sim?.close();
  await nats?.stop();
});

async function property(): Promise<void> {
  nats = await startNatsServer();
  const skill = createSkillHandler(loadConfig({ BROKER_URL: nats.url, PROPERTY_ID: PROPERTY }), { log: createLogger('error', () => {}) });
  sim = await startSimAlexa({
    webhookUrl: null,
    deliver: async (envelope) => ({ status: 200, body: await skill.invoke(envelope as unknown as Parameters<typeof skill.invoke>[0]) }),
  });
  for (const r of ROOMS) echoes.set(r.id, sim.addRoom({ address: r.address, addressType: 'RAW_ADDRESS', name: r.name }));
}

async function deskPage(browser: Browser, name: string): Promise<Page> {
  const roomsFile = join(mkdtempSync(join(tmpdir(), 'desk-e2e-')), 'rooms.json');
  writeFileSync(roomsFile, JSON.stringify(ROOMS));
  const desk = await startHeadless(
    ['--alexa-api', sim.apiBase, '--lwa-token-url', sim.tokenUrl, '--rooms', roomsFile, '--broker', nats.url, '--property', PROPERTY, '--desk-name', name],
    { DESK_LWA_CLIENT_ID: sim.credentials.clientId, DESK_LWA_CLIENT_SECRET: sim.credentials.clientSecret, DESK_LWA_REFRESH_TOKEN: sim.credentials.refreshToken },
  );
  desks.push(desk);
  const context = await browser.newContext({ permissions: ['microphone', 'camera'] });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`[${name} page error] ${e.message}`));
  await page.goto(desk.ui);
  await expect(page.locator('[data-testid="room-tile"]').first()).toBeVisible();
  return page;
}

test('two desks ring; the first to answer takes the call with media, the other stops ringing within a second and shows who has it', async ({ browser }) => {
  await property();
  const a = await deskPage(browser, 'Front desk 1');
  const b = await deskPage(browser, 'Front desk 2');
  for (const page of [a, b]) await expect(page.locator('[data-testid="desks-online"]')).toHaveAttribute('data-count', '2', { timeout: 15_000 });

  const room = echoes.get('r101')!;
  const sessionId = await room.callDesk();
  const card = (page: Page) => page.locator(`[data-testid="incoming-call"][data-session-id="${sessionId}"]`);
  await expect(card(a)).toBeVisible();
  await expect(card(b)).toBeVisible();

  await card(b).locator('[data-testid="answer"]').click();
  const answeredAt = Date.now();
  await expect(card(a)).toHaveCount(0, { timeout: 1_000 });
  expect(Date.now() - answeredAt).toBeLessThan(1_500);
  await expect(a.locator(`[data-testid="answered-elsewhere"][data-session-id="${sessionId}"]`)).toContainText('Answered at Front desk 2');
  await expect(tile(a, 'r101')).toHaveAttribute('data-desk', 'Front desk 2');
  await expect(tile(a, 'r101')).toHaveAttribute('data-status', 'in-call');

  const active = b.locator(`[data-testid="active-call"][data-session-id="${sessionId}"]`);
  await expect(active).toHaveAttribute('data-state', 'active');
  await expect(tile(b, 'r101')).not.toHaveAttribute('data-desk', /.+/);
  await room.waitForMediaFlowing({ timeoutMs: 10_000 });
  await expectPageMediaFlowing(b, sessionId);

  expect(sim.received.filter((m) => m.sessionId === sessionId && m.type === `${NS}CallRinging`)).toHaveLength(1);
  expect(sim.received.filter((m) => m.sessionId === sessionId && m.type === `${NS}CallAccepted`)).toHaveLength(1);

  await active.locator('[data-testid="hangup"]').click();
  await expect(tile(a, 'r101')).toHaveAttribute('data-status', 'idle');
  await expect(tile(a, 'r101')).not.toHaveAttribute('data-desk', /.+/);
});
