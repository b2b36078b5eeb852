import type { Kysely } from 'kysely';
import type { Database } from '../schema/database.js';

/** Owned by the MENTORING helper: coverage by sector, impact estimates, priority lists. */
export async function refreshMentoringFigures(_db: Kysely<Database>): Promise<void> {}
