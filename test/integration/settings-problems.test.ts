// A refused settings change through the contract names each field it found wrong, in words each
// window says in its own language (the English `error` stays for the log).
import { afterEach, expect, it } from 'vitest';
import { text } from '../../main/domain/text.js';
import { say, translatorFor } from '../../main/i18n/format.js';
import { chooseLanguage } from '../../main/i18n/languages.js';
import { startDeskWithSim, type DeskWithSim } from '../support/desk-with-sim.js';

let t: DeskWithSim | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

const inJapanese = translatorFor(chooseLanguage('ja', []));

it('names the field of a value out of range and of an argument the contract refuses, and changes nothing', async () => {
  t = await startDeskWithSim({ linked: false });
  const before = await t.invoke('getSettings', {});

  const outOfRange = await t.invoke('updateSettings', { patch: { ringTimeoutMs: 10, deskName: 'Night desk' } });
  expect(outOfRange).toEqual({
    ok: false,
    error: 'ringTimeoutMs: must be between 5000 and 600000',
    fields: { ringTimeoutMs: text('problem.between', { min: '5000', max: '600000' }) },
  });
  expect(!outOfRange.ok && say(inJapanese, outOfRange.fields!.ringTimeoutMs!)).toBe('5000 から 600000 の範囲で入力してください');

  const unknown = await t.invoke('updateSettings', { patch: { nope: 1 } as never });
  expect(unknown).toMatchObject({ ok: false, fields: { patch: text('problem.invalid') } });

  const beyond = await t.invoke('updateSettings', { patch: { webhook: { host: '0.0.0.0', port: 0 } } });
  expect(beyond).toMatchObject({ ok: false, fields: { 'webhook.host': text('webhookSecret.neededToListen', { host: '0.0.0.0' }) } });
  expect(!beyond.ok && beyond.error).toMatch(/^webhook\.host: The webhook can listen on 0\.0\.0\.0, beyond this computer, only with a webhook secret/);

  expect(await t.invoke('getSettings', {})).toEqual(before);
});
