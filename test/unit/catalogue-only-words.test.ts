// Words staff read come from the catalogues (locales/), never from a string in the code: this check
// reads the components and the code that raises notices and fails on text written in them — JSX
// text, user-facing attributes (aria-label, title, placeholder, label, hint…) and sentence-like
// strings. English that stays English is allowed where it belongs: the log, thrown errors, and a
// notice's technical `detail`.
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { sourceFiles } from '../support/source-files.js';

const root = join(import.meta.dirname, '../..');

/** Where staff-visible words are made: every file here is checked. */
const CHECKED = [
  ...sourceFiles(['renderer/src/components', 'renderer/src/i18n']),
  ...[
    'renderer/src/format.ts',
    'renderer/src/state/field-errors.ts',
    'renderer/src/state/settings-form.ts',
    'renderer/src/state/room-form.ts',
    'renderer/src/state/announce.ts',
    'renderer/src/state/names.ts',
    'renderer/src/state/grid.ts',
    'renderer/src/state/keyboard.ts',
    'renderer/src/state/room-status.ts',
    'renderer/src/state/notice-texts.ts',
    'renderer/src/media/local-media.ts',
    'renderer/src/media/media-runner.ts',
    'main/desk/notices.ts',
    'main/desk/signaling-mode.ts',
    'main/desk/webhook-listener.ts',
    'main/desk/media-recovery.ts',
    'main/desk/setup-service.ts',
    'main/desk/webhook-secret.ts',
    'main/setup/checklist.ts',
    'main/desk/commands.ts',
    'main/rooms/directory.ts',
    'main/rooms/rooms-service.ts',
    'main/calls/failure-words.ts',
    'main/property/property-mode.ts',
    'main/property/desk-join.ts',
    'main/property/broker-credential.ts',
    'main/desk/property-join.ts',
    'main/shell/tray-model.ts',
    'main/shell/call-alerts.ts',
    'main/shell/menu.ts',
  ].map((file) => join(root, file)),
];

/** Components still being moved to the catalogues; each leaves this list once it has no text of its own. */
const NOT_YET_TRANSLATED = new Set<string>([]);

/** Names that are the same in every language. */
const NAMES = new Set(['Front Desk Console']);

/** JSX attributes whose value staff read or hear. */
const SPOKEN_ATTRIBUTES = /^(aria-label|aria-description|aria-valuetext|aria-roledescription|title|placeholder|alt|label|hint|text|unit|caption|confirmText)$/;
/** Object properties and arguments whose English stays English: the technical side. */
const TECHNICAL_PROPERTIES = new Set(['detail', 'error', 'reason', 'stack', 'cause']);
/** JSX attributes that only the code reads. */
const CODE_ATTRIBUTES = /^(className|key|id|htmlFor|role|type|name|data-[\w-]+|autoComplete|inputMode|lang)$/;
const LOGGING = /^(log|this\.deps\.log|deps\.log|this\.log|console|logger)\.(debug|info|warn|error|log)$/;

/** A sentence or a label: letters and a space with a capital to start, or a phrase ending in … . : ? */
function looksLikeWords(text: string): boolean {
  const trimmed = text.trim();
  if (!/\p{L}/u.test(trimmed)) return false;
  if (/^[a-z][\w-]*(\.[\w-]+)+$/.test(trimmed)) return false; // a message id or a dotted path
  if (/^\p{Lu}\p{Ll}+(\s|$)/u.test(trimmed) && /\s/.test(trimmed)) return true; // "Answer the call"
  if (/^\p{Lu}\p{Ll}+$/u.test(trimmed)) return true; // "Answer"
  return /\p{L}\s+\p{L}.*[….?!:]$/u.test(trimmed); // "reconnecting…"
}

function calleeName(node: ts.CallExpression | ts.NewExpression): string {
  return node.expression.getText();
}

/** English that stays English: logged, thrown, or a notice's technical detail. */
function isTechnical(node: ts.Node): boolean {
  for (let at: ts.Node | undefined = node.parent; at; at = at.parent) {
    if (ts.isNewExpression(at) && /Error$/.test(calleeName(at))) return true;
    if (ts.isCallExpression(at) && LOGGING.test(calleeName(at))) return true;
    if (ts.isPropertyAssignment(at) && TECHNICAL_PROPERTIES.has(at.name.getText())) return true;
    if (ts.isJsxAttribute(at) && CODE_ATTRIBUTES.test(at.name.getText())) return true;
    if (ts.isThrowStatement(at)) return true;
    if (ts.isBinaryExpression(at) && [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken].includes(at.operatorToken.kind)) return true;
    if (ts.isImportDeclaration(at) || ts.isExportDeclaration(at) || ts.isTypeNode(at) || ts.isCaseClause(at)) return true;
    if (ts.isFunctionLike(at) || ts.isSourceFile(at)) return false;
  }
  return false;
}

function wordsWrittenIn(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: string[] = [];
  const report = (node: ts.Node, text: string) => {
    const { line } = source.getLineAndCharacterOfPosition(node.getStart());
    found.push(`${relative(root, file)}:${line + 1}: ${JSON.stringify(text.trim().slice(0, 60))}`);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node) && /\p{L}/u.test(node.text)) report(node, node.text);
    else if (ts.isJsxAttribute(node) && SPOKEN_ATTRIBUTES.test(node.name.getText()) && node.initializer) {
      const value = node.initializer;
      const literal = ts.isStringLiteral(value) ? value : ts.isJsxExpression(value) && value.expression && ts.isStringLiteralLike(value.expression) ? value.expression : null;
      if (literal && /\p{L}/u.test(literal.text)) report(node, literal.text);
    } else if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) && looksLikeWords(node.text) && !NAMES.has(node.text) && !isTechnical(node)) {
      if (!(ts.isJsxAttribute(node.parent) || ts.isPropertyAssignment(node.parent) && node.parent.name === node)) report(node, node.text);
    } else if (ts.isTemplateExpression(node) && /\p{L}{2,}\s+\p{L}{2,}/u.test([node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' ')) && !isTechnical(node)) {
      report(node, node.getText());
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('words staff read come from the catalogues', () => {
  const files = CHECKED.filter((file) => !NOT_YET_TRANSLATED.has(relative(root, file)));

  it('checks the components and the notices', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it('finds no words written in the code', () => {
    expect(files.flatMap(wordsWrittenIn)).toEqual([]);
  });

  it('catches the kinds of text that bypass the catalogue', () => {
    const sample = join(root, 'test/fixtures/i18n/bypasses.tsx');
    expect(wordsWrittenIn(sample).map((line) => line.replace(/^.*?:(\d+): /, '$1: '))).toEqual([
      '5: "Answer"',
      '6: "Hang up"',
      '7: "Search rooms"',
      '10: "The call could not connect"',
      '11: "`${room} is calling`"',
    ]);
  });

  it('lists as not yet translated only components that still have words of their own', () => {
    const done = [...NOT_YET_TRANSLATED].filter((file) => wordsWrittenIn(join(root, file)).length === 0);
    expect(done).toEqual([]);
  });
});
