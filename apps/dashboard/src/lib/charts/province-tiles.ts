/**
 * The 38 provinces as equal tiles on a grid shaped like the archipelago, west to east: Sumatra,
 * Java and the Lesser Sundas along the bottom, Kalimantan, Sulawesi, Maluku, Papua to the east.
 * Every province gets the same area, so Jakarta is as visible as Papua.
 * Tiles are labelled with the domain's short names (PROVINCE_SHORT_NAMES: Jatim, DKI, ...), the
 * one list the search reads too; full names come from the data.
 */
export interface ProvinceTile {
  code: string;
  col: number;
  row: number;
}

export const PROVINCE_TILES: readonly ProvinceTile[] = [
  { code: '11', col: 0, row: 0 },
  { code: '12', col: 1, row: 1 },
  { code: '13', col: 1, row: 2 },
  { code: '14', col: 2, row: 1 },
  { code: '15', col: 2, row: 2 },
  { code: '16', col: 2, row: 3 },
  { code: '17', col: 1, row: 3 },
  { code: '18', col: 2, row: 4 },
  { code: '19', col: 3, row: 3 },
  { code: '21', col: 3, row: 1 },
  { code: '31', col: 4, row: 4 },
  { code: '32', col: 4, row: 5 },
  { code: '33', col: 5, row: 5 },
  { code: '34', col: 5, row: 6 },
  { code: '35', col: 6, row: 5 },
  { code: '36', col: 3, row: 5 },
  { code: '51', col: 7, row: 5 },
  { code: '52', col: 8, row: 5 },
  { code: '53', col: 9, row: 5 },
  { code: '61', col: 5, row: 1 },
  { code: '62', col: 5, row: 2 },
  { code: '63', col: 6, row: 2 },
  { code: '64', col: 6, row: 1 },
  { code: '65', col: 6, row: 0 },
  { code: '71', col: 9, row: 0 },
  { code: '72', col: 8, row: 1 },
  { code: '73', col: 7, row: 3 },
  { code: '74', col: 8, row: 3 },
  { code: '75', col: 8, row: 0 },
  { code: '76', col: 7, row: 2 },
  { code: '81', col: 10, row: 3 },
  { code: '82', col: 10, row: 1 },
  { code: '91', col: 13, row: 2 },
  { code: '92', col: 12, row: 2 },
  { code: '93', col: 13, row: 4 },
  { code: '94', col: 12, row: 3 },
  { code: '95', col: 13, row: 3 },
  { code: '96', col: 11, row: 2 },
];

export const TILE_COLUMNS = Math.max(...PROVINCE_TILES.map((t) => t.col)) + 1;
export const TILE_ROWS = Math.max(...PROVINCE_TILES.map((t) => t.row)) + 1;
