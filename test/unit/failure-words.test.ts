import { describe, expect, it } from 'vitest';
import { sendFailureWords } from '../../main/calls/failure-words.js';

const NS = 'Alexa.Comms.CallSignaling';

describe('sendFailureWords', () => {
  it('says why a call stopped in words for staff (their message id), whatever Alexa answered', () => {
    expect(sendFailureWords(`${NS}.CallAccepted`, null)).toBe('call.failed.unreachable');
    expect(sendFailureWords(`${NS}.CallAccepted`, 401)).toBe('call.failed.linkExpired');
    expect(sendFailureWords(`${NS}.CallUpdate`, 403)).toBe('call.failed.linkExpired');
    expect(sendFailureWords(`${NS}.InitiateInboundCall`, 400)).toBe('call.failed.notSetUp');
    expect(sendFailureWords(`${NS}.InitiateInboundCall`, 404)).toBe('call.failed.notSetUp');
    expect(sendFailureWords(`${NS}.CallAccepted`, 400)).toBe('call.failed.refused');
    expect(sendFailureWords(`${NS}.CallRinging`, 503)).toBe('call.failed.refused');
  });
});
