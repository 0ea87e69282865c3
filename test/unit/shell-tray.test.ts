import { describe, expect, it } from 'vitest';
import type { CallsSnapshot, CallView, Notice } from '../../main/ipc/contract.js';
import { incomingCallNotification, ringingChange } from '../../main/shell/call-alerts.js';
import { reloadAfterCrash, RELOAD_WINDOW_MS } from '../../main/shell/crash-policy.js';
import { text } from '../../main/domain/text.js';
import { translatorFor } from '../../main/i18n/format.js';
import { chooseLanguage } from '../../main/i18n/languages.js';
import { trayModel as model_, type TrayInput, type TrayMenuItem } from '../../main/shell/tray-model.js';
import { callView, deskStatus as status } from '../support/fixtures.js';

let seq = 0;
function call(over: Partial<CallView> = {}): CallView {
  seq += 1;
  return callView({ sessionId: `s${seq}`, roomId: 'r214', title: 'Room 214', remote: { type: 'RAW_ADDRESS', value: 'echo-214' }, startedAt: 1, ...over });
}

const snapshot = (calls: CallView[], missed = 0): CallsSnapshot => ({
  seq: 1,
  calls,
  elsewhere: [],
  missed: Array.from({ length: missed }, (_, i) => ({ sessionId: `m${i}`, roomId: null, title: 'Unknown room', remote: { type: 'RAW_ADDRESS' as const, value: 'x' }, at: 1, reason: 'missed' as const })),
});

const english = translatorFor(chooseLanguage('en', []));
const trayModel = (input: TrayInput) => model_(input, english);
const labels = (menu: TrayMenuItem[]) => menu.map((i) => (i.type === 'separator' ? '---' : i.label));

describe('trayModel', () => {
  it('shows the starting state before the core has reported', () => {
    const model = trayModel({ status: null, calls: null, notices: null });
    expect(model.look).toBe('unlinked');
    expect(model.tooltip).toBe('Front Desk Console — Starting…');
  });

  it('labels demo mode', () => {
    const model = trayModel({ status: status(), calls: snapshot([]), notices: [] });
    expect(model.look).toBe('demo');
    expect(model.tooltip).toBe('Front Desk Console — Demo — calls come from simulated rooms');
    expect(model.title).toBe('');
  });

  it('shows linked with the region', () => {
    const model = trayModel({ status: status({ mode: 'linked', region: 'EU' }), calls: snapshot([]), notices: [] });
    expect(model.look).toBe('linked');
    expect(model.tooltip).toContain('Linked to Alexa (EU)');
  });

  it('counts ringing incoming calls (not outgoing ones) and rings above everything else', () => {
    const calls = snapshot([call(), call(), call({ direction: 'outgoing', phase: 'alerting' }), call({ phase: 'active' })]);
    const model = trayModel({ status: status({ webhook: { url: '', listening: false, error: text('webhook.portInUse', { port: '8321' }), lastEventAt: null, secret: 'none' } }), calls, notices: [] });
    expect(model.look).toBe('ringing');
    expect(model.title).toBe('2');
    expect(model.tooltip).toContain('2 rooms calling');
    expect(labels(model.menu)[0]).toBe('Answer at the front desk…');
  });

  it('shows an error from the webhook or an error notice, in words', () => {
    const webhook = trayModel({ status: status({ webhook: { url: '', listening: false, error: text('webhook.portInUse', { port: '8321' }), lastEventAt: null, secret: 'none' } }), calls: snapshot([]), notices: [] });
    expect(webhook.look).toBe('error');
    expect(webhook.tooltip).toContain('Problem: Webhook port 8321 is in use');
    const notice: Notice = { id: 'n1', level: 'error', message: text('notice.linkExpired'), at: 1 };
    const fromNotice = trayModel({ status: status({ mode: 'linked' }), calls: snapshot([]), notices: [{ ...notice, level: 'warning', message: text('notice.noKeychain') }, notice] });
    expect(fromNotice.look).toBe('error');
    expect(fromNotice.tooltip).toContain('The link to Amazon has expired');
    expect(fromNotice.tooltip).not.toContain('keychain');
  });

  it('shows an active call and missed calls', () => {
    const model = trayModel({ status: status({ mode: 'linked' }), calls: snapshot([call({ phase: 'active' })], 3), notices: [] });
    expect(model.look).toBe('in-call');
    expect(labels(model.menu)).toEqual(['Show Front Desk Console', '---', 'Linked to Alexa (NA)', 'In a call', '3 missed calls', '---', 'Open logs folder', 'Save diagnostics…', 'Quit Front Desk Console']);
  });

  it('keeps the tooltip within the Windows limit', () => {
    const model = trayModel({ status: status({ webhook: { url: '', listening: false, error: text('webhook.hostNotHere', { host: 'x'.repeat(300) }), lastEventAt: null, secret: 'none' } }), calls: snapshot([]), notices: [] });
    expect(model.tooltip.length).toBeLessThanOrEqual(127);
  });

  it("speaks the desk's language, plurals included", () => {
    const calls = snapshot([call(), call(), call({ phase: 'active' })], 1);
    const inSpanish = model_({ status: status({ mode: 'linked' }), calls, notices: [] }, translatorFor(chooseLanguage('system', ['es-MX', 'en-US'])));
    expect(labels(inSpanish.menu)).toEqual(['Atender en recepción…', '---', 'Vinculada con Alexa (NA)', '2 habitaciones llamando', 'En una llamada', '1 llamada perdida', '---', 'Abrir la carpeta de registros', 'Guardar diagnóstico…', 'Salir de Front Desk Console']);
    const inJapanese = model_({ status: status({ mode: 'demo' }), calls: snapshot([]), notices: [] }, translatorFor(chooseLanguage('ja', [])));
    expect(inJapanese.tooltip).toBe('Front Desk Console — デモ: 模擬の部屋からの通話です');
  });
});

