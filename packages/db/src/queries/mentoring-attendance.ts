import { sql, type RawBuilder } from 'kysely';

/** How a village took part in a mentoring event. */
export type AttendanceRole = 'venue' | 'participant';

/**
 * Every (event, village) pair of the mentoring tables, as a subquery with the columns `event_id`,
 * `village_code` and `role`: the venue village of each event, and each village listed as taking
 * part. A village listed as both appears twice (once per role). The real Blitar event lists no
 * villages, only its venue, so its venue is its only village here.
 *
 * @example
 * ```ts
 * sql`select count(distinct village_code) from ${mentoringAttendance()} a`;
 * ```
 */
export function mentoringAttendance(): RawBuilder<{
  event_id: string;
  village_code: string;
  role: AttendanceRole;
}> {
  return sql`(
    select id as event_id, venue_village_code as village_code, 'venue' as role from mentoring_events
    union all
    select event_id, village_code, 'participant' as role from mentoring_event_villages
  )`;
}
