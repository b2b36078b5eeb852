#!/usr/bin/env node
// `pnpm typecheck`: svelte-kit sync, then svelte-check with --fail-on-warnings, counting only
// problems in this package's own files.
//
// Why the filter: the dashboard imports the API's router *type* from @pandu/server, whose exports
// point at TypeScript source, so svelte-check type-checks the server and db sources too, under the
// dashboard's compiler options (moduleResolution bundler, DOM lib). Those packages are checked by
// their own `tsc --noEmit`; a problem they have only under our options is printed here as a note
// for their owners, not made this package's failure.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const kitBin = join(dirname(require.resolve('@sveltejs/kit/package.json')), 'svelte-kit.js');
const checkBin = join(dirname(require.resolve('svelte-check/package.json')), 'bin', 'svelte-check');

const sync = spawnSync(process.execPath, [kitBin, 'sync'], { stdio: 'inherit' });
if (sync.status !== 0) process.exit(sync.status ?? 1);

const check = spawnSync(
  process.execPath,
  [checkBin, '--tsconfig', './tsconfig.json', '--output', 'machine', '--fail-on-warnings'],
  { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
);
if (check.error) throw check.error;

let own = 0;
let foreign = 0;
for (const line of check.stdout.split('\n')) {
  const match = /^\d+ (ERROR|WARNING) "([^"]+)" (\d+:\d+) "(.*)"$/.exec(line);
  if (!match) continue;
  const [, severity, file, position, message] = match;
  if (file.startsWith('..')) {
    foreign++;
    console.log(
      `note: ${file}:${position}: ${severity.toLowerCase()} (checked by its own package): ${message.slice(0, 300)}`,
    );
  } else {
    own++;
    console.log(`${file}:${position}: ${severity.toLowerCase()}: ${message}`);
  }
}
const completed = /COMPLETED (\d+) FILES/.exec(check.stdout);
if (!completed) {
  process.stderr.write(check.stdout + check.stderr);
  console.error('svelte-check did not complete');
  process.exit(1);
}
console.log(
  `svelte-check: ${completed[1]} files, ${own} problem(s) in @pandu/dashboard${foreign ? `, ${foreign} note(s) on other packages` : ''}`,
);
process.exit(own > 0 ? 1 : 0);
