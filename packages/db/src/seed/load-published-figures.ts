import { readFileSync } from 'node:fs';
import type { PublishedFiguresTable } from '../schema/database.js';

// The package's data/ folder, found from this module's own place: src/seed/ when run from source,
// dist/seed/ when built, both two levels below the package root. Not from the working directory,
// which can be anywhere.
const DATA_DIR = new URL('../../data/published-figures/', import.meta.url);

/** The files are read in this order, and the rows of each file in file order. */
const DATASETS: readonly PublishedFiguresTable['dataset'][] = ['ild', 'iptik', 'imdi'];

const SOURCES_HEADER = ['source', 'citation'];
const FIGURES_HEADER = ['source', 'region_code', 'year', 'measure', 'value', 'note'];

/**
 * Published national and provincial figures (ILD, IP-TIK, IMDI), read from the CSV files in the
 * package's `data/published-figures/`: `sources.csv` holds each citation once, `<dataset>.csv` one
 * figure per line naming its source. Kept in the database as `published` so the dashboard can show
 * them beside the synthetic village data. Province codes are as published: ILD 2021 and IP-TIK
 * 2024 use the 34-province borders (91 Papua includes today's 93-95; 92 Papua Barat includes 96).
 *
 * Reads the files on every call (the seed calls it once). An empty field is null. A malformed file
 * throws, naming the file and line.
 *
 * @example
 * ```ts
 * const figures = loadPublishedFigures();
 * figures[0]; // { dataset: 'ild', region_code: null, year: 2020, measure: 'index', value: 3.46, note: null, citation: 'katadata.co.id (...)' }
 * ```
 */
export function loadPublishedFigures(dir: URL = DATA_DIR): PublishedFiguresTable[] {
  const citations = new Map(
    readCsv(dir, 'sources.csv', SOURCES_HEADER).map(({ at, fields: [source, citation] }) => {
      if (!source || !citation) throw new Error(`${at}: source and citation are required`);
      return [source, citation];
    }),
  );
  return DATASETS.flatMap((dataset) =>
    readCsv(dir, `${dataset}.csv`, FIGURES_HEADER).map(({ at, fields }) => {
      const [source = '', region, year, measure, value, note] = fields;
      const citation = citations.get(source);
      if (citation === undefined) throw new Error(`${at}: unknown source "${source}"`);
      if (!measure) throw new Error(`${at}: measure is required`);
      return {
        dataset,
        region_code: region || null,
        year: wholeYear(at, year),
        measure,
        value: finite(at, 'value', value),
        note: note || null,
        citation,
      };
    }),
  );
}

function wholeYear(at: string, text: string | undefined): number {
  const n = Number(text);
  if (!text || !Number.isInteger(n)) throw new Error(`${at}: year "${text}" is not a whole year`);
  return n;
}

function finite(at: string, name: string, text: string | undefined): number {
  const n = Number(text);
  if (!text || !Number.isFinite(n)) throw new Error(`${at}: ${name} "${text}" is not a number`);
  return n;
}

/**
 * The records of a small CSV file after its header, which must be `header`: RFC 4180 (a field
 * holding a comma, quote or line break is double-quoted, a quote inside doubled), LF or CRLF line
 * ends, blank lines skipped. `at` names the file and the line a record starts on.
 */
function readCsv(
  dir: URL,
  name: string,
  header: readonly string[],
): Array<{ at: string; fields: string[] }> {
  const file = `published-figures/${name}`;
  const text = readFileSync(new URL(name, dir), 'utf8');
  const records: Array<{ at: string; fields: string[] }> = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  const endRecord = () => {
    fields.push(field);
    if (fields.length > 1 || fields[0] !== '')
      records.push({ at: `${file} line ${start}`, fields });
    fields = [];
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        field += c;
      }
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else if (c === '\n' || (c === '\r' && text[i + 1] === '\n')) {
      if (c === '\r') i++;
      endRecord();
      start = ++line;
    } else field += c;
  }
  if (quoted) throw new Error(`${file} line ${start}: a quoted field is not closed`);
  if (field !== '' || fields.length > 0) endRecord();

  const [first, ...rest] = records;
  if (first?.fields.join(',') !== header.join(',')) {
    throw new Error(`${file}: the header must be ${header.join(',')}`);
  }
  for (const record of rest) {
    if (record.fields.length !== header.length) {
      throw new Error(
        `${record.at}: ${record.fields.length} fields, the header has ${header.length}`,
      );
    }
  }
  return rest;
}
