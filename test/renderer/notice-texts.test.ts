// Banner words for a refused command: staff read plain words, the technical reason goes to Details.
import { describe, expect, it } from 'vitest';
import { text } from '../../main/domain/text.js';
import { commandFailure } from '../../renderer/src/state/notice-texts.js';

describe('commandFailure', () => {
  it('keeps the state machine out of the banner, behind Details', () => {
    expect(commandFailure('hold', { ok: false, error: '"hold" is not valid: the call has ended' })).toEqual({
      message: text('failed.hold'),
      detail: '"hold" is not valid: the call has ended',
    });
  });

  it("says main's words for staff when it gave some", () => {
    const busy = text('call.roomBusy', { room: 'Room 101' });
    expect(commandFailure('callRoom', { ok: false, error: 'Room 101 is already on a call with the desk', message: busy })).toEqual({ message: busy });
  });

  it("property mode: answering a moment after another desk did is news, in main's words", () => {
    const answered = text('call.answeredAt', { desk: 'Front desk 2' });
    expect(commandFailure('answer', { ok: false, error: 'Answered at Front desk 2', message: answered })).toEqual({ message: answered, level: 'info' });
  });
});
