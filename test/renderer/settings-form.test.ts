import { describe, expect, it } from 'vitest';
import { text } from '../../main/domain/text.js';
import { inEnglish } from '../../main/i18n/format.js';
import { settings } from './form-helpers.js';
import { describeFieldErrors } from '../../renderer/src/state/field-errors.js';
import { describeRoomProblems, roomFromForm, roomsMatching, EMPTY_ROOM_FORM } from '../../renderer/src/state/room-form.js';
import {
  describeSettingsProblems,
  droppedTurnUrls,
  formFromSettings,
  hasSavedPassword,
  settingsPatch,
  turnUrlOf,
  typedPasswords,
} from '../../renderer/src/state/settings-form.js';

describe('settings form', () => {
  it('shows times in seconds and servers as rows', () => {
    const form = formFromSettings(settings({ ringTimeoutMs: 45_000, iceGatherTimeoutMs: 2500, iceServers: [{ urls: ['stun:a:3478', 'turn:b:3478'], username: 'desk' }] }));
    expect(form.ringTimeoutSeconds).toBe('45');
    expect(form.iceGatherSeconds).toBe('2.5');
    expect(form.iceServers.map(({ urls, username, password }) => ({ urls, username, password }))).toEqual([
      { urls: 'stun:a:3478, turn:b:3478', username: 'desk', password: '' },
    ]);
  });

  it('an unchanged form makes an empty patch', () => {
    const s = settings({ iceServers: [{ urls: 'turn:t:3478', username: 'u' }, { urls: ['stun:s:3478'] }] });
    expect(settingsPatch(formFromSettings(s), s, s)).toEqual({ ok: true, patch: {} });
  });

  it('sends only what changed, in milliseconds', () => {
    const s = settings();
    const form = { ...formFromSettings(s), ringTimeoutSeconds: '30', webhookPort: '9000', sendCallInProgress: true };
    expect(settingsPatch(form, s, s)).toEqual({
      ok: true,
      patch: { ringTimeoutMs: 30_000, webhook: { host: '127.0.0.1', port: 9000 }, sendCallInProgress: true },
    });
  });

  it('keeps a value changed elsewhere meanwhile unless the user changed that same value', () => {
    const loaded = settings();
    const now = settings({ autoAnswer: { policy: 'all', delayMs: 0 } }); // changed from the status bar
    const form = { ...formFromSettings(loaded), autoAnswerDelaySeconds: '5' };
    expect(settingsPatch(form, loaded, now)).toEqual({ ok: true, patch: { autoAnswer: { policy: 'all', delayMs: 5000 } } });
  });

  it('refuses text that is not a number, naming the field, and builds no patch', () => {
    const s = settings();
    const result = settingsPatch({ ...formFromSettings(s), ringTimeoutSeconds: 'soon', webhookPort: '' }, s, s);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.byField).toEqual({ 'webhook.port': text('deskSettings.problem.anyPort'), ringTimeoutMs: text('deskSettings.problem.seconds') });
    expect(inEnglish(result.errors.summary!)).toContain('Ring timeout: enter a number of seconds');
  });

  it('drops blank server rows and writes one URL as a string', () => {
    const s = settings();
    const form = formFromSettings(s);
    form.iceServers = [
      { key: 'a', urls: ' turn:t:3478 ', username: ' u ', password: '' },
      { key: 'b', urls: '', username: '', password: '' },
      { key: 'c', urls: 'stun:x:1, stun:y:2', username: '', password: '' },
    ];
    const result = settingsPatch(form, s, s);
    expect(result).toEqual({ ok: true, patch: { iceServers: [{ urls: 'turn:t:3478', username: 'u' }, { urls: ['stun:x:1', 'stun:y:2'] }] } });
  });

  it("words main's field problems with the labels on screen and milliseconds as seconds", () => {
    const described = describeSettingsProblems({
      fields: {
        ringTimeoutMs: text('problem.between', { min: '5000', max: '600000' }),
        'webhook.port': text('problem.between', { min: '0', max: '65535' }),
      },
    });
    expect(described.byField).toEqual({
      ringTimeoutMs: text('deskSettings.problem.betweenSeconds', { min: 5, max: 600 }),
      'webhook.port': text('problem.between', { min: '0', max: '65535' }),
    });
    expect(inEnglish(described.summary!)).toBe('Ring timeout: must be between 5 and 600 seconds. Webhook port: must be between 0 and 65535');
    const url = describeSettingsProblems({ fields: { 'patch.iceServers.1.urls': text('problem.iceUrl', { schemes: 'stun:' }) } });
    expect(inEnglish(url.summary!)).toBe('Server 2 address: must be a URL starting with stun:');
    // A refusal without field problems: main's words, else "could not do that".
    expect(describeSettingsProblems({ message: text('webhook.didNotStart') }).summary).toEqual(text('webhook.didNotStart'));
    expect(describeSettingsProblems({}).summary).toEqual(text('failed.other'));
  });

  it('finds the TURN URL a password is kept under, and whether one is saved', () => {
    expect(turnUrlOf('stun:a:1, turn:b:2')).toBe('turn:b:2');
    expect(turnUrlOf(['stun:a:1'])).toBeNull();
    const live = [{ urls: 'turn:b:2', username: 'u', credential: 'secret' }, { urls: 'turn:c:3' }];
    expect(hasSavedPassword(live, 'turn:b:2')).toBe(true);
    expect(hasSavedPassword(live, 'turn:c:3')).toBe(false);
    expect(hasSavedPassword(live, 'stun:b:2')).toBe(false);
  });

  it('collects typed TURN passwords and the servers whose password should go', () => {
    const form = formFromSettings(settings());
    form.iceServers = [
      { key: 'a', urls: 'turn:t:1', username: 'u', password: 'pw' },
      { key: 'b', urls: 'stun:s:1', username: '', password: 'ignored' },
      { key: 'c', urls: 'turn:k:1', username: '', password: '' },
    ];
    expect(typedPasswords(form)).toEqual([{ url: 'turn:t:1', credential: 'pw' }]);
    expect(droppedTurnUrls([{ urls: 'turn:old:1' }, { urls: 'turn:t:1' }, { urls: 'stun:s:1' }], [{ urls: 'turn:t:1' }])).toEqual(['turn:old:1']);
  });
});

