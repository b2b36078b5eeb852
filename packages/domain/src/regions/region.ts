import { z } from 'zod';
import { parentCode } from './parent-code.js';
import { RegionCode } from './region-code.js';
import { RegionLevel, regionLevel } from './region-level.js';

/**
 * A region of any level with its name. `parentCode` is `null` for a province rather than absent,
 * so every region has the same keys and the field maps one-to-one to a nullable database column
 * and to JSON (where `undefined` would vanish).
 *
 * `level` and `parentCode` are redundant with `code` and are checked against it, so a row that
 * says `level: 'district'` for a village code, or names the wrong parent, is rejected. Names are
 * labels, not identities: they are not unique (there are 11 villages named Plosorejo) and a few
 * in the source are lowercase, so only surrounding whitespace is trimmed.
 *
 * @example
 * ```ts
 * Region.parse({ code: '35.05', name: 'Kabupaten Blitar', level: 'regency', parentCode: '35' });
 * Region.safeParse({ code: '35', name: 'Jawa Timur', level: 'province', parentCode: null }).success; // true
 * ```
 */
export const Region = z
  .object({
    code: RegionCode,
    name: z.string().trim().min(1),
    level: RegionLevel,
    parentCode: RegionCode.nullable(),
  })
  .superRefine((region, ctx) => {
    const level = regionLevel(region.code);
    if (region.level !== level) {
      ctx.addIssue({
        code: 'custom',
        path: ['level'],
        message: `region ${region.code} is a ${level}, not a ${region.level}`,
      });
    }
    const parent = parentCode(region.code) ?? null;
    if (region.parentCode !== parent) {
      ctx.addIssue({
        code: 'custom',
        path: ['parentCode'],
        message: `region ${region.code} has parent ${parent ?? 'null'}, not ${region.parentCode ?? 'null'}`,
      });
    }
  });
export type Region = z.infer<typeof Region>;
