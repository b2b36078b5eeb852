import type { DataDictionary } from './data-dictionary.js';

/**
 * `DATA_DICTIONARY.md`: the dictionary for people. Same content as `data-dictionary.json`.
 *
 * @example
 * ```ts
 * await writeFile('DATA_DICTIONARY.md', dataDictionaryMarkdown(dataDictionary(input)));
 * ```
 */
export function dataDictionaryMarkdown(d: DataDictionary): string {
  const region = d.scope.region
    ? `${d.scope.region.code} ${d.scope.region.name} (${d.scope.region.level}), its villages and the regions above it`
    : 'all of Indonesia';
  const asked = `${d.scope.years.from ?? 'first'} to ${d.scope.years.to ?? 'last'}`;
  const present = d.scope.observationYears
    ? `${d.scope.observationYears.first}-${d.scope.observationYears.last}`
    : 'none';
  const sources = Object.entries(d.synthetic.observationSources)
    .map(([kind, n]) => `${n.toLocaleString('en')} ${kind}`)
    .join(', ');
  const lines: string[] = [
    `# ${d.title}`,
    '',
    `- Exported: ${d.exportedAt}, as ${d.format}`,
    `- Scope: ${region}`,
    `- Years asked: ${asked}; years in the observations: ${present}`,
    `- Data version: ${d.dataVersion ?? 'unknown'}${d.meta.seed ? ` (seed ${d.meta.seed})` : ''}`,
    `- Observations by source: ${sources || 'none'}`,
    '',
    '## Synthetic values',
    '',
    d.synthetic.statement,
    '',
    `Calibrated to a published ILD: ${d.synthetic.calibratedYears.join(', ')}. Extrapolated: ${d.synthetic.extrapolatedYears.join(', ')}.`,
    '',
    '## Licence and attribution',
    '',
    ...licenceLines(d),
    '## Source kinds',
    '',
    ...Object.entries(d.sourceKinds).map(([kind, meaning]) => `- \`${kind}\`: ${meaning}`),
    '',
    '## Reading the files',
    '',
    ...d.reading.map((note) => `- ${note}`),
    '',
    '## What the sources leave unknown',
    '',
    ...(d.knownGaps.length === 0 ? ['Nothing recorded.'] : d.knownGaps.map((gap) => `- ${gap}`)),
    '',
    '## Indicators',
    '',
    table(
      [
        'id',
        'level',
        'pillar',
        'label (id)',
        'label (en)',
        'unit',
        'range',
        'direction',
        'definition',
      ],
      d.indicators.map((i) => [
        i.id,
        i.level,
        i.pillar ?? '',
        i.labels.id,
        i.labels.en,
        i.unit,
        `${i.range.min}-${i.range.max}`,
        i.direction,
        i.description.en,
      ]),
    ),
    '',
    '## Sectors',
    '',
    ...d.sectors.map((s) => `- \`${s.code}\`: ${s.labels.en} (Indonesian: ${s.labels.id})`),
    '',
    '## Tables',
    '',
  ];
  for (const t of d.tables) {
    lines.push(
      `### ${t.name}${t.rows === null ? '' : ` (${t.rows.toLocaleString('en')} rows)`}`,
      '',
      t.description,
      '',
      `- Rows: ${t.scoping}`,
      `- Where: ${t.layout}`,
      '',
      table(
        ['column', 'type', 'unit', 'meaning'],
        t.columns.map((c) => [c.name, c.type, c.unit ?? '', c.description]),
      ),
      '',
    );
  }
  return lines.join('\n');
}

/**
 * `LICENSE-DATA.md`: the licence section on its own, for readers who look for a licence file.
 *
 * @example
 * ```ts
 * await writeFile('LICENSE-DATA.md', licenseDataMarkdown(dictionary));
 * ```
 */
export function licenseDataMarkdown(d: DataDictionary): string {
  return ['# Licence of the exported data', '', ...licenceLines(d)].join('\n');
}

function licenceLines(d: DataDictionary): string[] {
  const r = d.licence.regionData;
  return [
    `**Region data (ODbL 1.0, ${r.url}).** ${r.attribution}`,
    '',
    r.terms,
    '',
    `**Published figures.** ${d.licence.publishedFigures}`,
    '',
    `**Synthetic data.** ${d.licence.syntheticData}`,
    '',
  ];
}

/** A Markdown table; `|` and line breaks inside a cell would break the row, so they are escaped. */
function table(header: string[], rows: string[][]): string {
  const cell = (text: string) => text.replaceAll('|', '\\|').replace(/\r?\n/g, ' ');
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
  ].join('\n');
}
