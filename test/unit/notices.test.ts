import { describe, expect, it } from 'vitest';
import type { Notice } from '../../main/domain/notice.js';
import { connectionNotice, grantFailedNotice, keychainNotice, Notices, sendFailureNotice } from '../../main/desk/notices.js';
import { text } from '../../main/domain/text.js';
import { inEnglish } from '../../main/i18n/format.js';
import type { Logger } from '../../main/log/logger.js';

const NS = 'Alexa.Comms.CallSignaling';
const call = { sessionId: 's1', roomId: '204', title: 'Room 204' };
/** What staff must never read in a notice: message type names, HTTP codes, Amazon ids. */
const TECHNICAL = /Call[A-Z]\w+|Initiate\w+|\b[45]\d\d\b|HTTP|amzn1/;

describe('notice texts', () => {
  it('say what a failed message means and what to do; the message type, status and Alexa\'s words go in the detail', () => {
    const cases = [
      sendFailureNotice(`${NS}.CallAccepted`, 401, 'Alexa rejected CallAccepted (401): Unauthorized', call),
      sendFailureNotice(`${NS}.CallAccepted`, 403, 'Alexa rejected CallAccepted (403): Forbidden', call),
      sendFailureNotice(`${NS}.InitiateInboundCall`, 400, 'Alexa rejected InitiateInboundCall (400): Invalid participant', call),
      sendFailureNotice(`${NS}.CallRinging`, null, 'Could not send CallRinging: connect ECONNREFUSED', call),
      sendFailureNotice(`${NS}.CallUpdate`, 500, 'Alexa rejected CallUpdate (500): Internal error (gave up after 3 attempts)', call),
      sendFailureNotice(`${NS}.CallRinging`, null, 'Could not send CallRinging: network error (EPROXYAUTH)', call),
      sendFailureNotice(`${NS}.CallRinging`, null, 'Could not send CallRinging: network error (EPROXY)', call),
    ];
    for (const { notice } of cases) {
      expect(inEnglish(notice.message)).not.toMatch(TECHNICAL);
      expect(notice.detail).toMatch(/Call\w+|Initiate\w+/);
      expect(notice.sessionId).toBe('s1');
    }
    expect(inEnglish(cases[5]!.notice.message)).toContain('proxy wants the console to sign in');
    expect(inEnglish(cases[6]!.notice.message)).toContain('proxy refused the connection to Alexa');
    expect(cases[0]).toEqual({
      topic: 'link',
      notice: expect.objectContaining({ action: 'relink', message: text('notice.linkExpired'), detail: 'Alexa rejected CallAccepted (401): Unauthorized' }),
    });
    expect(cases[2]).toEqual({
      topic: 'call:s1',
      notice: expect.objectContaining({
        action: 'open-rooms',
        message: text('notice.echoNotSetUp', { room: 'Room 204' }),
      }),
    });
    expect(cases[3].topic).toBe('alexa');
    expect(inEnglish(cases[3].notice.message)).toMatch(/internet connection/);
    expect(cases[4].topic).toBe('call:s1');
  });

  it('explain the connection, the grant and a missing keychain in plain words, with the technical side apart', () => {
    for (const n of [connectionNotice('Room 204', true), connectionNotice('Room 204', false), grantFailedNotice('LWA said invalid_grant (HTTP 400)'), keychainNotice('keytar could not be loaded')]) {
      expect(inEnglish(n.message)).not.toMatch(TECHNICAL);
      expect(n.detail).toBeTruthy();
    }
    expect(keychainNotice(null)).not.toHaveProperty('detail');
    expect(keychainNotice(null).level).toBe('info');
  });
});

describe('Notices', () => {
  function notices() {
    const pushed: Notice[][] = [];
    const logged: unknown[] = [];
    const log = { info: (_m: string, d: unknown) => logged.push(d), warn: (_m: string, d: unknown) => logged.push(d) } as unknown as Logger;
    return { list: new Notices((n) => pushed.push(n), { log }), pushed, logged };
  }
  const ids = (list: Notice[]) => list.map((x) => `${x.message.id}${x.message.values ? ` ${JSON.stringify(x.message.values)}` : ''}`);

  it('logs every notice in English with its detail, whatever language the windows speak', () => {
    const n = notices();
    n.list.add({ level: 'error', message: text('notice.connectionBlocked', { room: 'Room 12' }), detail: 'the technical side', sessionId: 's1' });
    n.list.add({ level: 'warning', message: text('notice.connectionRetrying', { room: text('room.unknown') }) });
    expect(n.logged).toEqual([
      { level: 'error', text: 'The call with Room 12 could not connect: the network blocks media; a TURN server may be needed', detail: 'the technical side', sessionId: 's1' },
      { level: 'warning', text: 'The call with Unknown room lost its connection: reconnecting…', detail: undefined, sessionId: undefined },
    ]);
  });

  it('masks anything shaped like a secret in the values and the detail', () => {
    const n = notices();
    const token = `Atza|${'x'.repeat(40)}`;
    n.list.add({ level: 'error', message: text('notice.alexaRefused', { room: `Room ${token}` }), detail: `Alexa said: bad token ${token}` });
    expect(JSON.stringify(n.list.all())).not.toContain(token);
  });

  it('replaces a notice about the same topic, and clears a topic once its trouble is over', () => {
    const n = notices();
    n.list.add({ level: 'error', message: text('notice.alexaUnreachable', { room: 'Room 1' }) }, 'alexa');
    n.list.add({ level: 'error', message: text('notice.alexaUnreachable', { room: 'Room 2' }) }, 'alexa');
    n.list.add({ level: 'error', message: text('notice.alexaRefused', { room: 'Room 1' }) }, 'call:s1');
    n.list.add({ level: 'warning', message: text('notice.policyProblem') });
    expect(ids(n.list.all())).toEqual(['notice.policyProblem', 'notice.alexaRefused {"room":"Room 1"}', 'notice.alexaUnreachable {"room":"Room 2"}']);
    n.list.clear('alexa', 'call:s2');
    expect(ids(n.list.all())).toEqual(['notice.policyProblem', 'notice.alexaRefused {"room":"Room 1"}']);
    n.list.clear('call:s1');
    expect(ids(n.list.all())).toEqual(['notice.policyProblem']);
    const pushes = n.pushed.length;
    n.list.clear('link'); // nothing about it: no push
    expect(n.pushed.length).toBe(pushes);
  });

  it('stacks one copy of the same words', () => {
    const n = notices();
    n.list.add({ level: 'info', message: text('notice.linked') });
    n.list.add({ level: 'info', message: text('notice.linked') });
    n.list.add({ level: 'info', message: text('notice.connectionRetrying', { room: 'Room 3' }) });
    n.list.add({ level: 'info', message: text('notice.connectionRetrying', { room: 'Room 4' }) });
    expect(n.list.all()).toHaveLength(3);
  });
});
