// Alexa.Authorization.Grant: the console exchanges the code; the skill returns the console's
// AcceptGrant.Response, or an ErrorResponse when the console cannot be used.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSkillHandler } from '../lambda/skill.js';
import { SECRET, SENSITIVE_MARKERS, captureLog, closedPort, configFor, fixture, startFakeConsole, type FakeConsole } from './helpers.js';

const acceptGrantResponse = {
  event: {
    header: { namespace: 'Alexa.Authorization', name: 'AcceptGrant.Response', messageId: 'c0ffee00-0000-4000-8000-000000000001', payloadVersion: '3' },
    payload: {},
  },
};

let fakeConsole: FakeConsole;
beforeAll(async () => {
  fakeConsole = await startFakeConsole();
});
afterAll(() => fakeConsole.close());
beforeEach(() => {
  fakeConsole.requests.length = 0;
});

function grantSkill(consoleUrl: string) {
  const captured = captureLog();
  const skill = createSkillHandler(configFor(consoleUrl, { FORWARD_TIMEOUT_MS: '300' }), { log: captured.log });
  return { skill, captured };
}

function expectGrantError(response: unknown, messagePart: string) {
  expect(response).toMatchObject({
    event: {
      header: { namespace: 'Alexa.Authorization', name: 'ErrorResponse', payloadVersion: '3', messageId: expect.any(String) },
      payload: { type: 'ACCEPT_GRANT_FAILED', message: expect.stringContaining(messagePart) },
    },
  });
}

describe('Alexa.Authorization.Grant', () => {
  it("forwards the grant unchanged and returns the console's AcceptGrant.Response", async () => {
    fakeConsole.behave(() => ({ status: 200, body: JSON.stringify({ ok: true, response: acceptGrantResponse }) }));
    const { skill, captured } = grantSkill(fakeConsole.url);
    const envelope = fixture('Alexa.Authorization.Grant');

    const reply = await skill.invoke(envelope);

    expect(reply.response).toEqual(acceptGrantResponse);
    expect(fakeConsole.requests).toHaveLength(1);
    expect(JSON.parse(fakeConsole.requests[0]!.body)).toEqual(envelope);
    expect(fakeConsole.requests[0]!.headers.authorization).toBe(`Bearer ${SECRET}`);
    for (const marker of SENSITIVE_MARKERS) expect(captured.text()).not.toContain(marker);
  });

  it('passes through an ErrorResponse built by the console', async () => {
    const consoleError = {
      event: {
        header: { namespace: 'Alexa.Authorization', name: 'ErrorResponse', messageId: 'c0ffee00-0000-4000-8000-000000000002', payloadVersion: '3' },
        payload: { type: 'ACCEPT_GRANT_FAILED', message: 'LWA rejected the code: invalid_grant' },
      },
    };
    fakeConsole.behave(() => ({ status: 200, body: JSON.stringify({ ok: true, response: consoleError }) }));
    const reply = await grantSkill(fakeConsole.url).skill.invoke(fixture('Alexa.Authorization.Grant'));
    expect(reply.response).toEqual(consoleError);
  });

  it('answers ErrorResponse when the console replies non-2xx', async () => {
    fakeConsole.behave(() => ({ status: 502, body: JSON.stringify({ error: 'token exchange failed' }) }));
    const { skill, captured } = grantSkill(fakeConsole.url);

    const reply = await skill.invoke(fixture('Alexa.Authorization.Grant'));

    expectGrantError(reply.response, 'HTTP 502');
    expect(captured.lines).toContainEqual(expect.objectContaining({ level: 'error', outcome: 'rejected', status: 502 }));
  });

  it('answers ErrorResponse when the console reply is not an Alexa.Authorization event', async () => {
    fakeConsole.behave(() => ({ status: 200, body: JSON.stringify({ ok: true, response: { event: { header: { namespace: 'Alexa', name: 'Response' }, payload: {} } } }) }));
    const reply = await grantSkill(fakeConsole.url).skill.invoke(fixture('Alexa.Authorization.Grant'));
    expectGrantError(reply.response, 'response.event.header.namespace');
  });

  it('answers ErrorResponse when the console replies 200 without a response', async () => {
    fakeConsole.behave(() => ({ status: 200, body: JSON.stringify({ ok: true }) }));
    const reply = await grantSkill(fakeConsole.url).skill.invoke(fixture('Alexa.Authorization.Grant'));
    expectGrantError(reply.response, 'response must be an object');
  });

  it('answers ErrorResponse when the console hangs', async () => {
    fakeConsole.behave(() => 'hang');
    const reply = await grantSkill(fakeConsole.url).skill.invoke(fixture('Alexa.Authorization.Grant'));
    expectGrantError(reply.response, 'did not answer within 300 ms');
  });

  it('answers ErrorResponse when the console is unreachable', async () => {
    const reply = await grantSkill(`http://127.0.0.1:${await closedPort()}`).skill.invoke(fixture('Alexa.Authorization.Grant'));
    expectGrantError(reply.response, 'could not be reached (ECONNREFUSED)');
  });
});
