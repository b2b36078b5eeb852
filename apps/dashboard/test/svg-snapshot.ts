import { existsSync } from 'node:fs';
import { mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// Snapshot tests of the charts, after Observable Plot's: render to an SVG string, normalise it
// (numbers to 3 decimals, ids renumbered, one element per line), compare with test/output/<name>.svg.
// A mismatch writes <name>-changed.svg beside it to open in a browser and fails; a missing snapshot
// is written on a developer's machine and is a failure in CI, where it would pass vacuously.

const OUTPUT = resolve(dirname(fileURLToPath(import.meta.url)), 'output');

/** The SVG as compared: rounding and ids no longer make a diff, elements one per line. */
export function normalizeSvg(svg: string): string {
  const ids = new Map<string, string>();
  for (const match of svg.matchAll(/\sid="([^"]+)"/g)) {
    const id = match[1]!;
    if (!ids.has(id)) ids.set(id, `id-${ids.size + 1}`);
  }
  let out = svg.replace(/-?\d+\.\d+(e-?\d+)?/g, (n) => {
    const rounded = Math.round(Number(n) * 1000) / 1000;
    return String(Object.is(rounded, -0) ? 0 : rounded);
  });
  out = out.replace(
    /(\s(?:id|aria-labelledby|aria-describedby|href|clip-path|fill|mask)=")([^"]*)"/g,
    (_, attr: string, value: string) => {
      const replaced = value
        .split(' ')
        .map(
          (part) =>
            ids.get(part) ??
            part.replace(/#([\w-]+)/g, (m, id: string) => (ids.has(id) ? `#${ids.get(id)}` : m)),
        )
        .join(' ');
      return `${attr}${replaced}"`;
    },
  );
  return `${out.replace(/></g, '>\n<')}\n`;
}

/**
 * Compare `svg` with the stored snapshot `name`; throws with the path of the changed file on a
 * mismatch.
 */
export async function expectSvgSnapshot(name: string, svg: string): Promise<void> {
  const actual = normalizeSvg(svg);
  const expectedPath = resolve(OUTPUT, `${name}.svg`);
  const changedPath = resolve(OUTPUT, `${name}-changed.svg`);
  if (!existsSync(expectedPath)) {
    if (process.env.CI)
      throw new Error(`missing snapshot ${expectedPath}: run the tests locally and commit it`);
    await mkdir(OUTPUT, { recursive: true });
    await writeFile(expectedPath, actual);
    return;
  }
  const expected = await readFile(expectedPath, 'utf8');
  if (expected === actual) {
    if (existsSync(changedPath)) await unlink(changedPath);
    return;
  }
  await writeFile(changedPath, actual);
  throw new Error(`chart ${name} changed: compare ${changedPath} with ${expectedPath}`);
}