describe('ringingChange', () => {
  it('reports each ringing call once, and forgets calls that stopped ringing', () => {
    const a = call();
    const b = call();
    const first = ringingChange(new Set(), snapshot([a]));
    expect(first.started.map((c) => c.sessionId)).toEqual([a.sessionId]);
    const second = ringingChange(first.ringing, snapshot([a, b]));
    expect(second.started.map((c) => c.sessionId)).toEqual([b.sessionId]);
    const third = ringingChange(second.ringing, snapshot([{ ...a, phase: 'active' }, b]));
    expect(third.started).toEqual([]);
    expect([...third.ringing]).toEqual([b.sessionId]);
  });

  it('ignores the desk calling a room', () => {
    expect(ringingChange(new Set(), snapshot([call({ direction: 'outgoing', phase: 'alerting' })])).started).toEqual([]);
  });
});

describe('incomingCallNotification', () => {
  it('names the room and the kind of call', () => {
    expect(incomingCallNotification(call({ video: true }), 'linked', english)).toEqual({ title: 'Room 214 is calling', body: 'Video call to the front desk. Click to open the console.' });
    expect(incomingCallNotification(call(), 'linked', english).body).toBe('Call to the front desk. Click to open the console.');
  });

  it('marks demo calls and unknown callers (never by their Amazon id)', () => {
    const text = incomingCallNotification(call({ title: 'amzn1.ask.device.X', roomId: null }), 'demo', english);
    expect(text.title).toBe('Unknown room is calling');
    expect(text.body).toBe('Call to the front desk (demo — a simulated room). Click to open the console.');
  });

  it("speaks the desk's language", () => {
    const german = translatorFor(chooseLanguage('de', []));
    expect(incomingCallNotification(call({ video: true }), 'linked', german)).toEqual({ title: 'Room 214 ruft an', body: 'Videoanruf für den Empfang. Klicken, um die Konsole zu öffnen.' });
  });
});

describe('reloadAfterCrash', () => {
  it('reloads at once for the first crashes', () => {
    let recent: number[] = [];
    for (const t of [1000, 2000, 3000]) {
      const d = reloadAfterCrash(recent, t);
      expect(d.delayMs).toBe(0);
      recent = d.recent;
    }
  });

  it('slows down a renderer that keeps crashing, until the burst ages out', () => {
    const d = reloadAfterCrash([1000, 2000, 3000], 4000);
    expect(d.delayMs).toBe(RELOAD_WINDOW_MS - 3000);
    const later = reloadAfterCrash([1000, 2000, 3000], 1000 + RELOAD_WINDOW_MS + 1);
    expect(later.delayMs).toBe(0);
  });
});
