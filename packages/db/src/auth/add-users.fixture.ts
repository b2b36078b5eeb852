// Run by auth-store.test.ts as a separate process: adds users to a data directory's auth.json,
// concurrently with other processes doing the same. The password comes on stdin, as the CLI's.
import { text } from 'node:stream/consumers';
import { AuthStore } from './auth-store.js';

const [dir, prefix, count] = process.argv.slice(2);
const password = (await text(process.stdin)).trim();
const auth = await AuthStore.open(dir ?? '');
await Promise.all(
  Array.from({ length: Number(count) }, (_, i) =>
    auth.addUser(`${prefix}-${i}`, 'viewer', password),
  ),
);
