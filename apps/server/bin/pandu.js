#!/usr/bin/env node
// The `pandu` command line: built JavaScript only (`pnpm build` writes dist/).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = new URL('../dist/main.js', import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  console.error(`pandu: ${fileURLToPath(main)} is missing; run \`pnpm build\` first`);
  process.exit(1);
}
await import(main.href);
