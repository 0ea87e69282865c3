// Demo mode: the simulated Alexa cloud with a small hotel of simulated Echo rooms (3 floors x 8
// rooms) that answer the desk after a short ring and can call the desk on request.
import type { Room } from '../domain/room.js';
import { startSimAlexa, type SimAlexa, type SimCredentials } from './alexa-cloud.js';
import type { DeliverFn } from './delivery.js';
import type { SimEchoRoom } from './echo-room.js';

/** Fixed credentials the console uses against the demo cloud (not secrets: they only open the simulator). */
export const DEMO_CREDENTIALS: SimCredentials = Object.freeze({
  clientId: 'amzn1.application-oa2-client.demo0000000000000000000000000000',
  clientSecret: 'demo-client-secret',
  refreshToken: 'Atzr|demo-refresh-token',
});

const FLOORS = 3;
const ROOMS_PER_FLOOR = 8;
const ANSWER_DELAY_MS = 1_500;

export const DEMO_ROOMS: Room[] = Array.from({ length: FLOORS * ROOMS_PER_FLOOR }, (_, i): Room => {
  const floor = Math.floor(i / ROOMS_PER_FLOOR) + 1;
  const number = floor * 100 + (i % ROOMS_PER_FLOOR) + 1;
  return {
    id: `room-${number}`,
    name: `Room ${number}`,
    floor: `Floor ${floor}`,
    address: `amzn1.alexa.communications.profile.did.DEMO${number}`,
    addressType: 'COMMUNICATION_PROFILE_ID',
  };
});

export interface DemoOptions {
  /** The console's webhook base URL; null while it is not listening. */
  webhookUrl: string | null;
  webhookSecret?: string;
  /** The desk's provider contact id (callee of the rooms' calls). */
  contactId: string;
  /** Replaces the webhook as the way to the desks (property mode: through the skill to the broker). */
  deliver?: DeliverFn;
  port?: number;
  log?: (line: string) => void;
}

export interface Demo {
  readonly apiBase: string;
  readonly tokenUrl: string;
  readonly rooms: Room[];
  readonly sim: SimAlexa;
  /** The console's webhook moved or stopped (null), or its secret changed. */
  setWebhook(url: string | null, secret: string | undefined): void;
  /** A demo room calls the desk (a random idle room when none is given); resolves with the session id. */
  callDesk(roomId?: string, video?: boolean): Promise<string>;
  close(): Promise<void>;
}

export async function startDemo(opts: DemoOptions): Promise<Demo> {
  if (typeof opts?.contactId !== 'string' || !opts.contactId.trim()) throw new Error('contactId must be a non-empty string');
  const sim = await startSimAlexa({
    webhookUrl: opts.webhookUrl,
    webhookSecret: opts.webhookSecret,
    deliver: opts.deliver,
    credentials: { ...DEMO_CREDENTIALS },
    deskContactId: opts.contactId,
    port: opts.port,
    log: opts.log,
  });
  const echoes = new Map<string, SimEchoRoom>();
  for (const room of DEMO_ROOMS) {
    echoes.set(
      room.id,
      sim.addRoom({
        address: room.address,
        addressType: room.addressType,
        name: room.name,
        policy: { answer: 'auto', answerDelayMs: ANSWER_DELAY_MS, sendInProgress: true },
      }),
    );
  }

  return {
    apiBase: sim.apiBase,
    tokenUrl: sim.tokenUrl,
    rooms: DEMO_ROOMS,
    sim,
    setWebhook: (url, secret) => {
      sim.setWebhookUrl(url);
      sim.setWebhookSecret(secret);
    },
    async callDesk(roomId?: string, video = false): Promise<string> {
      let echo: SimEchoRoom | undefined;
      if (roomId !== undefined) {
        echo = echoes.get(roomId);
        if (!echo) throw new Error(`roomId: no demo room "${roomId}"`);
      } else {
        const idle = [...echoes.values()].filter((e) => e.state === 'idle');
        if (!idle.length) throw new Error('every demo room is in a call');
        echo = idle[Math.floor(Math.random() * idle.length)]!;
      }
      return echo.callDesk({ video });
    },
    close: () => sim.close(),
  };
}
