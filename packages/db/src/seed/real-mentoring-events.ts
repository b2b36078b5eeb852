import { BLITAR_WORKSHOP_2021, type MentoringEvent } from '@pandu/domain';

/**
 * Mentoring events that really happened, as public reports record them (source `published`).
 * Only what is recorded is stored: the 20 participating village governments of the Blitar event
 * are not named in the sources, so the event lists none and carries the count.
 */
export const REAL_MENTORING_EVENTS: readonly MentoringEvent[] = [BLITAR_WORKSHOP_2021];
