// The skill package: what Alexa needs declared for CallSignaling, and interaction models that
// match the handler and the manifest's locales.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const packageDir = new URL('../skill-package/', import.meta.url);
const readJson = (relative: string) => JSON.parse(readFileSync(new URL(relative, packageDir), 'utf8'));

const manifest = readJson('skill.json').manifest;
const modelFiles = readdirSync(new URL('interactionModels/custom/', packageDir)).filter((f) => f.endsWith('.json'));

describe('skill.json', () => {
  it('asks for the unit id and calling permissions', () => {
    expect(manifest.permissions).toEqual(
      expect.arrayContaining([{ name: 'alexa::persistent_unit_id::read' }, { name: 'amazon_communication::calling' }]),
    );
  });

  it('declares the Alexa.Comms.CallSignaling interface on the custom API', () => {
    expect(manifest.apis.custom.interfaces).toContainEqual({ type: 'AlexaInterface', interface: 'Alexa.Comms.CallSignaling', version: '1.0' });
  });

  it('has an interaction model for every published locale and no other', () => {
    const published = Object.keys(manifest.publishingInformation.locales).sort();
    expect(published).toEqual(expect.arrayContaining(['en-US', 'en-GB']));
    expect(modelFiles.map((f) => f.replace('.json', '')).sort()).toEqual(published);
  });
});

describe.each(modelFiles)('interaction model %s', (file) => {
  const model = readJson(`interactionModels/custom/${file}`).interactionModel.languageModel;
  const intents = new Map<string, string[]>(model.intents.map((i: { name: string; samples: string[] }) => [i.name, i.samples]));

  it('has a valid invocation name (lower case, at least two words)', () => {
    expect(model.invocationName).toBe(model.invocationName.toLowerCase());
    expect(model.invocationName.trim().split(/\s+/).length).toBeGreaterThanOrEqual(2);
    expect(model.invocationName).not.toMatch(/\b(alexa|echo|skill|app|launch|open|ask)\b/);
  });

  it('has the custom intent the handler answers, with samples, and the required built-ins', () => {
    expect(intents.get('FrontDeskInfoIntent')?.length).toBeGreaterThan(0);
    for (const builtIn of ['AMAZON.HelpIntent', 'AMAZON.StopIntent', 'AMAZON.CancelIntent', 'AMAZON.NavigateHomeIntent']) {
      expect(intents.has(builtIn)).toBe(true);
    }
  });

  it('uses example phrases that contain its invocation name', () => {
    const locale = file.replace('.json', '');
    for (const phrase of manifest.publishingInformation.locales[locale].examplePhrases) {
      expect(phrase.toLowerCase()).toContain(model.invocationName);
    }
  });
});
