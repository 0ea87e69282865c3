// Every CallSignaling event reaches the console unchanged, with the secret, and Alexa gets the
// response the protocol expects.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSkillHandler } from '../lambda/skill.js';
import { CALL_EVENT_NAMES, SECRET, SENSITIVE_MARKERS, callSessionId, captureLog, configFor, fixture, replyOk, startFakeConsole, type FakeConsole } from './helpers.js';

let fakeConsole: FakeConsole;
beforeAll(async () => {
  fakeConsole = await startFakeConsole();
});
afterAll(() => fakeConsole.close());
beforeEach(() => {
  fakeConsole.requests.length = 0;
  fakeConsole.behave(replyOk);
});

describe('call signaling events', () => {
  it.each(CALL_EVENT_NAMES)('%s is forwarded unchanged and answered with an empty response', async (name) => {
    const envelope = fixture(name);
    const captured = captureLog();
    const skill = createSkillHandler(configFor(fakeConsole.url), { log: captured.log });

    const reply = await skill.invoke(fixture(name));

    expect(fakeConsole.requests).toHaveLength(1);
    const [request] = fakeConsole.requests;
    expect(request!.method).toBe('POST');
    expect(request!.url).toBe('/alexa');
    expect(request!.headers.authorization).toBe(`Bearer ${SECRET}`);
    expect(request!.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request!.body)).toEqual(envelope);
    expect(reply.version).toBe('1.0');
    expect(reply.response).toEqual({});
    expect(captured.lines).toContainEqual(
      expect.objectContaining({ level: 'info', type: `Alexa.Comms.CallSignaling.${name}`, sessionId: callSessionId(envelope), outcome: 'delivered', status: 200 }),
    );
    for (const marker of SENSITIVE_MARKERS) expect(captured.text()).not.toContain(marker);
  });

  it('keeps a path prefix of CONSOLE_URL', async () => {
    const skill = createSkillHandler(configFor(`${fakeConsole.url}/desk/`), { log: captureLog().log });
    await skill.invoke(fixture('CallRinging'));
    expect(fakeConsole.requests.map((r) => r.url)).toEqual(['/desk/alexa']);
  });

  it('forwards a CallSignaling event it does not know by name', async () => {
    const envelope = fixture('CallRinging');
    (envelope.request as { type: string }).type = 'Alexa.Comms.CallSignaling.SomethingNew';
    const skill = createSkillHandler(configFor(fakeConsole.url), { log: captureLog().log });
    const reply = await skill.invoke(envelope);
    expect(JSON.parse(fakeConsole.requests[0]!.body)).toEqual(envelope);
    expect(reply.response).toEqual({});
  });

  it('answers InitiateOutboundCall with the providerSessionId directive when OUTBOUND_CALL_DIRECTIVE is on', async () => {
    const envelope = fixture('InitiateOutboundCall');
    const skill = createSkillHandler(configFor(fakeConsole.url, { OUTBOUND_CALL_DIRECTIVE: 'on' }), { log: captureLog().log });

    const outbound = await skill.invoke(envelope);
    const other = await skill.invoke(fixture('CallRingingAck'));

    expect(outbound.response).toEqual({
      directives: [{ type: 'Alexa.Comms.CallSignaling.InitiateOutboundCall', providerSessionId: callSessionId(envelope) }],
    });
    expect(other.response).toEqual({});
    expect(fakeConsole.requests).toHaveLength(2);
  });

  it('logs the redacted envelope only at debug level, never the tokens', async () => {
    const captured = captureLog('debug');
    const skill = createSkillHandler(configFor(fakeConsole.url), { log: captured.log });
    await skill.invoke(fixture('InitiateOutboundCall'));

    const debugLine = captured.lines.find((line) => line.level === 'debug' && line.msg === 'forwarding');
    expect(debugLine).toBeDefined();
    expect(JSON.stringify(debugLine)).toContain('a=candidate'); // SDP is allowed at debug level
    for (const marker of ['CONSENT-TOKEN-MARKER', 'API-ACCESS-TOKEN-MARKER', SECRET]) expect(captured.text()).not.toContain(marker);
  });
});
