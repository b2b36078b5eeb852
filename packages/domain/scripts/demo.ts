// A short tour of @pandu/domain: `pnpm --filter @pandu/domain demo` (or `pnpm demo` at the root).
import {
  BLITAR_WORKSHOP_2021,
  FRAMEWORK,
  ancestorCodes,
  gini,
  maxMinGap,
  mentoringDateRange,
  parseRegionCode,
  provinceIn2021Borders,
  regionLevel,
  sectorLabel,
  theil,
  villageKind,
} from '../src/index.js';

const heading = (text: string) => console.log(`\n${text}\n${'-'.repeat(text.length)}`);

heading('Regions (Kemendagri codes)');
const plosorejo = parseRegionCode(' 35.05.04.2014 ');
console.log(`parseRegionCode(' 35.05.04.2014 ') -> ${plosorejo}  (Plosorejo, Kab. Blitar)`);
console.log(`level:      ${regionLevel(plosorejo)}`);
console.log(`ancestors:  ${ancestorCodes(plosorejo).join(' > ')}  (province first)`);
console.log(`kind:       ${villageKind(plosorejo)}  (village segment starts with 2)`);
console.log(
  `in the 34-province era, 96.01 (Kab. Sorong) was in province ${provinceIn2021Borders('96.01')}`,
);
try {
  parseRegionCode('35.5');
} catch (error) {
  console.log(`parseRegionCode('35.5') throws: ${(error as Error).message}`);
}

heading('Indicator framework');
for (const [level, { labels }] of Object.entries(FRAMEWORK.levels)) {
  const ids = FRAMEWORK.indicators.filter((i) => i.level === level).map((i) => i.id);
  console.log(`${labels.en.padEnd(9)} ${ids.join(', ')}`);
}

heading('Mentoring: Blitar, November 2021');
const event = BLITAR_WORKSHOP_2021;
const { start, end } = mentoringDateRange(event.date);
console.log(`${start} to ${end}, ${event.format}, ${event.sessions ?? '?'} sessions`);
console.log(`venue:        ${event.venue.name ?? ''} (${event.venue.villageCode})`);
console.log(`participants: ${event.participants.total} from ${event.villages.count} villages`);
console.log(`roles:        ${event.participants.roles?.join(', ') ?? 'not recorded'}`);
console.log(
  `by role:      ${event.participants.byRole ? 'recorded' : 'not recorded in the sources'}`,
);
console.log(`sectors:      ${event.sectors.map((s) => sectorLabel(s, 'en')).join('; ')}`);

heading('Divide metrics: IP-TIK 2024 (BPS), five provinces');
const iptik = {
  'DKI Jakarta': 7.88,
  Bali: 6.82,
  'Jawa Timur': 6.07,
  'Papua Barat': 5.61,
  Papua: 3.56,
};
const values = Object.values(iptik);
console.log(
  Object.entries(iptik)
    .map(([name, value]) => `${name} ${value}`)
    .join(', '),
);
console.log(`gini:       ${gini(values).toFixed(3)}`);
console.log(`theil:      ${theil(values).toFixed(3)}`);
console.log(`max-min gap ${maxMinGap(values).difference.toFixed(2)} (what BPS reports)`);
