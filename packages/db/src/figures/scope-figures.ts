import type { Kysely } from 'kysely';
import type { Database } from '../schema/database.js';

/** Owned by the FIGURES helper: divide, index, timeseries, Lorenz, histogram, convergence inputs. */
export async function refreshScopeFigures(_db: Kysely<Database>): Promise<void> {}
