// Checks the package as a consumer gets it: packs it with pnpm,
// installs the tarball into a scratch node_modules and imports it from plain Node. Run after
// `build` (the `test` script runs it after vitest). Exits non-zero with a message on any failure.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  realpathSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkgDir = dirname(dirname(fileURLToPath(import.meta.url)));
const started = Date.now();

function fail(message) {
  console.error(`check-dist: ${message}`);
  process.exitCode = 1;
}

/** Every file path under dir, relative to it. */
function listFiles(dir, prefix = '') {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    return entry.isDirectory() ? listFiles(dir, path) : [path];
  });
}

// The sanity checks run inside the installed copy; each line names what it checks.
const consumer = `
import assert from 'node:assert/strict';
import { parseRegionCode, villageKind, gini, FRAMEWORK, BLITAR_WORKSHOP_2021, SECTORS } from '@pandu/domain';
const resolved = import.meta.resolve('@pandu/domain');
assert.ok(resolved.endsWith('/node_modules/@pandu/domain/dist/index.js'), 'resolved to ' + resolved);
assert.equal(parseRegionCode(' 35.05.04.2014 '), '35.05.04.2014', 'parseRegionCode');
assert.equal(villageKind('35.05.04.2014'), 'desa', 'villageKind');
assert.equal(gini([0, 0, 0, 1]), 0.75, 'gini');
assert.equal(FRAMEWORK.indicators.length, 10, 'FRAMEWORK');
assert.equal(SECTORS.length, 4, 'SECTORS');
assert.equal(BLITAR_WORKSHOP_2021.participants.total, 120, 'BLITAR_WORKSHOP_2021');
console.log('check-dist: import from ' + resolved);
`;

let tmp;
try {
  for (const file of ['dist/index.js', 'dist/index.d.ts']) {
    if (!existsSync(join(pkgDir, file))) {
      throw new Error(`${file} is missing: run \`pnpm --filter @pandu/domain build\` first`);
    }
  }
  tmp = mkdtempSync(join(tmpdir(), 'pandu-domain-dist-'));
  execFileSync('pnpm', ['pack', '--pack-destination', tmp], { cwd: pkgDir, stdio: 'pipe' });
  const tarball = readdirSync(tmp).find((f) => f.endsWith('.tgz'));
  if (!tarball) throw new Error(`pnpm pack wrote no .tgz into ${tmp}`);

  const installed = join(tmp, 'node_modules', '@pandu', 'domain');
  mkdirSync(installed, { recursive: true });
  // npm tarballs put everything under package/.
  execFileSync('tar', ['-xzf', join(tmp, tarball), '-C', installed, '--strip-components=1']);

  const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
  const root = manifest.exports?.['.'];
  if (root?.default !== './dist/index.js' || root?.types !== './dist/index.d.ts') {
    throw new Error(
      `packed package.json exports should point at ./dist, got ${JSON.stringify(manifest.exports)}`,
    );
  }
  if (!String(manifest.dependencies?.zod ?? '').match(/^\^?\d/)) {
    throw new Error(
      `packed dependency zod should be a version, got ${JSON.stringify(manifest.dependencies?.zod)}`,
    );
  }
  const files = listFiles(installed);
  for (const file of ['dist/index.js', 'dist/index.d.ts', 'README.md']) {
    if (!files.includes(file)) throw new Error(`${file} is missing from the tarball`);
  }
  const tests = files.filter((f) => f.includes('.test.'));
  if (tests.length > 0) throw new Error(`tests were packed: ${tests.join(', ')}`);

  // zod is the only runtime dependency; link the workspace's copy instead of installing.
  symlinkSync(
    realpathSync(join(pkgDir, 'node_modules', 'zod')),
    join(tmp, 'node_modules', 'zod'),
    'dir',
  );

  const run = spawnSync(process.execPath, ['--input-type=module', '-e', consumer], {
    cwd: tmp,
    stdio: 'inherit',
  });
  if (run.status !== 0) {
    throw new Error('importing the packed package failed its sanity checks (see the error above)');
  }
  console.log(`check-dist: ok (${tarball}, ${files.length} files, ${Date.now() - started} ms)`);
} catch (error) {
  // pnpm's or tar's own stderr, when one of them failed.
  const stderr = error?.stderr?.toString().trim();
  fail(`${error instanceof Error ? error.message : String(error)}${stderr ? `\n${stderr}` : ''}`);
} finally {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
}
