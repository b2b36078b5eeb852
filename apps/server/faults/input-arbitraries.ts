import fc from 'fast-check';

// fast-check arbitraries for the fuzzer: a procedure's input built from the JSON shape of its zod
// schema (z.toJSONSchema), each value sometimes swapped for something hostile.

/** The subset of JSON Schema that zod writes for our inputs. */
export interface JsonSchema {
  type?: string;
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
}

/** Quotes, NUL, SQL, traversal, markup, odd Unicode: the strings a hostile client sends. */
export const HOSTILE_STRINGS: readonly string[] = [
  '',
  "'",
  '"',
  '\\',
  '\u0000',
  '35\u0000',
  "' OR '1'='1",
  "35'; DROP TABLE regions; --",
  '1) UNION SELECT * FROM dataset_meta --',
  "x' || (select current_setting('home_directory')) || '",
  "read_csv('/etc/passwd')",
  '../../../../etc/passwd',
  '..%2f..%2f..%2fetc%2fpasswd',
  '/etc/passwd',
  'C:\\Windows\\win.ini',
  '<script>alert(1)</script>',
  '${7*7}{{7*7}}',
  '%00%ff',
  '\u202eevil',
  '\ud800',
  'İstanbul ǅ ß ﬁ',
  '😀'.repeat(40),
  'x'.repeat(3000),
  ' 35.05 ',
  '35.05.',
  '35..05',
  '99.99.99.9999',
  '__proto__',
  'constructor',
  'NaN',
  'null',
];

/** Numbers at and past the edges of what JSON and doubles hold. */
const HOSTILE_NUMBERS: readonly number[] = [
  0,
  -0,
  -1,
  1e308,
  -1e308,
  5e-324,
  Number.MAX_SAFE_INTEGER,
  Number.MAX_SAFE_INTEGER + 2,
  2 ** 31,
  -(2 ** 63),
  2024.5,
  1e21,
];

/** `[[[...]]]` or `{"a":{"a":...}}`, `depth` levels down. */
function nested(depth: number, object: boolean): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = object ? { a: value } : [value];
  return value;
}

/** A value of any JSON type that no schema of ours wants. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_NUMBERS) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(null, true, false, [], {}) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 10, max: 2000 }), fc.boolean())
      .map(([depth, object]) => nested(depth, object)),
  },
  {
    weight: 1,
    arbitrary: fc.dictionary(
      fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', '', '\u0000'),
      fc.jsonValue({ maxDepth: 2 }),
      { maxKeys: 3 },
    ),
  },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

/** Values that exist in the seeded fixture (Jawa Timur), so well-formed inputs also reach SQL. */
const KNOWN: Record<string, readonly unknown[]> = {
  code: ['35', '35.05', '35.05.04', '35.05.04.2014', '35.99', '11', '35.78'],
  parent: ['35', '35.05'],
  q: ['plosorejo', 'Blitar', 'kademangan', 'SURABAYA', 'é'],
  year: [2020, 2022, 2024, 2025, 2031],
};

/** A well-formed value for `schema` (by type, bounds and enum); for `name`, often a known one. */
function wellFormed(schema: JsonSchema, name: string | null, depth: number): fc.Arbitrary<unknown> {
  const known = name === null ? undefined : KNOWN[name];
  const alternatives = schema.anyOf ?? schema.oneOf;
  let base: fc.Arbitrary<unknown>;
  if (alternatives && alternatives.length > 0) {
    base = fc.oneof(...alternatives.map((s) => fuzzedValue(s, name, depth + 1)));
  } else if (schema.const !== undefined) {
    base = fc.constant(schema.const);
  } else if (schema.enum && schema.enum.length > 0) {
    base = fc.constantFrom(...schema.enum);
  } else {
    switch (schema.type) {
      case 'string':
        base = schema.pattern
          ? fc.stringMatching(new RegExp(schema.pattern))
          : fc.string({ minLength: schema.minLength ?? 0, maxLength: schema.maxLength ?? 20 });
        break;
      case 'integer':
        base = fc.integer({
          min: Math.max(schema.minimum ?? -1e6, Number.MIN_SAFE_INTEGER),
          max: Math.min(schema.maximum ?? 1e6, Number.MAX_SAFE_INTEGER),
        });
        break;
      case 'number':
        base = fc.double({
          min: schema.minimum ?? -1e6,
          max: schema.maximum ?? 1e6,
          noNaN: true,
          noDefaultInfinity: true,
        });
        break;
      case 'boolean':
        base = fc.boolean();
        break;
      case 'array':
        base = fc.array(fuzzedValue(schema.items ?? {}, null, depth + 1), { maxLength: 4 });
        break;
      case 'object': {
        const properties = schema.properties ?? {};
        base = fc.record(
          Object.fromEntries(
            Object.entries(properties).map(([key, s]) => [key, fuzzedValue(s, key, depth + 1)]),
          ),
          { requiredKeys: schema.required ?? [] },
        );
        break;
      }
      default:
        base = hostileValue;
    }
  }
  return known ? fc.oneof(fc.constantFrom(...known), base) : base;
}

/** Mostly well-formed for `schema`, one time in five hostile. */
export function fuzzedValue(
  schema: JsonSchema,
  name: string | null = null,
  depth = 0,
): fc.Arbitrary<unknown> {
  if (depth > 4) return hostileValue;
  return fc.oneof(
    { weight: 4, arbitrary: wellFormed(schema, name, depth) },
    { weight: 1, arbitrary: hostileValue },
  );
}

/** Text sent as a GET's `input` or a POST's body that is not JSON at all, or barely. */
export const NOT_JSON: readonly string[] = [
  '{',
  '{year:2024}',
  "{'year':2024}",
  '[1,2',
  'undefined',
  'NaN',
  '{"year":2024,}',
  '{"year":01}',
  '{"year":1e999}',
  '\u0000',
  '"\ud800"',
  '{"a":'.repeat(500),
  '<xml/>',
  '',
];
