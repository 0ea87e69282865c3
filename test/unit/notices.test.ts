import { describe, expect, it } from 'vitest';
import type { Notice } from '../../main/domain/notice.js';
import { connectionNotice, grantFailedNotice, keychainNotice, Notices, sendFailureNotice } from '../../main/desk/notices.js';
import type { Logger } from '../../main/log/logger.js';

const NS = 'Alexa.Comms.CallSignaling';
const call = { sessionId: 's1', title: 'Room 204' };
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
      expect(notice.text).not.toMatch(TECHNICAL);
      expect(notice.detail).toMatch(/Call\w+|Initiate\w+/);
      expect(notice.sessionId).toBe('s1');
    }
    expect(cases[5]!.notice.text).toContain('proxy wants the console to sign in');
    expect(cases[6]!.notice.text).toContain("proxy refused the connection to Alexa");
    expect(cases[0]).toEqual({
      topic: 'link',
      notice: expect.objectContaining({ action: 'relink', text: expect.stringMatching(/relink/), detail: 'Alexa rejected CallAccepted (401): Unauthorized' }),
    });
    expect(cases[2]).toEqual({
      topic: 'call:s1',
      notice: expect.objectContaining({
        action: 'open-rooms',
        text: "Room 204 could not be called: that Echo is not set up for calling — check the room's address in the directory",
      }),
    });
    expect(cases[3].topic).toBe('alexa');
    expect(cases[3].notice.text).toMatch(/internet connection/);
        expect(cases[4].topic).toBe('call:s1');
  });

  it('explain the connection, the grant and a missing keychain in plain words, with the technical side apart', () => {
    for (const n of [connectionNotice('Room 204', true), connectionNotice('Room 204', false), grantFailedNotice('LWA said invalid_grant (HTTP 400)'), keychainNotice('keytar could not be loaded')]) {
      expect(n.text).not.toMatch(TECHNICAL);
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

  it('logs every notice with its detail', () => {
    const n = notices();
    n.list.add({ level: 'error', text: 'Something for staff', detail: 'the technical side', sessionId: 's1' });
    expect(n.logged).toEqual([{ level: 'error', text: 'Something for staff', detail: 'the technical side', sessionId: 's1' }]);
  });

  it('replaces a notice about the same topic, and clears a topic once its trouble is over', () => {
    const n = notices();
    n.list.add({ level: 'error', text: 'Alexa could not be reached (first call)' }, 'alexa');
    n.list.add({ level: 'error', text: 'Alexa could not be reached (second call)' }, 'alexa');
    n.list.add({ level: 'error', text: 'The call with Room 1 may have dropped' }, 'call:s1');
    n.list.add({ level: 'warning', text: 'Unrelated' });
    expect(n.list.all().map((x) => x.text)).toEqual(['Unrelated', 'The call with Room 1 may have dropped', 'Alexa could not be reached (second call)']);
    n.list.clear('alexa', 'call:s2');
    expect(n.list.all().map((x) => x.text)).toEqual(['Unrelated', 'The call with Room 1 may have dropped']);
    n.list.clear('call:s1');
    expect(n.list.all().map((x) => x.text)).toEqual(['Unrelated']);
    const pushes = n.pushed.length;
    n.list.clear('link'); // nothing about it: no push
    expect(n.pushed.length).toBe(pushes);
  });

  it('stacks one copy of the same text', () => {
    const n = notices();
    n.list.add({ level: 'info', text: 'Same' });
    n.list.add({ level: 'info', text: 'Same' });
    expect(n.list.all()).toHaveLength(1);
  });
});
