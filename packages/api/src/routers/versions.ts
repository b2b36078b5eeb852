import { join } from 'node:path';
import { TRPCError, type TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import {
  compareVersionFiles,
  type DataStore,
  type HistoryRecord,
  type VersionFileChanges,
} from '@pandu/db';
import { actorOf } from '../actor-of.js';
import type { Context } from '../context.js';
import { NoDataStoreError } from '../no-data-store-error.js';
import { publicProcedure, roleProcedure } from '../trpc.js';

/** A version by its number, as `versions.rollback` and `versions.changes` take it. */
export const VersionInput = z.object({ version: z.number().int().positive().max(999_999) });

/** A version as `versions.list` shows it: its history record, whether current, whether kept. */
export type VersionEntry = HistoryRecord & {
  /** The version readers are served now. */
  current: boolean;
  /** Its file is still kept, so it can be rolled back to (false once pruned). */
  kept: boolean;
};

/** What a version changed compared with the one before it. */
export interface VersionChanges {
  record: HistoryRecord;
  /** The observations that differ; null when a file needed to compare is no longer kept. */
  changes: VersionFileChanges | null;
}

// A version's changes never change (versions are immutable), and comparing two national versions
// reads millions of rows: each is computed once per store and kept, the last few of them, so a
// page reloaded or asked by many at once costs one comparison.
const KEPT_CHANGES = 16;
const changesByStore = new WeakMap<DataStore, Map<string, Promise<VersionFileChanges>>>();
let comparing: Promise<void> = Promise.resolve();

function compareOnce(store: DataStore, older: string | null, newer: string) {
  let kept = changesByStore.get(store);
  if (!kept) changesByStore.set(store, (kept = new Map()));
  const key = `${older ?? ''}\n${newer}`;
  const known = kept.get(key);
  if (known) return known;
  // One comparison at a time, whoever asks (the procedure is public): a caller cycling through
  // version numbers queues behind the one running instead of loading every core.
  const computed = comparing.then(() => compareVersionFiles(older, newer));
  comparing = computed.then(
    () => undefined,
    () => undefined,
  );
  kept.set(key, computed);
  computed.catch(() => kept.delete(key));
  while (kept.size > KEPT_CHANGES) kept.delete(kept.keys().next().value ?? '');
  return computed;
}

/**
 * A record as the caller may see it: who published a version is a person's name, shown to users
 * who are logged in; an anonymous reader (reading is public by default) sees only the kind of
 * actor (a user, an API token, the command line), with an empty name.
 */
function shownTo<T extends HistoryRecord>(record: T, ctx: Pick<Context, 'user'>): T {
  return ctx.user ? record : { ...record, actor: { kind: record.actor.kind, name: '' } };
}

/** The context's data directory; NoDataStoreError (501) on a server of a single file. */
function dataStore(ctx: Pick<Context, 'store'>): DataStore {
  if (!ctx.store) throw new NoDataStoreError();
  return ctx.store;
}

/**
 * The data directory's versions (issue 10). Never cached: a publish or a rollback changes the
 * answer at once, and each call reads `history.jsonl` (small) and `CURRENT`.
 */
export const versionsRouter = {
  /** Every version ever published, newest first, with the current one marked. */
  list: publicProcedure.query(async ({ ctx }): Promise<VersionEntry[]> => {
    const versions = await dataStore(ctx).versions();
    return versions
      .map(({ file, current, ...record }) =>
        shownTo({ ...record, current, kept: file !== null }, ctx),
      )
      .reverse();
  }),

  /**
   * What `version` changed in the observations against the version before it: villages and
   * years touched, values replaced, added and removed (the first 200 villages listed).
   * NOT_FOUND for a version never published.
   */
  changes: publicProcedure.input(VersionInput).query(async ({ ctx, input }) => {
    const store = dataStore(ctx);
    const versions = await store.versions();
    const entry = versions.find((v) => v.version === input.version);
    if (!entry) {
      throw new TRPCError({ code: 'NOT_FOUND', message: `unknown version ${input.version}` });
    }
    const { file, current: _current, ...stored } = entry;
    const record = shownTo(stored, ctx);
    const previous =
      record.previousVersion === null
        ? null
        : versions.find((v) => v.version === record.previousVersion);
    if (!file || (previous && !previous.file) || (record.previousVersion !== null && !previous)) {
      return { record, changes: null } satisfies VersionChanges;
    }
    const changes = await compareOnce(
      store,
      previous?.file ? join(store.dir, previous.file) : null,
      join(store.dir, file),
    );
    return { record, changes } satisfies VersionChanges;
  }),

  /**
   * Publish an exact copy of an older version as the newest (admins). Audited with the user (or
   * token) as the actor. NOT_FOUND for a version never published, pruned or already current;
   * CONFLICT while another write runs.
   */
  rollback: roleProcedure('admin')
    .input(VersionInput)
    .mutation(async ({ ctx, input }): Promise<HistoryRecord> => {
      return dataStore(ctx).rollback(input.version, actorOf(ctx.user));
    }),
} satisfies TRPCRouterRecord;
