// A property in one process, for property-mode tests: a real nats-server, the simulated Alexa whose
// events go through the reference skill's handler configured for the broker (as the Lambda would
// run it), and desks that join the property, each with its own media stand-in.
import type { DeskOptions } from '../../main/desk/types.js';
import { startSimAlexa, type SimAlexa } from '../../main/sim/alexa-cloud.js';
import { closeBrokerConnection } from '../../skill/lambda/broker.js';
import { loadConfig } from '../../skill/lambda/config.js';
import { createLogger } from '../../skill/lambda/log.js';
import { createSkillHandler } from '../../skill/lambda/skill.js';
import { startDeskForSim, type DeskWithSim } from './desk-with-sim.js';
import { startNatsServer, type NatsServer } from './nats-server.js';

export interface PropertyFixture {
  nats: NatsServer;
  sim: SimAlexa;
  property: string;
  /** The desks started so far, by name. */
  desks: Map<string, DeskWithSim>;
  desk(name: string): DeskWithSim;
  /** Starts one more desk and waits until it is one of the property's desks. */
  addDesk(name: string, options?: Partial<DeskOptions>): Promise<DeskWithSim>;
  /** Every desk sees `count` desks online. */
  waitForDesksOnline(count: number): Promise<void>;
  close(): Promise<void>;
}

let serial = 0;

/** `brokerToken`: the server takes only clients with this token; the skill publishes with it. */
export async function startProperty(opts: { desks: string[]; deskOptions?: Partial<DeskOptions>; brokerToken?: string }): Promise<PropertyFixture> {
  const nats = await startNatsServer({ token: opts.brokerToken });
  const property = `test-${process.pid}-${++serial}`;
  const skillLog: string[] = [];
  const skill = createSkillHandler(loadConfig({ BROKER_URL: nats.url, PROPERTY_ID: property, FORWARD_TIMEOUT_MS: '5000', ...(opts.brokerToken && { BROKER_TOKEN: opts.brokerToken }) }), {
    log: createLogger('info', (_level, line) => skillLog.push(line)),
  });
  const sim = await startSimAlexa({
    webhookUrl: null,
    // Alexa invokes the skill; the skill publishes to the property's broker.
    deliver: async (envelope) => ({ status: 200, body: await skill.invoke(envelope as unknown as Parameters<typeof skill.invoke>[0]) }),
  });
  const desks = new Map<string, DeskWithSim>();
  const fixture: PropertyFixture = {
    nats,
    sim,
    property,
    desks,
    desk: (name) => {
      const d = desks.get(name);
      if (!d) throw new Error(`no desk ${name}`);
      return d;
    },
    async addDesk(name, options = {}) {
      const desk = await startDeskForSim(sim, { desk: { broker: { url: nats.url, property }, deskName: name, ...opts.deskOptions, ...options } });
      desks.set(name, desk);
      await desk.waitForStatus((s) => s.property?.state === 'connected' && s.property.desks.some((d) => d.name === name), 10_000);
      return desk;
    },
    async waitForDesksOnline(count) {
      await Promise.all([...desks.values()].map((d) => d.waitForStatus((s) => s.property?.desks.length === count, 15_000)));
    },
    async close() {
      await Promise.all([...desks.values()].map((d) => d.close().catch(() => {})));
      await closeBrokerConnection();
      await sim.close();
      await nats.stop();
    },
  };
  for (const name of opts.desks) await fixture.addDesk(name);
  await fixture.waitForDesksOnline(opts.desks.length);
  return fixture;
}
