import { describe, expect, it } from 'vitest';
import { METHOD_IDS, METHODS, methodsMarkdown } from './methods.js';

describe('METHODS', () => {
  it('has exactly one entry per id, in the order of METHOD_IDS', () => {
    expect(METHODS.map((m) => m.id)).toEqual([...METHOD_IDS]);
  });

  it.each(['id', 'en'] as const)('renders every method as Markdown in %s', (lang) => {
    const md = methodsMarkdown(lang);
    expect(md.startsWith(lang === 'id' ? '# Metode\n' : '# Methods\n')).toBe(true);
    for (const m of METHODS) {
      expect(md).toContain(`## ${m.title[lang]} {#${m.id}}`);
      expect(md).toContain(m.formula);
      expect(md).toContain(m.citation);
      for (const e of m.edgeCases) expect(md).toContain(`- ${e[lang]}`);
    }
    // The other language's texts are not mixed in.
    const other = lang === 'id' ? 'en' : 'id';
    expect(md).not.toContain(METHODS[0]?.counts[other]);
  });
});