describe('field errors', () => {
  it('drops the command name and keeps unknown fields as main wrote them', () => {
    const described = describeFieldErrors('saveRoom: room.id: must not be empty; room.other: odd', { label: (f) => (f === 'id' ? 'Room id' : null), prefixes: ['room.'] });
    expect(described).toEqual({ byField: { id: 'must not be empty' }, text: 'Room id: must not be empty. room.other: odd' });
  });
});

describe('room form', () => {
  it('trims the room and leaves out empty optional fields', () => {
    expect(roomFromForm({ ...EMPTY_ROOM_FORM, id: ' r1 ', name: ' Room 1 ', floor: ' 2 ', wing: '  ', address: ' echo-1 ' })).toEqual({
      id: 'r1',
      name: 'Room 1',
      floor: '2',
      address: 'echo-1',
      addressType: 'RAW_ADDRESS',
    });
  });

  it("words main's problems with the editor labels, keeping a field it does not show as main named it", () => {
    const used = text('rooms.problem.usedBy', { room: 'Room 102' });
    const described = describeRoomProblems({ fields: { 'room.address': used, 'room.other': text('problem.invalid') } });
    expect(described.byField).toEqual({ address: used });
    expect(inEnglish(described.summary!)).toBe('Echo address: already used by Room 102. room.other: is not valid');
  });

  it('finds rooms by any of their words', () => {
    const rooms = [
      { id: 'r1', name: 'Room 101', floor: '1', address: 'echo-a', addressType: 'RAW_ADDRESS' as const },
      { id: 'r2', name: 'Suite', wing: 'East', address: 'echo-b', addressType: 'RAW_ADDRESS' as const },
    ];
    expect(roomsMatching(rooms, 'east').map((r) => r.id)).toEqual(['r2']);
    expect(roomsMatching(rooms, ' ')).toBe(rooms);
  });
});
