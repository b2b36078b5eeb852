/**
 * Mentoring events that really happened, as public reports record them. Only what is recorded is
 * here: the 20 participating village governments of the Blitar event are not named in the sources,
 * so only the venue village is listed and `villageCount` carries the number.
 */
export interface RealMentoringEvent {
  id: string;
  title: string;
  startDate: string;
  endDate: string;
  format: string;
  sessions: number;
  sectors: string[];
  venueVillageCode: string;
  venueName: string;
  villageCodes: string[];
  villageCount: number;
  participantsTotal: number;
  organisers: string[];
  notes: string;
}

export const REAL_MENTORING_EVENTS: readonly RealMentoringEvent[] = [];
