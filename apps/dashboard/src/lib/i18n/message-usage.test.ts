import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'svelte/compiler';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { messagesId } from './messages-id.js';

// Every message key is used under src/ and every key the app uses exists. The typecheck already
// refuses a literal key missing from the dictionary in a `t(...)` call; this also catches keys
// built from a template (`measure.${id}`), keys handed around in lists, and keys nobody uses any
// more. Sources are parsed (TypeScript's and Svelte's parsers), so comments, doc examples and page
// text do not count. Tests count as users (translate.test.ts fills `chart.lorenz.title`'s
// placeholders) but not for missing keys: they name non-keys on purpose (`measure.unknown`).

const SELF = fileURLToPath(import.meta.url);
const SRC = join(dirname(SELF), '../..');
const KEYS = Object.keys(messagesId);
const NAMESPACES = new Set(KEYS.map((k) => k.split('.')[0]));
/** A string shaped like a key of one of the dictionary's namespaces: `chart.scatter.fit`. */
const KEY_SHAPED = /^([a-z]\w*)(\.[\w-]+)+$/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    const source = /\.(svelte|ts)$/.test(entry.name) && path !== SELF;
    return source && !/^messages-\w+\.ts$/.test(entry.name) ? [path] : [];
  });
}

/**
 * A string literal (`parts` of one element) or a template literal (its fixed parts, split where a
 * `${...}` stands).
 */
type StringPiece = { file: string; parts: string[] };

function piecesOfTypeScript(file: string, text: string): StringPiece[] {
  const pieces: StringPiece[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      pieces.push({ file, parts: [node.text] });
    } else if (ts.isTemplateExpression(node)) {
      pieces.push({
        file,
        parts: [node.head.text, ...node.templateSpans.map((s) => s.literal.text)],
      });
    }
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true));
  return pieces;
}

function piecesOfSvelte(file: string, text: string): StringPiece[] {
  const pieces: StringPiece[] = [];
  const seen = new WeakSet<object>();
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    const n = node as { type?: unknown; value?: unknown; quasis?: unknown };
    if (n.type === 'Literal' && typeof n.value === 'string') {
      pieces.push({ file, parts: [n.value] });
    } else if (n.type === 'TemplateLiteral' && Array.isArray(n.quasis)) {
      const quasis = n.quasis as Array<{ value: { cooked?: string; raw: string } }>;
      pieces.push({ file, parts: quasis.map((q) => q.value.cooked ?? q.value.raw) });
    }
    for (const value of Object.values(node)) visit(value);
  };
  visit(parse(text, { modern: true }));
  return pieces;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The keys a template can build: each `${...}` stands for one segment (no dot). */
const templatePattern = (parts: string[]) => new RegExp(`^${parts.map(escape).join('[^.]+')}$`);

const pieces = sourceFiles(SRC).flatMap((file) => {
  const text = readFileSync(file, 'utf8');
  const name = relative(SRC, file);
  return file.endsWith('.svelte') ? piecesOfSvelte(name, text) : piecesOfTypeScript(name, text);
});

describe('message keys', () => {
  it('finds the sources and the keys they use', () => {
    expect(pieces.some((p) => p.file.endsWith('.svelte') && p.parts[0] === 'nav.divide')).toBe(
      true,
    );
    expect(pieces.some((p) => p.parts.join('${}') === 'measure.${}')).toBe(true);
  });

  it('every key of the dictionaries is used under src/', () => {
    const used = new Set<string>();
    for (const { parts } of pieces) {
      if (parts.length === 1) {
        if (Object.hasOwn(messagesId, parts[0] as string)) used.add(parts[0] as string);
      } else {
        const pattern = templatePattern(parts);
        for (const key of KEYS) if (pattern.test(key)) used.add(key);
      }
    }
    expect(KEYS.filter((key) => !used.has(key))).toEqual([]);
  });

  it('every key the sources name, written out or from a template, is in the dictionaries', () => {
    const missing: string[] = [];
    for (const { file, parts } of pieces) {
      if (file.endsWith('.test.ts')) continue;
      const namespace = KEY_SHAPED.exec(`${parts[0]}x`)?.[1];
      if (namespace === undefined || !NAMESPACES.has(namespace)) continue;
      if (parts.length === 1) {
        if (KEY_SHAPED.test(parts[0] as string) && !Object.hasOwn(messagesId, parts[0] as string)) {
          missing.push(`${file}: '${parts[0]}'`);
        }
      } else {
        const pattern = templatePattern(parts);
        if (!KEYS.some((key) => pattern.test(key)))
          missing.push(`${file}: \`${parts.join('${}')}\``);
      }
    }
    expect(missing).toEqual([]);
  });
});
