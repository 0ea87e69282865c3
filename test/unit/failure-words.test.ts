import { describe, expect, it } from 'vitest';
import { sendFailureWords } from '../../main/calls/failure-words.js';

const NS = 'Alexa.Comms.CallSignaling';

describe('sendFailureWords', () => {
  it('says why a call stopped in words for staff, whatever Alexa answered', () => {
    expect(sendFailureWords(`${NS}.CallAccepted`, null)).toBe('Alexa could not be reached');
    expect(sendFailureWords(`${NS}.CallAccepted`, 401)).toBe('The link to Amazon has expired');
    expect(sendFailureWords(`${NS}.CallUpdate`, 403)).toBe('The link to Amazon has expired');
    expect(sendFailureWords(`${NS}.InitiateInboundCall`, 400)).toBe('That Echo is not set up for calling');
    expect(sendFailureWords(`${NS}.InitiateInboundCall`, 404)).toBe('That Echo is not set up for calling');
    expect(sendFailureWords(`${NS}.CallAccepted`, 400)).toBe('Alexa did not accept the call');
    expect(sendFailureWords(`${NS}.CallRinging`, 503)).toBe('Alexa did not accept the call');
  });
});
