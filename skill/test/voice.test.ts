// Voice requests get a short spoken help and never reach the console.
import type { RequestEnvelope } from 'ask-sdk-model';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSkillHandler } from '../lambda/skill.js';
import { captureLog, configFor, fixture, startFakeConsole, type FakeConsole } from './helpers.js';

const ENGLISH_HELP = "This skill connects your room's Echo to the front desk. To reach the desk, say: Alexa, call the front desk.";

let fakeConsole: FakeConsole;
beforeAll(async () => {
  fakeConsole = await startFakeConsole();
});
afterAll(() => fakeConsole.close());
beforeEach(() => {
  fakeConsole.requests.length = 0;
});

function intent(name: string, locale = 'en-US'): RequestEnvelope {
  const envelope = fixture('IntentRequest');
  Object.assign(envelope.request, { locale, intent: { name, confirmationStatus: 'NONE' } });
  return envelope;
}

function withRequest(request: Record<string, unknown>): RequestEnvelope {
  const envelope = fixture('LaunchRequest');
  envelope.request = { requestId: 'amzn1.echo-api.request.test', timestamp: '2024-05-01T12:00:00Z', locale: 'en-US', ...request } as never;
  return envelope;
}

async function invoke(envelope: RequestEnvelope) {
  const captured = captureLog();
  const reply = await createSkillHandler(configFor(fakeConsole.url), { log: captured.log }).invoke(envelope);
  return { response: reply.response as { outputSpeech?: { ssml?: string }; shouldEndSession?: boolean }, captured };
}

describe('voice requests', () => {
  it('LaunchRequest speaks the help and ends the session', async () => {
    const { response } = await invoke(fixture('LaunchRequest'));
    expect(response.outputSpeech?.ssml).toBe(`<speak>${ENGLISH_HELP}</speak>`);
    expect(response.shouldEndSession).toBe(true);
  });

  it.each(['FrontDeskInfoIntent', 'AMAZON.HelpIntent', 'AMAZON.FallbackIntent'])('%s speaks the help', async (name) => {
    const { response } = await invoke(intent(name));
    expect(response.outputSpeech?.ssml).toContain('Alexa, call the front desk');
  });

  it('the recorded IntentRequest (FrontDeskInfoIntent, en-GB) speaks the help', async () => {
    const { response } = await invoke(fixture('IntentRequest'));
    expect(response.outputSpeech?.ssml).toBe(`<speak>${ENGLISH_HELP}</speak>`);
  });

  it('speaks the help in the request language', async () => {
    const { response } = await invoke(intent('AMAZON.HelpIntent', 'de-DE'));
    expect(response.outputSpeech?.ssml).toContain('Rezeption');
  });

  it.each(['AMAZON.StopIntent', 'AMAZON.CancelIntent'])('%s says goodbye and ends the session', async (name) => {
    const { response } = await invoke(intent(name));
    expect(response.outputSpeech?.ssml).toBe('<speak>Goodbye.</speak>');
    expect(response.shouldEndSession).toBe(true);
  });

  it('SessionEndedRequest gets an empty response', async () => {
    const { response } = await invoke(withRequest({ type: 'SessionEndedRequest', reason: 'USER_INITIATED' }));
    expect(response).toEqual({});
  });

  it('an unknown intent gets the problem message, not an exception', async () => {
    const { response, captured } = await invoke(intent('SomeOtherIntent'));
    expect(response.outputSpeech?.ssml).toContain('Sorry, something went wrong');
    expect(captured.lines).toContainEqual(expect.objectContaining({ level: 'error', msg: 'request failed', intent: 'SomeOtherIntent' }));
  });

  it('System.ExceptionEncountered gets an empty response, no speech', async () => {
    const { response } = await invoke(withRequest({ type: 'System.ExceptionEncountered', error: { type: 'INVALID_RESPONSE', message: 'x' } }));
    expect(response).toEqual({});
  });

  it('no voice request reaches the console', async () => {
    await invoke(fixture('LaunchRequest'));
    await invoke(fixture('IntentRequest'));
    expect(fakeConsole.requests).toHaveLength(0);
  });
});
