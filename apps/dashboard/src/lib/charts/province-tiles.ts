/**
 * The 38 provinces as equal tiles on a grid shaped like the archipelago, west to east: Sumatra,
 * Java and the Lesser Sundas along the bottom, Kalimantan, Sulawesi, Maluku, Papua to the east.
 * Every province gets the same area, so Jakarta is as visible as Papua.
 * Abbreviations are the usual Indonesian short names; full names come from the data.
 */
export interface ProvinceTile {
  code: string;
  abbr: string;
  col: number;
  row: number;
}

export const PROVINCE_TILES: readonly ProvinceTile[] = [
  { code: '11', abbr: 'ACEH', col: 0, row: 0 },
  { code: '12', abbr: 'SUMUT', col: 1, row: 1 },
  { code: '13', abbr: 'SUMBAR', col: 1, row: 2 },
  { code: '14', abbr: 'RIAU', col: 2, row: 1 },
  { code: '15', abbr: 'JAMBI', col: 2, row: 2 },
  { code: '16', abbr: 'SUMSEL', col: 2, row: 3 },
  { code: '17', abbr: 'BKL', col: 1, row: 3 },
  { code: '18', abbr: 'LPG', col: 2, row: 4 },
  { code: '19', abbr: 'BABEL', col: 3, row: 3 },
  { code: '21', abbr: 'KEPRI', col: 3, row: 1 },
  { code: '31', abbr: 'DKI', col: 4, row: 4 },
  { code: '32', abbr: 'JABAR', col: 4, row: 5 },
  { code: '33', abbr: 'JATENG', col: 5, row: 5 },
  { code: '34', abbr: 'DIY', col: 5, row: 6 },
  { code: '35', abbr: 'JATIM', col: 6, row: 5 },
  { code: '36', abbr: 'BANTEN', col: 3, row: 5 },
  { code: '51', abbr: 'BALI', col: 7, row: 5 },
  { code: '52', abbr: 'NTB', col: 8, row: 5 },
  { code: '53', abbr: 'NTT', col: 9, row: 5 },
  { code: '61', abbr: 'KALBAR', col: 5, row: 1 },
  { code: '62', abbr: 'KALTENG', col: 5, row: 2 },
  { code: '63', abbr: 'KALSEL', col: 6, row: 2 },
  { code: '64', abbr: 'KALTIM', col: 6, row: 1 },
  { code: '65', abbr: 'KALTARA', col: 6, row: 0 },
  { code: '71', abbr: 'SULUT', col: 9, row: 0 },
  { code: '72', abbr: 'SULTENG', col: 8, row: 1 },
  { code: '73', abbr: 'SULSEL', col: 7, row: 3 },
  { code: '74', abbr: 'SULTRA', col: 8, row: 3 },
  { code: '75', abbr: 'GTLO', col: 8, row: 0 },
  { code: '76', abbr: 'SULBAR', col: 7, row: 2 },
  { code: '81', abbr: 'MALUKU', col: 10, row: 3 },
  { code: '82', abbr: 'MALUT', col: 10, row: 1 },
  { code: '91', abbr: 'PAPUA', col: 13, row: 2 },
  { code: '92', abbr: 'PABAR', col: 12, row: 2 },
  { code: '93', abbr: 'PAPSEL', col: 13, row: 4 },
  { code: '94', abbr: 'PAPTENG', col: 12, row: 3 },
  { code: '95', abbr: 'PAPEG', col: 13, row: 3 },
  { code: '96', abbr: 'PBD', col: 11, row: 2 },
];

export const TILE_COLUMNS = Math.max(...PROVINCE_TILES.map((t) => t.col)) + 1;
export const TILE_ROWS = Math.max(...PROVINCE_TILES.map((t) => t.row)) + 1;
