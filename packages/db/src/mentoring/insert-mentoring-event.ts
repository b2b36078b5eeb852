import type { Kysely } from 'kysely';
import type { MentoringEvent } from '@pandu/domain';
import type { Database, SourceKind } from '../schema/database.js';

/**
 * Write one mentoring event (already validated by the domain's `MentoringEvent` schema) into the
 * event, sector, village and participant tables. Roles listed without a count are stored with a
 * null count: present, number unknown.
 *
 * @example
 * ```ts
 * await insertMentoringEvent(trx, BLITAR_WORKSHOP_2021, { source: 'published', batchId: 0 });
 * ```
 */
export async function insertMentoringEvent(
  db: Kysely<Database>,
  event: MentoringEvent,
  { source, batchId }: { source: SourceKind; batchId: number },
): Promise<void> {
  const [start, end] =
    typeof event.date === 'string' ? [event.date, event.date] : [event.date.start, event.date.end];
  await db
    .insertInto('mentoring_events')
    .values({
      id: event.id,
      title: event.title ?? null,
      start_date: start,
      end_date: end,
      format: event.format,
      sessions: event.sessions ?? null,
      venue_village_code: event.venue.villageCode,
      venue_name: event.venue.name ?? null,
      participants_total: event.participants.total,
      village_count: event.villages.count,
      organisers: event.organisers.join('; '),
      notes: event.notes ?? null,
      source,
      batch_id: batchId,
    })
    .execute();
  await db
    .insertInto('mentoring_event_sectors')
    .values(event.sectors.map((sector) => ({ event_id: event.id, sector })))
    .execute();
  if (event.villages.codes.length > 0) {
    await db
      .insertInto('mentoring_event_villages')
      .values(event.villages.codes.map((village_code) => ({ event_id: event.id, village_code })))
      .execute();
  }
  const byRole: Readonly<Record<string, number | undefined>> = event.participants.byRole ?? {};
  const roles = [...new Set([...(event.participants.roles ?? []), ...Object.keys(byRole)])];
  if (roles.length > 0) {
    await db
      .insertInto('mentoring_event_participants')
      .values(roles.map((role) => ({ event_id: event.id, role, count: byRole[role] ?? null })))
      .execute();
  }
}
