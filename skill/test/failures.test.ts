// When the console is slow, failing or gone, the skill still answers Alexa in time and the log says
// which call was affected. Nothing is sent twice.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSkillHandler } from '../lambda/skill.js';
import { SENSITIVE_MARKERS, callSessionId, captureLog, closedPort, configFor, fixture, replyOk, startFakeConsole, type FakeConsole } from './helpers.js';

const TIMEOUT_MS = 300;
// Generous: only proves the skill does not wait for the console beyond its own timeout.
const MARGIN_MS = 1500;

let fakeConsole: FakeConsole;
beforeAll(async () => {
  fakeConsole = await startFakeConsole();
});
afterAll(() => fakeConsole.close());
beforeEach(() => {
  fakeConsole.requests.length = 0;
  fakeConsole.behave(replyOk);
});

function skillWithLog(consoleUrl: string) {
  const captured = captureLog();
  const skill = createSkillHandler(configFor(consoleUrl, { FORWARD_TIMEOUT_MS: String(TIMEOUT_MS) }), { log: captured.log });
  return { skill, captured };
}

describe('console failures', () => {
  it('answers within the timeout when the console hangs, and logs the sessionId', async () => {
    fakeConsole.behave(() => 'hang');
    const { skill, captured } = skillWithLog(fakeConsole.url);
    const envelope = fixture('InitiateOutboundCall');

    const started = Date.now();
    const reply = await skill.invoke(envelope);
    const elapsed = Date.now() - started;

    expect(elapsed).toBeLessThan(TIMEOUT_MS + MARGIN_MS);
    expect(reply.response).toEqual({});
    expect(fakeConsole.requests).toHaveLength(1);
    expect(captured.lines).toContainEqual(
      expect.objectContaining({ level: 'error', outcome: 'timeout', sessionId: callSessionId(envelope), type: 'Alexa.Comms.CallSignaling.InitiateOutboundCall' }),
    );
  });

  it('logs a non-2xx reply with its status and a truncated body, and sends the event once', async () => {
    const longReason = `sessionId: unknown session ${'x'.repeat(5000)}`;
    fakeConsole.behave(() => ({ status: 404, body: JSON.stringify({ error: longReason }) }));
    const { skill, captured } = skillWithLog(fakeConsole.url);
    const envelope = fixture('CallAccepted');

    const reply = await skill.invoke(envelope);

    expect(reply.response).toEqual({});
    expect(fakeConsole.requests).toHaveLength(1);
    const line = captured.lines.find((l) => l.outcome === 'rejected');
    expect(line).toMatchObject({ level: 'error', status: 404, sessionId: callSessionId(envelope) });
    expect(line!.body).toContain('unknown session');
    expect(String(line!.body).length).toBeLessThan(400);
    for (const marker of SENSITIVE_MARKERS) expect(captured.text()).not.toContain(marker);
  });

  it('answers at once when the console is unreachable, logging the sessionId and the reason', async () => {
    const { skill, captured } = skillWithLog(`http://127.0.0.1:${await closedPort()}`);
    const envelope = fixture('CallEnded');

    const reply = await skill.invoke(envelope);

    expect(reply.response).toEqual({});
    expect(captured.lines).toContainEqual(
      expect.objectContaining({ level: 'error', outcome: 'unreachable', reason: 'ECONNREFUSED', sessionId: callSessionId(envelope) }),
    );
  });

  it('does not follow a redirect (it would carry the secret elsewhere)', async () => {
    fakeConsole.behave((request) =>
      request.url === '/alexa' ? { status: 307, body: '', headers: { location: '/elsewhere' } } : replyOk(request),
    );
    const { skill, captured } = skillWithLog(fakeConsole.url);

    const reply = await skill.invoke(fixture('CallRinging'));

    expect(reply.response).toEqual({});
    expect(fakeConsole.requests.map((r) => r.url)).toEqual(['/alexa']);
    expect(captured.lines).toContainEqual(expect.objectContaining({ level: 'error', outcome: 'unreachable' }));
  });
});
