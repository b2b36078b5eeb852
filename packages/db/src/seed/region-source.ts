import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The CSV files of the npm package `idn-area-data` (codes and names of Indonesia's provinces,
 * regencies, districts and villages; data under the Open Database License).
 *
 * @example
 * ```ts
 * regionSourceFiles().villages; // .../node_modules/idn-area-data/data/villages.csv
 * ```
 */
export function regionSourceFiles(): {
  provinces: string;
  regencies: string;
  districts: string;
  villages: string;
} {
  const root = dirname(createRequire(import.meta.url).resolve('idn-area-data/package.json'));
  const data = join(root, 'data');
  return {
    provinces: join(data, 'provinces.csv'),
    regencies: join(data, 'regencies.csv'),
    districts: join(data, 'districts.csv'),
    villages: join(data, 'villages.csv'),
  };
}

/** The attribution shown wherever region data is shown or exported (ODbL 1.0 requires it). */
export const REGION_DATA_ATTRIBUTION =
  'Region codes and names: idn-area-data 4.0.1 by Fityan Nugroho (github.com/fityannugroho/idn-area-data), ' +
  'from the Ministry of Home Affairs (Kemendagri) regulation; made available under the Open Database ' +
  'License (ODbL) 1.0, opendatacommons.org/licenses/odbl/1-0/.';
