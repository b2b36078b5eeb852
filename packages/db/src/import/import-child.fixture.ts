// Test fixture: a real child process that imports a file, printing each progress step, so a test
// can kill it with SIGKILL in the middle of the import. Usage: import-child.fixture.ts DB FILE
import { openDatabase } from '../open-database.js';
import { importObservations } from './import-observations.js';

const [dbPath, file] = process.argv.slice(2);
if (!dbPath || !file) throw new Error('usage: import-child.fixture.ts DB FILE');
const db = await openDatabase(dbPath);
await importObservations(db, file, {
  replace: true,
  onProgress: (p) => process.stdout.write(`step ${p.step}\n`),
});
process.stdout.write('imported\n');
await db.destroy();
