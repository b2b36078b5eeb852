// Checks @pandu/api as another team gets it: packs @pandu/domain, @pandu/db and @pandu/api with pnpm
// (workspace versions resolved), unpacks the tarballs into a scratch project outside the workspace,
// type-checks a typed @trpc/client call against the packed declarations with tsc, and imports the
// packed router from plain Node. Run after `build` (the `test` script runs it after vitest).
// Third-party dependencies are linked from the workspace's installed copies (no download).
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
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const apiDir = dirname(dirname(fileURLToPath(import.meta.url)));
const packagesDir = dirname(apiDir);
const PACKED = ['domain', 'db', 'api'];
/** Third-party packages the packed ones need, and the workspace package that has each installed. */
const LINKED = {
  zod: 'api',
  kysely: 'api',
  '@trpc/server': 'api',
  '@trpc/client': 'api',
  '@duckdb/node-api': 'db',
  'idn-area-data': 'db',
  minisearch: 'db',
  highs: 'domain',
};
const started = Date.now();

// What another team writes: a typed client, and uses of its results. The @ts-expect-error lines
// fail the check if the types were lost (any) or the contract drifted.
const consumer = `
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@pandu/api';
import { SECTORS, type Sector } from '@pandu/domain';

const pandu = createTRPCClient<AppRouter>({
  links: [httpBatchLink({ url: 'http://127.0.0.1:3100/trpc' })],
});

export async function blitar(): Promise<number> {
  const summary = await pandu.divide.summary.query({ code: '35.05', year: 2024 });
  const gini: number = summary.gini;
  // @ts-expect-error the Gini is a number, not a string
  const wrong: string = summary.gini;
  const region = await pandu.regions.get.query({ code: '35.05' });
  const name: string = region.name;
  // @ts-expect-error year is required by divide.summary
  await pandu.divide.summary.query({ code: '35.05' });
  // @ts-expect-error no such procedure
  await pandu.divide.nothing.query({ year: 2024 });
  void wrong;
  return gini + name.length;
}

type Outputs = inferRouterOutputs<AppRouter>;
type Inputs = inferRouterInputs<AppRouter>;
export const sector: Sector = SECTORS[0]!.code;
export type Coverage = Outputs['mentoring']['coverage'];
export type PrioritiesInput = Inputs['mentoring']['priorities'];
`;

const runtime = `
import assert from 'node:assert/strict';
import { appRouter, toTRPCError } from '@pandu/api';
const resolved = import.meta.resolve('@pandu/api');
assert.ok(resolved.endsWith('/node_modules/@pandu/api/dist/index.js'), 'resolved to ' + resolved);
for (const path of ['divide.summary', 'regions.get', 'health', 'mentoring.impact']) {
  assert.ok(path in appRouter._def.procedures, 'procedure ' + path);
}
assert.equal(toTRPCError(new Error('x')).message, 'internal error');
console.log('check-dist: import from ' + resolved);
`;

function fail(message) {
  console.error(`check-dist: ${message}`);
  process.exitCode = 1;
}

let tmp;
try {
  tmp = mkdtempSync(join(tmpdir(), 'pandu-api-dist-'));
  const modules = join(tmp, 'node_modules');
  for (const name of PACKED) {
    const dir = join(packagesDir, name);
    if (!existsSync(join(dir, 'dist', 'index.d.ts'))) {
      throw new Error(`packages/${name}/dist is missing: run \`pnpm build\` first`);
    }
    const out = join(tmp, 'packs', name);
    mkdirSync(out, { recursive: true });
    execFileSync('pnpm', ['pack', '--pack-destination', out], { cwd: dir, stdio: 'pipe' });
    const tarball = readdirSync(out).find((f) => f.endsWith('.tgz'));
    if (!tarball) throw new Error(`pnpm pack wrote no .tgz for ${name}`);
    const installed = join(modules, '@pandu', name);
    mkdirSync(installed, { recursive: true });
    execFileSync('tar', ['-xzf', join(out, tarball), '-C', installed, '--strip-components=1']);
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
    if (manifest.exports?.['.']?.types !== './dist/index.d.ts') {
      throw new Error(`@pandu/${name} packs exports ${JSON.stringify(manifest.exports)}`);
    }
    for (const [dep, range] of Object.entries(manifest.dependencies ?? {})) {
      if (String(range).startsWith('workspace:') || String(range).startsWith('catalog:')) {
        throw new Error(`@pandu/${name} packs dependency ${dep}@${range}, not a version`);
      }
    }
  }
  for (const [name, from] of Object.entries(LINKED)) {
    // pnpm links each dependency into the package's own node_modules.
    const installed = join(packagesDir, from, 'node_modules', name);
    if (!existsSync(installed)) throw new Error(`${installed} is missing: run \`pnpm install\``);
    mkdirSync(dirname(join(modules, name)), { recursive: true });
    symlinkSync(realpathSync(installed), join(modules, name), 'dir');
  }
  writeFileSync(join(tmp, 'package.json'), JSON.stringify({ type: 'module', private: true }));
  writeFileSync(join(tmp, 'consumer.ts'), consumer);
  writeFileSync(
    join(tmp, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        noEmit: true,
        // The packed declarations are checked too, as a consumer's compiler meets them.
        skipLibCheck: false,
        types: [],
        lib: ['ES2023', 'ESNext.Disposable', 'DOM'],
      },
      files: ['consumer.ts'],
    }),
  );
  const tsc = createRequire(join(apiDir, 'package.json')).resolve('typescript/bin/tsc');
  const check = spawnSync(process.execPath, [tsc, '-p', tmp], { cwd: tmp, encoding: 'utf8' });
  if (check.status !== 0) {
    throw new Error(`tsc failed on a typed client of the packed @pandu/api:\n${check.stdout}`);
  }
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', runtime], {
    cwd: tmp,
    stdio: 'inherit',
  });
  if (run.status !== 0) throw new Error('importing the packed @pandu/api failed (see above)');
  console.log(`check-dist: ok (typed client type-checked, ${Date.now() - started} ms)`);
} catch (error) {
  const stderr = error?.stderr?.toString().trim();
  fail(`${error instanceof Error ? error.message : String(error)}${stderr ? `\n${stderr}` : ''}`);
} finally {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
}
