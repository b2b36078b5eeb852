// Every page of the dashboard, as [screenshot name, path]: the browser tests walk this list
// (routes.test.ts renders each, security-headers.test.ts checks each one's headers and CSP).
export const ROUTES: readonly [string, string][] = [
  ['nasional', '/'],
  ['wilayah-35', '/wilayah/35'],
  ['wilayah-35.05', '/wilayah/35.05'],
  ['wilayah-35.05.04', '/wilayah/35.05.04'],
  ['desa-35.05.04.2014', '/desa/35.05.04.2014'],
  ['kesenjangan', '/kesenjangan'],
  ['kesenjangan-35.05', '/kesenjangan?region=35.05'],
  ['pendampingan', '/pendampingan'],
  ['pendampingan-35.05-umkm', '/pendampingan?region=35.05&sector=umkm'],
  ['data', '/data?region=35.05'],
  ['cari', '/cari?q=Plosorejo'],
  ['kueri', '/kueri'],
  ['metode', '/metode'],
  ['nasional-en', '/?lang=en'],
  ['pendampingan-rencana-35.05', '/pendampingan/rencana?region=35.05'],
  ['banding-35.05-35.06', '/banding?wilayah=35.05,35.06'],
  ['laporan-35.05', '/laporan/35.05'],
];
