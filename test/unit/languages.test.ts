import { describe, expect, it } from 'vitest';
import { text } from '../../main/domain/text.js';
import { inEnglish, say, translatorFor } from '../../main/i18n/format.js';
import { chooseLanguage } from '../../main/i18n/languages.js';

describe('chooseLanguage', () => {
  it("follows the OS's (or browser's) first language the console has, else English", () => {
    expect(chooseLanguage('system', ['es-MX', 'en-US'])).toEqual({ language: 'es', locale: 'es-MX' });
    expect(chooseLanguage('system', ['pt-BR', 'de-AT', 'en'])).toEqual({ language: 'de', locale: 'de-AT' });
    expect(chooseLanguage('system', ['ja'])).toEqual({ language: 'ja', locale: 'ja' });
    expect(chooseLanguage('system', ['zh-CN'])).toEqual({ language: 'en', locale: 'en' });
    expect(chooseLanguage('system', [])).toEqual({ language: 'en', locale: 'en' });
  });

  it('lets the setting override the OS, keeping the region the OS has for that language', () => {
    expect(chooseLanguage('fr', ['en-US'])).toEqual({ language: 'fr', locale: 'fr' });
    expect(chooseLanguage('fr', ['fr_CA', 'en-US'])).toEqual({ language: 'fr', locale: 'fr-CA' });
    expect(chooseLanguage('en', ['en-GB'])).toEqual({ language: 'en', locale: 'en-GB' });
  });

  it('ignores a tag the platform cannot read', () => {
    expect(chooseLanguage('system', ['it-!!', 'it'])).toEqual({ language: 'it', locale: 'it' });
  });
});

describe('say', () => {
  it('says nested words in the same language, numbers and plurals by its rules', () => {
    const message = text('notice.connectionRetrying', { room: text('room.unknown') });
    expect(inEnglish(message)).toBe('The call with Unknown room lost its connection: reconnecting…');
    expect(say(translatorFor(chooseLanguage('de', [])), message)).toBe('Der Anruf mit Unbekanntes Zimmer hat die Verbindung verloren: wird neu verbunden …');
    const missed = (count: number, language: 'fr' | 'ja' | 'es') => say(translatorFor(chooseLanguage(language, [])), text('tray.missedCalls', { count }));
    expect([missed(0, 'fr'), missed(1, 'fr'), missed(2, 'fr')]).toEqual(['0 appel manqué', '1 appel manqué', '2 appels manqués']);
    expect(missed(1200, 'es')).toBe('1200 llamadas perdidas');
    expect(missed(3, 'ja')).toBe('不在着信 3件');
  });
});

describe('pseudo-locale', () => {
  it('accents the words, pads them by 40 % and brackets them, leaving the arguments whole', async () => {
    const { pseudoMessage } = await import('../../main/i18n/pseudo.js');
    expect(pseudoMessage('Answer')).toBe('[Åñšwér ···]');
    expect(pseudoMessage('{room} is calling')).toBe('[{room} íš çállíñg ····]');
    expect(pseudoMessage('{count, plural, one {# room} other {# rooms}}')).toBe('[{count, plural, one {# rööm} other {# röömš}} ····]');
  });
});
