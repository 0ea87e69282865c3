// The whole chain: the simulated Alexa hands every event to the reference skill's handler (as the
// Lambda would receive it), the skill forwards it to the real console's webhook, and the console
// signals back to the simulated Alexa. A call completes with media; the grant links the console.
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../skill/lambda/config.js';
import { createLogger } from '../../skill/lambda/log.js';
import { createSkillHandler } from '../../skill/lambda/skill.js';
import { freePort, startDeskWithSim, type DeskWithSim } from '../support/desk-with-sim.js';

const NS = 'Alexa.Comms.CallSignaling.';
const SECRET = 'skill-to-console-secret-0123456789';
let t: DeskWithSim | null = null;

afterEach(async () => {
  await t?.close();
  t = null;
});

async function deskBehindSkill(opts: { linked?: boolean } = {}): Promise<{ t: DeskWithSim; skillLog: string[] }> {
  const skillLog: string[] = [];
  const port = await freePort();
  const skill = createSkillHandler(loadConfig({ CONSOLE_URL: `http://127.0.0.1:${port}`, WEBHOOK_SECRET: SECRET }), {
    log: createLogger('info', (_level, line) => skillLog.push(line)),
  });
  const started = await startDeskWithSim({
    linked: opts.linked,
    desk: { webhookPort: port, webhookSecret: SECRET },
    sim: {
      // Alexa invokes the skill; the skill's response is what Alexa gets back.
      deliver: async (envelope) => ({ status: 200, body: await skill.invoke(envelope as unknown as Parameters<typeof skill.invoke>[0]) }),
    },
  });
  return { t: started, skillLog };
}

describe('reference skill in front of the console', () => {
  it('carries an Echo call from the simulated Alexa through the skill to the console and back', async () => {
    let skillLog: string[];
    ({ t, skillLog } = await deskBehindSkill());
    const echo = t.sim.addRoom({ address: 'room-101', addressType: 'RAW_ADDRESS', name: 'Room 101' });
    const sessionId = await echo.callDesk();
    await t.waitForCall(sessionId, (c) => c.phase === 'ringing');
    await t.invoke('answer', { sessionId, video: false });
    await t.waitForCall(sessionId, (c) => c.phase === 'active');
    await echo.waitForMediaFlowing();
    await echo.hangup();
    await t.waitForCall(sessionId, (c) => c.phase === 'ended');

    const forwarded = t.sim.deliveries.filter((d) => d.sessionId === sessionId).map((d) => d.type.slice(NS.length));
    expect(forwarded).toEqual(['InitiateOutboundCall', 'CallRingingAck', 'CallAcceptedAck', 'CallEnded']);
    // Alexa got the skill's empty response for each call event.
    for (const d of t.sim.deliveries) expect(d.body).toMatchObject({ version: '1.0', response: {} });
    // The skill logs type and sessionId, never SDP or the secret.
    expect(skillLog.join('\n')).toContain(sessionId);
    expect(skillLog.join('\n')).not.toMatch(/v=0|a=candidate|skill-to-console-secret/);
  });

  it('links the console from the grant the skill forwards, and returns AcceptGrant.Response to Alexa', async () => {
    ({ t } = await deskBehindSkill({ linked: false }));
    await t.invoke('saveSignalingClient', { clientId: t.sim.credentials.clientId, clientSecret: t.sim.credentials.clientSecret });
    const grant = await t.sim.sendAuthorizationGrant();
    expect(grant.body).toMatchObject({ response: { event: { header: { namespace: 'Alexa.Authorization', name: 'AcceptGrant.Response' } } } });
    const snapshot = await t.invoke('getSnapshot', {});
    expect(snapshot.ok && snapshot.value.status.mode).toBe('linked');
  });
});
