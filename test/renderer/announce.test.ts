import { describe, expect, it } from 'vitest';
import { translatorFor } from '../../main/i18n/format.js';
import { chooseLanguage } from '../../main/i18n/languages.js';
import { callAnnouncements as announce, windowTitle as title } from '../../renderer/src/state/announce.js';
import type { CallView } from '../../main/ipc/contract.js';
import { callView } from '../support/fixtures.js';

const english = translatorFor(chooseLanguage('en', []));
const callAnnouncements = (before: readonly CallView[] | null, after: readonly CallView[]) => announce(before, after, english);
const windowTitle = (calls: readonly CallView[], missed: number, desk = 'Front Desk') => title(calls, missed, desk, english);

const ringing = callView({ sessionId: 'a', title: 'Room 214', roomId: 'r214', startedAt: 1 });
const answered = { ...ringing, phase: 'active' as const, answeredAt: 5 };

describe('callAnnouncements', () => {
  it('says a room is calling once, then that it was answered, held, resumed and ended', () => {
    expect(callAnnouncements([], [ringing])).toEqual(['Room 214 is calling']);
    expect(callAnnouncements([ringing], [ringing])).toEqual([]);
    expect(callAnnouncements([ringing], [answered])).toEqual(['Answered: Room 214']);
    const held = { ...answered, held: true };
    expect(callAnnouncements([answered], [held])).toEqual(['Room 214 is on hold']);
    expect(callAnnouncements([held], [answered])).toEqual(['Back with Room 214']);
    expect(callAnnouncements([answered], [{ ...answered, remoteHeld: true }])).toEqual(['Room 214 put the call on hold']);
    expect(callAnnouncements([answered], [{ ...answered, phase: 'ended', endReason: 'completed' }])).toEqual(['Call with Room 214 ended']);
    expect(callAnnouncements([ringing], [{ ...ringing, phase: 'ended', endReason: 'missed' }])).toEqual(['Missed call from Room 214']);
  });

  it('names an unknown caller "Unknown room", and a room the desk called answering', () => {
    expect(callAnnouncements([], [{ ...ringing, roomId: null, title: 'amzn1.x' }])).toEqual(['Unknown room is calling']);
    const out = callView({ sessionId: 'o', direction: 'outgoing', phase: 'alerting', title: 'Room 9', roomId: 'r9' });
    expect(callAnnouncements([out], [{ ...out, phase: 'active' }])).toEqual(['Room 9 answered']);
  });

  it('on a fresh window announces only what rings, oldest first', () => {
    const older = callView({ sessionId: 'b', title: 'Room 101', roomId: 'r101', startedAt: 0 });
    expect(callAnnouncements(null, [answered, older])).toEqual(['Room 101 is calling']);
    expect(callAnnouncements([], [ringing, older])).toEqual(['Room 101 is calling', 'Room 214 is calling']);
  });
});

describe('windowTitle', () => {
  it('shows what rings and how many calls were missed, with the same count as the missed list', () => {
    expect(windowTitle([], 0)).toBe('Front Desk');
    expect(windowTitle([answered], 0)).toBe('Front Desk');
    expect(windowTitle([ringing], 0)).toBe('(1) Room 214 is calling — Front Desk');
    expect(windowTitle([ringing], 3, 'Lobby desk')).toBe('(1) Room 214 is calling · 3 missed — Lobby desk');
    expect(windowTitle([], 2)).toBe('2 missed — Front Desk');
  });
});

describe('in another language', () => {
  it('says the same news in the window language, the room name as it is', () => {
    const spanish = translatorFor(chooseLanguage('es', []));
    expect(announce([], [ringing], spanish)).toEqual(['Room 214 está llamando']);
    expect(announce([ringing], [answered], spanish)).toEqual(['Atendida: Room 214']);
    const japanese = translatorFor(chooseLanguage('ja', []));
    expect(announce([], [{ ...ringing, roomId: null, title: 'amzn1.x' }], japanese)).toEqual(['不明な部屋から着信です']);
    expect(title([ringing], 2, 'フロント', japanese)).toBe('（1）Room 214から着信 · 不在着信 2件 — フロント');
  });
});
