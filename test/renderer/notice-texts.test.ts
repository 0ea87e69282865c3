// Banner words for a refused command: staff read plain words, the technical reason goes to Details.
import { describe, expect, it } from 'vitest';
import { commandFailure } from '../../renderer/src/state/notice-texts.js';

describe('commandFailure', () => {
  it('keeps the state machine out of the banner, behind Details', () => {
    expect(commandFailure('hold', '"hold" is not valid: the call has ended')).toEqual({
      text: 'The call could not be put on hold — try again in a moment',
      detail: '"hold" is not valid: the call has ended',
    });
  });

  it('property mode: answering a moment after another desk did is news, in main\'s words', () => {
    expect(commandFailure('answer', 'Answered at Front desk 2')).toEqual({ text: 'Answered at Front desk 2', level: 'info' });
  });
});
