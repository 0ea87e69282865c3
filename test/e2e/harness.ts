// End-to-end fixture: the simulated Alexa and Echo rooms run in the test process (a mock backend),
// the console runs as a separate headless process pointed at it, and the page is the real renderer
// in Chromium with fake media devices. Each test gets a fresh console.
import { test as base, expect, type Page } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimAlexa, type SimAlexa } from '../../main/sim/alexa-cloud.js';
import type { Room } from '../../main/domain/room.js';
import type { SimEchoRoom } from '../../main/sim/echo-room.js';
import { freePort } from '../support/desk-with-sim.js';
import { BridgeClient, startHeadless, type Headless } from '../support/headless-process.js';

export const ROOMS = [
  { id: 'r101', name: 'Room 101', floor: 'Floor 1', address: 'echo-101', addressType: 'RAW_ADDRESS' },
  { id: 'r102', name: 'Room 102', floor: 'Floor 1', address: 'echo-102', addressType: 'RAW_ADDRESS' },
  { id: 'r201', name: 'Room 201', floor: 'Floor 2', address: 'echo-201', addressType: 'RAW_ADDRESS' },
] as const;

/** A room of the directory the console imports; its simulated Echo answers at a raw address. */
export type DirectoryRoom = Room & { addressType: 'RAW_ADDRESS' };

export interface Console {
  sim: SimAlexa;
  headless: Headless;
  /** A bridge connection of the test's own, for settings and observation (it does not run media). */
  bridge: BridgeClient;
  room(id: (typeof ROOMS)[number]['id']): SimEchoRoom;
  /** A simulated Echo at any address: a room of a larger directory, or one the directory lacks. */
  echo(address: string): SimEchoRoom;
}

export const NS = 'Alexa.Comms.CallSignaling.';

export const test = base.extend<{ consoleArgs: string[]; consoleEnv: Record<string, string>; directory: readonly DirectoryRoom[]; desk: Console }>({
  consoleArgs: [[], { option: true }],
  /** Extra environment of the console process. */
  consoleEnv: [{}, { option: true }],
  /** The room directory the console imports (the simulated rooms of ROOMS always exist). */
  directory: [ROOMS, { option: true }],
  desk: async ({ page, consoleArgs, consoleEnv, directory }, use) => {
    const port = await freePort();
    const sim = await startSimAlexa({ webhookUrl: `http://127.0.0.1:${port}` });
    const rooms = new Map(ROOMS.map((r) => [r.id, sim.addRoom({ address: r.address, addressType: 'RAW_ADDRESS', name: r.name })]));
    const echoes = new Map<string, SimEchoRoom>(ROOMS.map((r) => [r.address, rooms.get(r.id)!]));
    const roomsFile = join(mkdtempSync(join(tmpdir(), 'desk-e2e-')), 'rooms.json');
    writeFileSync(roomsFile, JSON.stringify(directory));
    const headless = await startHeadless(
      ['--webhook-port', String(port), '--alexa-api', sim.apiBase, '--lwa-token-url', sim.tokenUrl, '--rooms', roomsFile, ...consoleArgs],
      { DESK_LWA_CLIENT_ID: sim.credentials.clientId, DESK_LWA_CLIENT_SECRET: sim.credentials.clientSecret, DESK_LWA_REFRESH_TOKEN: sim.credentials.refreshToken, ...consoleEnv },
    );
    const bridge = await BridgeClient.connect(headless.ui);
    page.on('pageerror', (e) => console.error(`[page error] ${e.message}`));
    await page.goto(headless.ui);
    await expect(page.locator('[data-testid="room-tile"]').first()).toBeVisible();
    const echo = (address: string) => {
      let room = echoes.get(address);
      if (!room) echoes.set(address, (room = sim.addRoom({ address, addressType: 'RAW_ADDRESS', name: address })));
      return room;
    };
    await use({ sim, headless, bridge, room: (id) => rooms.get(id)!, echo });
    bridge.close();
    await headless.stop();
    await sim.close();
  },
});

export { expect };

export const tile = (page: Page, roomId: string) => page.locator(`[data-testid="room-tile"][data-room-id="${roomId}"]`);

/** Inbound RTP bytes of a call's peer in the page grow (audio, or video). */
export async function expectPageMediaFlowing(page: Page, sessionId: string, kind: 'audio' | 'video' = 'audio'): Promise<void> {
  // null while the page has no media for the call yet (the answer's media request is on its way)
  const read = () =>
    page.evaluate(
      async ([sid, k]) => {
        if (!window.__deskMedia!.sessions().includes(sid)) return null;
        const stats = await window.__deskMedia!.stats(sid);
        return k === 'video' ? stats.inboundVideoBytes : stats.inboundAudioBytes;
      },
      [sessionId, kind] as const,
    );
  await expect.poll(read, { timeout: 10_000, message: `media in the page for ${sessionId}` }).not.toBeNull();
  const first = (await read())!;
  await expect.poll(read, { timeout: 10_000, message: `inbound ${kind} bytes in the page for ${sessionId}` }).toBeGreaterThan(first + 500);
}

declare global {
  interface Window {
    __deskMedia?: {
      stats(sessionId: string): Promise<{ inboundAudioBytes: number; inboundVideoBytes: number; outboundAudioBytes: number; outboundVideoBytes: number }>;
      sessions(): string[];
      connection(sessionId: string): RTCPeerConnectionState | null;
    };
  }
}
