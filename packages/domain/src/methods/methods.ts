// The methods behind every figure Pandu publishes, in Indonesian and English: one source for the
// dashboard's /metode page and the METHODS.md of every export (methodsMarkdown). Each entry says
// what the figure counts, its formula and unit, how awkward input is handled, where it appears in
// the API, and what to cite. Zod-free and without I/O, like the rest of the domain.

/** The languages methods are written in. */
export type MethodLang = 'id' | 'en';

/** A text in both languages. */
export interface Bilingual {
  id: string;
  en: string;
}

/** The anchors of the methods page (`/metode#gini`); chart notes link to them. */
export const METHOD_IDS = [
  'composite-index',
  'mean-quantiles',
  'year-coverage',
  'gini',
  'lorenz',
  'theil',
  'coefficient-of-variation',
  'palma',
  'quintile-gap',
  'max-min-gap',
  'urban-rural-gap',
  'share-below',
  'histogram',
  'sigma-convergence',
  'beta-convergence',
  'year-reaching',
  'difference-in-differences',
  'priorities',
  'deployment-plan',
  'synthetic-calibration',
  // CONV: convergence that says how sure it is (issue 12).
  'convergence-inference',
  'absolute-beta-convergence',
  'share-below-projection',
  // PEOPLE: weighting by people, people below the threshold, population density (issue 12).
  'people-weighting',
  'people-below',
  'population-density',
  // EVENT: the event study of mentoring.impact (issue 12).
  'event-study',
  'pre-trend',
] as const;
export type MethodId = (typeof METHOD_IDS)[number];

/** One method: a statistic, an index or a rule. */
export interface Method {
  id: MethodId;
  title: Bilingual;
  /** What it counts, in words. */
  counts: Bilingual;
  /** The formula, in plain text (the same in both languages). */
  formula: string;
  unit: Bilingual;
  /** Edge cases and how they are handled. */
  edgeCases: readonly Bilingual[];
  /** Where the figure appears: `procedure.field` of the API. */
  api: readonly string[];
  /** What to cite (author, year, title). */
  citation: string;
}

const both = (id: string, en: string): Bilingual => ({ id, en });

/**
 * Every method, in the order the methods page shows them.
 *
 * @example
 * ```ts
 * METHODS.find((m) => m.id === 'gini')?.formula; // 'G = sum_i (2i - n - 1) y_(i) / (n sum_i y_i) ...'
 * ```
 */
export const METHODS: readonly Method[] = [
  {
    id: 'composite-index',
    title: both('Indeks komposit', 'Composite index'),
    counts: both(
      'Indeks kecakapan digital desa: rata-rata empat pilar Indeks Literasi Digital (kecakapan, etika, keamanan, budaya digital), masing-masing skala 1-5. Varian geometrik memakai rata-rata geometrik pilar yang sama. Indeks akses dan indeks hasil adalah rata-rata tiga indikator persentase masing-masing (0-100).',
      "A village's digital skills index: the mean of the four pillars of the Digital Literacy Index (skills, ethics, safety, culture), each on a 1-5 scale. The geometric variant takes the geometric mean of the same pillars. The access and outcomes indices are each the mean of three percentage indicators (0-100).",
    ),
    formula:
      'skills_index = (skills + ethics + safety + culture) / 4;  skills_index_geometric = (skills x ethics x safety x culture)^(1/4);  access_index = mean of the 3 access indicators;  outcomes_index = mean of the 3 outcome indicators',
    unit: both('Skala pilar (1-5) atau persen (0-100)', 'Pillar scale (1-5) or percent (0-100)'),
    edgeCases: [
      both(
        'Nilai kosong bila satu komponen saja hilang: tidak ada komponen yang dirata-rata diam-diam.',
        'Missing when any component is missing: no component is silently averaged away.',
      ),
      both(
        'Bobot sama; paket domain menyediakan bobot lain dan min-max, z-score, jarak ke acuan untuk eksperimen.',
        'Equal weights; the domain package offers other weights and min-max, z-score and distance-to-reference scaling for experiments.',
      ),
    ],
    api: ['index.byRegion', 'index.timeseries', 'village_index.skills_index'],
    citation:
      'Kominfo & Katadata Insight Center (2022), Status Literasi Digital di Indonesia 2022; OECD/JRC (2008), Handbook on Constructing Composite Indicators.',
  },
  {
    id: 'mean-quantiles',
    title: both('Rata-rata dan kuantil', 'Mean and quantiles'),
    counts: both(
      'Rata-rata dan persentil ke-10, 50 dan 90 dari nilai desa dalam satu wilayah dan tahun. Setiap desa berbobot sama (per desa); n adalah jumlah desa bernilai, missing yang tidak.',
      "The mean and the 10th, 50th and 90th percentiles of a region's village values in a year. Every village weighs the same (per village); n counts the villages with a value, missing those without.",
    ),
    formula:
      'mean = (1/n) sum_i y_i;  Q(p) = y_(k) + (h - k)(y_(k+1) - y_(k)) with h = (n - 1) p + 1, k = floor(h)  (linear interpolation, Hyndman & Fan type 7, DuckDB quantile_cont)',
    unit: both('Satuan ukuran', "The measure's unit"),
    edgeCases: [
      both(
        'Desa tanpa nilai tidak diimputasi: dihitung sebagai missing dan dikeluarkan.',
        'Villages without a value are not imputed: counted as missing and left out.',
      ),
    ],
    api: [
      'index.timeseries.points',
      'index.byRegion.mean',
      'divide.summary.mean',
      'divide.distribution.mean',
    ],
    citation:
      'Hyndman, R. J. & Fan, Y. (1996), Sample quantiles in statistical packages, The American Statistician 50(4).',
  },
  {
    id: 'year-coverage',
    title: both('Tahun lengkap dan parsial', 'Complete and partial years'),
    counts: both(
      'Tahun lengkap bila setidaknya 90 % desa wilayah itu punya nilai (PANDU_COMPLETE_COVERAGE). Tahun parsial ditampilkan bertanda tetapi tidak dipakai dalam tren, kecocokan garis, atau proyeksi; tahun bawaan adalah tahun lengkap terakhir.',
      "A year is complete when at least 90 % of the region's villages have a value (PANDU_COMPLETE_COVERAGE). Partial years are shown, marked, but left out of trends, fits and projections; the default year is the latest complete one.",
    ),
    formula:
      'coverage(year) = villages with a value / villages in the region;  complete <=> coverage >= 0.9',
    unit: both('Proporsi (0-1)', 'Share (0-1)'),
    edgeCases: [
      both(
        'Tahun tanpa data terbit (2024-2025 pada data bawaan) ditandai ekstrapolasi.',
        'Years without a published figure (2024-2025 in the default data) are marked extrapolated.',
      ),
    ],
    api: ['health.years', 'index.timeseries.points.coverage', 'divide.convergence.fit'],
    citation: 'Pandu (this project): the rule is a convention, stated so a reader can change it.',
  },
  {
    id: 'gini',
    title: both('Koefisien Gini', 'Gini coefficient'),
    counts: both(
      'Ketimpangan nilai antardesa: 0 bila semua sama, mendekati 1 bila satu desa memegang semuanya. Dengan bobot (mis. penduduk) menjadi Gini tertimbang.',
      'Inequality of the village values: 0 when all are equal, towards 1 when one village holds everything. With weights (e.g. people) it is the weighted Gini.',
    ),
    formula:
      'G = sum_i sum_j |y_i - y_j| / (2 n^2 m) = sum_i (2i - n - 1) y_(i) / (n sum_i y_i)  (values sorted ascending, i from 1: the sorted-rank form);  weighted: G_w = sum_i sum_j w_i w_j |y_i - y_j| / (2 W^2 m_w)',
    unit: both('Tanpa satuan, [0, 1 - 1/n]', 'Unitless, [0, 1 - 1/n]'),
    edgeCases: [
      both('Satu desa: 0.', 'One village: 0.'),
      both(
        'Semua nilai 0: 0 (kesetaraan sempurna, bukan 0/0).',
        'All values 0: 0 (perfect equality, not 0/0).',
      ),
      both(
        'Nilai negatif ditolak: Gini besaran yang bisa negatif bukan ukuran ketimpangan.',
        'Negative values are refused: the Gini of a quantity that can be negative is not an inequality measure.',
      ),
      both(
        'Pada Gini 0,03-0,04 kurva Lorenz nyaris berimpit dengan garis kesetaraan; lihat juga CV dan selisih kuintil.',
        'At a Gini of 0.03-0.04 the Lorenz curve all but lies on the equality line; read the CV and the quintile gap beside it.',
      ),
    ],
    api: ['divide.summary.gini', 'divide.lorenz.gini', 'divide.convergence.sigma'],
    citation:
      'Gini, C. (1912), Variabilità e mutabilità; Cowell, F. (2011), Measuring Inequality, 3rd ed., Oxford UP.',
  },
  {
    id: 'lorenz',
    title: both('Kurva Lorenz', 'Lorenz curve'),
    counts: both(
      'Bagian total yang dipegang oleh bagian desa terbawah: titik (p, L(p)) untuk desa diurutkan naik.',
      'The share of the total held by the lowest share of villages: points (p, L(p)) with the villages sorted ascending.',
    ),
    formula:
      'L(k/n) = sum_{i<=k} y_(i) / sum_i y_i, k = 0..n;  at most 101 points, at p = 0, 0.01, ..., 1 (interpolated linearly between villages)',
    unit: both('Proporsi (0-1) pada kedua sumbu', 'Shares (0-1) on both axes'),
    edgeCases: [both('Semua nilai 0: garis kesetaraan.', 'All values 0: the equality line.')],
    api: ['divide.lorenz.points'],
    citation: 'Lorenz, M. O. (1905), Methods of measuring the concentration of wealth, JASA 9(70).',
  },
  {
    id: 'theil',
    title: both('Indeks Theil T dan dekomposisinya', 'Theil T index and its decomposition'),
    counts: both(
      'Ketimpangan yang terbagi tepat menjadi bagian antar-wilayah anak (between) dan di dalam wilayah anak (within).',
      'Inequality that splits exactly into a part between the child regions and a part within them.',
    ),
    formula:
      'T = (1/n) sum_i (y_i/m) ln(y_i/m);  T = T_between + T_within with T_between = sum_g (n_g/N)(m_g/m) ln(m_g/m) and T_within = sum_g (n_g m_g / (N m)) T_g',
    unit: both('Tanpa satuan, [0, ln n]', 'Unitless, [0, ln n]'),
    edgeCases: [
      both('0 ln 0 = 0 (limitnya).', '0 ln 0 = 0 (the limit).'),
      both(
        'Satu wilayah anak: seluruh Theil adalah within; bagian yang negatif sebesar galat pembulatan (> -1e-12) dibulatkan ke 0.',
        'One child region: all of it is within; a part negative by rounding (> -1e-12) is set to 0.',
      ),
      both(
        'Di tingkat kecamatan anaknya adalah desa: between = total, within = 0.',
        'At district level the children are villages: between = total, within = 0.',
      ),
    ],
    api: ['divide.summary.theil'],
    citation:
      'Theil, H. (1967), Economics and Information Theory; Shorrocks, A. F. (1980), The class of additively decomposable inequality measures, Econometrica 48(3).',
  },
  {
    id: 'coefficient-of-variation',
    title: both('Koefisien variasi (CV)', 'Coefficient of variation (CV)'),
    counts: both(
      'Sebaran relatif terhadap rata-rata, memakai simpangan baku populasi (semua desa wilayah, bukan sampel).',
      'Dispersion relative to the mean, with the population standard deviation (every village of the region, not a sample).',
    ),
    formula:
      'CV = sigma / m, sigma = sqrt((1/n) sum_i (y_i - m)^2)  (DuckDB stddev_pop / avg);  Williamson: V_w = sqrt(sum_i (p_i/P)(y_i - m_w)^2) / m_w',
    unit: both('Tanpa satuan', 'Unitless'),
    edgeCases: [both('Satu desa atau rata-rata 0: 0.', 'One village, or a mean of 0: 0.')],
    api: ['divide.summary.coefficientOfVariation', 'divide.convergence.sigma'],
    citation:
      'Williamson, J. G. (1965), Regional inequality and the process of national development, EDCC 13(4).',
  },
  {
    id: 'palma',
    title: both('Rasio Palma', 'Palma ratio'),
    counts: both(
      'Total 10 % desa teratas dibagi total 40 % desa terbawah.',
      'The total of the top 10 % of villages divided by the total of the bottom 40 %.',
    ),
    formula:
      'Palma = sum(top n/10) / sum(bottom 4n/10), groups of exactly n/10 and 4n/10 observations by sorted rank, the observation straddling a cut counted in part (weight of rank i in the top k: clamp(i - (n - k), 0, 1); in the bottom k: clamp(k - (i - 1), 0, 1))',
    unit: both('Rasio', 'Ratio'),
    edgeCases: [
      both(
        'Aturan observasi terbelah berbeda dari desil berkelompok (desil bulat per observasi utuh): untuk n kecil hasilnya bergerak mulus, bukan meloncat.',
        'The split-observation rule differs from grouped deciles (whole observations per decile): for small n it moves smoothly instead of in jumps.',
      ),
      both('Nilai sama semua: 0,25.', 'All values equal: 0.25.'),
      both(
        'Null bila 40 % terbawah bernilai 0 tetapi total positif (rasio tak hingga).',
        'Null when the bottom 40 % hold nothing but the total is positive (an infinite ratio).',
      ),
    ],
    api: ['divide.summary.palmaRatio'],
    citation:
      'Palma, J. G. (2011), Homogeneous middles vs. heterogeneous tails, Development and Change 42(1); Cobham, A. & Sumner, A. (2013).',
  },
  {
    id: 'quintile-gap',
    title: both('Selisih kuintil', 'Quintile gap'),
    counts: both(
      'Rata-rata seperlima desa teratas dibanding seperlima terbawah: selisih dan rasio.',
      'The mean of the top fifth of villages against the bottom fifth: difference and ratio.',
    ),
    formula:
      'top = sum(top n/5) / (n/5), bottom = sum(bottom n/5) / (n/5) (split-observation rule of the Palma ratio);  difference = top - bottom, ratio = top / bottom',
    unit: both('Satuan ukuran (selisih), rasio', "The measure's unit (difference), ratio"),
    edgeCases: [
      both(
        'n < 5: nilai tertinggi dan terendah saja.',
        'n < 5: the highest and the lowest value alone.',
      ),
      both('Rasio null bila bawah <= 0.', 'Ratio null when the bottom is <= 0.'),
    ],
    api: ['divide.summary.quintileGap'],
    citation: 'Cowell, F. (2011), Measuring Inequality, 3rd ed., Oxford UP.',
  },
  {
    id: 'max-min-gap',
    title: both('Selisih tertinggi-terendah', 'Max-min gap'),
    counts: both(
      'Desa tertinggi dibanding terendah; dan rata-rata wilayah anak tertinggi dibanding terendah, seperti BPS melaporkan IP-TIK antarprovinsi.',
      'The highest village against the lowest; and the highest child-region mean against the lowest, as BPS reports IP-TIK between provinces.',
    ),
    formula: 'difference = max - min, ratio = max / min',
    unit: both('Satuan ukuran, rasio', "The measure's unit, ratio"),
    edgeCases: [
      both(
        'Peka terhadap satu pencilan: baca bersama Gini.',
        'Sensitive to one outlier by construction: read it with the Gini.',
      ),
      both('Kecamatan: tanpa selisih antarwilayah anak.', 'A district: no child-region gap.'),
    ],
    api: ['divide.summary.maxMinGap', 'divide.summary.childMaxMinGap'],
    citation: 'BPS (2024), Indeks Pembangunan Teknologi Informasi dan Komunikasi 2024.',
  },
  {
    id: 'urban-rural-gap',
    title: both('Selisih kota-desa', 'Urban-rural gap'),
    counts: both(
      'Rata-rata kelurahan (perkotaan) dikurangi rata-rata desa dan desa adat (perdesaan).',
      'The mean of kelurahan (urban) minus the mean of desa and desa adat (rural).',
    ),
    formula: 'gap = mean(kelurahan) - mean(desa, desa adat)',
    unit: both('Satuan ukuran', "The measure's unit"),
    edgeCases: [
      both(
        'Null bila salah satu jenis tidak ada di wilayah itu.',
        'Null when the region has no village of one kind.',
      ),
    ],
    api: ['divide.summary.urbanRuralGap'],
    citation: 'Kepmendagri 2025 (kinds of village by code digit 1, 2, 3).',
  },
  {
    id: 'share-below',
    title: both('Bagian di bawah ambang', 'Share below the threshold'),
    counts: both(
      'Bagian desa yang nilainya tegas di bawah ambang "tertinggal" (bawaan 3 pada skala 1-5, 50 pada 0-100).',
      'The share of villages strictly below the "lagging" threshold (default 3 on 1-5 scales, 50 on 0-100).',
    ),
    formula: 'share = #{i : y_i < t} / n  (a value equal to t is not below it)',
    unit: both('Proporsi (0-1)', 'Share (0-1)'),
    edgeCases: [
      both(
        'Ambang dibulatkan ke langkah skala (0,01 atau 0,1).',
        "The threshold is rounded to the scale's step (0.01 or 0.1).",
      ),
    ],
    api: ['divide.summary.shareBelow', 'divide.convergence.shareBelow'],
    citation: 'Kominfo (2025), IMDI categories (e.g. "sufficient" from 39.70).',
  },
  {
    id: 'histogram',
    title: both('Histogram', 'Histogram'),
    counts: both(
      'Banyak desa per selang nilai, dengan lebar selang sama dan tepi bulat.',
      'Villages per value interval, with equal widths and round edges.',
    ),
    formula:
      'about k bins (default 20) of width 1, 2 or 5 x 10^j, from a round number at or below the minimum to one at or above the maximum; a bin holds x0 <= y < x1 (the last also x1)',
    unit: both('Jumlah desa', 'Villages'),
    edgeCases: [
      both(
        'Semua nilai sama: satu selang di sekitarnya.',
        'All values equal: one bin around them.',
      ),
      both(
        'Beberapa selang yang dipilih dihitung per wilayah anak dengan tepi yang sama (x0 <= y < x1; selang terakhir juga x1), jadi jumlahnya sama dengan batang histogram.',
        'Selected bins are counted per child region with the same edges (x0 <= y < x1; the last bin also x1), so the counts add up to the histogram bars.',
      ),
    ],
    api: [
      'divide.distribution.bins',
      'divide.distribution.min',
      'divide.distribution.max',
      // A selection of bins: each child's villages in the bins' range (the cross-filter).
      'divide.childrenInRange',
    ],
    citation: 'Heckbert, P. (1990), Nice numbers for graph labels, Graphics Gems.',
  },
  {
    id: 'sigma-convergence',
    title: both('Konvergensi sigma', 'Sigma convergence'),
    counts: both(
      'Apakah sebaran antardesa menyempit dari tahun ke tahun: CV dan Gini tiap tahun lengkap, dan kemiringan OLS keduanya terhadap tahun.',
      'Is the dispersion across villages falling year by year: the CV and the Gini of each complete year, and the OLS slope of each on the year.',
    ),
    formula:
      'slope = sum_t (t - t_bar)(x_t - x_bar) / sum_t (t - t_bar)^2 for x = CV and x = Gini;  converging <=> both slopes < 0 with p < 0.05 and >= 30 villages (see convergence-inference)',
    unit: both('Per tahun', 'Per year'),
    edgeCases: [
      both(
        'Arah saja tidak cukup: putusan "menyempit" membutuhkan kedua kemiringan signifikan pada 5 % dan cukup desa (lihat inferensi konvergensi); selain itu "tidak ada tren jelas" atau "terlalu sedikit desa", dengan angkanya.',
        'A direction alone is not enough: the verdict "converging" needs both slopes significant at 5 % and enough villages (see convergence inference); otherwise "no clear trend" or "too few villages", with the figures.',
      ),
      both('Tahun parsial tidak dipakai.', 'Partial years are left out.'),
    ],
    api: ['divide.convergence.sigma'],
    citation:
      'Barro, R. J. & Sala-i-Martin, X. (1992), Convergence, Journal of Political Economy 100(2).',
  },
  {
    id: 'beta-convergence',
    title: both('Konvergensi beta', 'Beta convergence'),
    counts: both(
      'Apakah desa yang mulai lebih rendah tumbuh lebih cepat: regresi OLS pertumbuhan log tahunan atas log nilai awal, antara tahun lengkap pertama dan terakhir, atas desa yang bernilai di keduanya.',
      'Do the villages that started lower grow faster: OLS of the annual log growth on the log of the initial value, between the first and the last complete year, over the villages with a value in both.',
    ),
    formula:
      'g_i = ln(y_iT / y_i0) / T = a + b ln(y_i0) + e_i;  speed beta = -ln(1 + bT) / T;  half-life of relative gaps = ln 2 / beta',
    unit: both(
      'Kemiringan tanpa satuan; kecepatan per tahun; paruh waktu dalam tahun',
      'Slope unitless; speed per year; half-life in years',
    ),
    edgeCases: [
      both(
        'Kecepatan null bila 1 + bT <= 0; paruh waktu null bila kecepatan <= 0 (divergen).',
        'Speed null when 1 + bT <= 0; half-life null unless the speed is > 0 (diverging).',
      ),
      both('Nilai harus positif (pertumbuhan log).', 'Values must be positive (log growth).'),
      both(
        'Versi wilayah anak: tiap wilayah anak satu titik (rata-ratanya).',
        "The children's version: each child region one point (its mean).",
      ),
    ],
    api: ['divide.convergence.beta', 'divide.childConvergence'],
    citation:
      'Barro, R. J. & Sala-i-Martin, X. (2004), Economic Growth, 2nd ed., MIT Press, ch. 11.',
  },
  {
    id: 'year-reaching',
    title: both('Tahun mencapai nol (usang)', 'Year reaching zero (deprecated)'),
    counts: both(
      'Tahun (pecahan) ketika garis tren OLS bagian desa di bawah ambang mencapai 0. Usang: dasbor dan proyeksi memakai tren logit (lihat proyeksi bagian di bawah ambang); field ini tetap untuk klien lama.',
      'The (fractional) year at which the OLS trend line of the share below the threshold reaches 0. Deprecated: the dashboard and the projection use the logit trend (see the share-below projection); the field stays for older clients.',
    ),
    formula: 'share_t = a + b t  =>  year = -a / b',
    unit: both('Tahun', 'Year'),
    edgeCases: [
      both(
        'Null bila tren datar atau menjauh dari 0.',
        'Null when the trend is flat or moving away from 0.',
      ),
      both(
        'Null bila garis lurus mencapai 0 pada atau sebelum tahun terakhir sementara masih ada desa di bawah ambang (garis lurus tidak mengenal batas 0).',
        'Null when the straight line reaches 0 at or before the last year while villages are still below (a straight line knows no floor at 0).',
      ),
    ],
    api: ['divide.convergence.yearShareBelowReachesZero', 'divide.convergence.shareBelowTrend'],
    citation: 'Pandu (this project): a straight-line projection, stated as such.',
  },
  {
    id: 'difference-in-differences',
    title: both(
      'Selisih-dalam-selisih (dampak pendampingan)',
      'Difference in differences (mentoring impact)',
    ),
    counts: both(
      'Perubahan ukuran desa yang pertama kali didampingi pada tahun g (kohort), dari g - 1 (tahun dasar, sebelum acara) ke g + 1, dikurangi rata-rata perubahan desa sekabupaten yang belum didampingi hingga g + 1; sel kabupaten-kohort dengan >= 1 desa didampingi dan >= 2 pembanding, digabung berbobot jumlah desa didampingi. Angka utama = studi peristiwa pada k = 1.',
      'The change of a measure in the villages first mentored in year g (a cohort), from g - 1 (the base year, before the event) to g + 1, minus the mean change over the same years of the villages of the same regency not mentored by g + 1; regency-cohort cells with >= 1 treated and >= 2 control villages, pooled weighted by their treated counts. The headline figure is the event study at k = 1.',
    ),
    formula:
      'ATT = sum_c (n_T,c / N_T) [mean_T,c(y_{g+1} - y_{g-1}) - mean_C,c(y_{g+1} - y_{g-1})];  SE from the influence function clustered by village, each group scaled by n/(n - 1);  95 % CI: ATT +- t_{0.975, df} SE with Satterthwaite df',
    unit: both(
      'Satuan ukuran (perubahan satu kali setelah pendampingan pertama)',
      "The measure's unit (a one-time change after the first mentoring)",
    ),
    edgeCases: [
      both(
        'Desa yang pertama kali didampingi di sektor lain pada tahun itu dikeluarkan, bukan dipakai sebagai pembanding.',
        'A village first mentored in another sector that year is left out, not used as a control.',
      ),
      both(
        'Satu desa didampingi meminjam varians pembanding kabupatennya.',
        "A lone treated village borrows its regency's control variance.",
      ),
      both(
        'Galat baku 1-8 % lebih konservatif daripada did (R) karena skala n/(n - 1) per kelompok.',
        'Standard errors 1-8 % more conservative than R did because of the per-group n/(n - 1) scaling.',
      ),
    ],
    api: ['mentoring.impact', 'mentoring.impact.pValue', 'mentoring.impact.cohorts'],
    citation:
      "Callaway, B. & Sant'Anna, P. H. C. (2021), Difference-in-differences with multiple time periods, Journal of Econometrics 225(2); Satterthwaite, F. E. (1946), Biometrics Bulletin 2(6); Cameron, A. C. & Miller, D. L. (2015), A practitioner's guide to cluster-robust inference, JHR 50(2).",
  },
  {
    id: 'priorities',
    title: both('Daftar prioritas pendampingan', 'Mentoring priority list'),
    counts: both(
      'Desa yang sinyalnya sudah ada (indeks akses >= 50), belum pernah didampingi di sektor itu, diurutkan dari indeks kecakapan terendah.',
      'Villages where the signal is there (access index >= 50), never mentored in the sector, ordered from the lowest skills index.',
    ),
    formula:
      'eligible = access_index >= minAccess and not mentored in sector;  rank by skills_index ascending',
    unit: both('Peringkat', 'Rank'),
    edgeCases: [
      both(
        'Aturan, bukan optimasi; rencana penugasan relawan memakai model tersendiri.',
        'A rule, not an optimisation; the volunteer plan uses its own model.',
      ),
    ],
    api: ['mentoring.priorities'],
    citation: 'Pandu (this project).',
  },
  {
    id: 'deployment-plan',
    title: both('Rencana penugasan relawan', 'Volunteer deployment plan'),
    counts: both(
      'Penugasan kapasitas relawan (acara per periode menurut tingkat) ke desa atau kecamatan yang memaksimalkan perkiraan kenaikan: efek pendampingan di sektor itu (dari selisih-dalam-selisih) kali jarak desa di bawah targetnya (persentil ke-75 desa sejenis di provinsinya), dengan batas kapasitas, wilayah tempuh (kabupaten asal; atau kecamatan, provinsi), satu acara per desa per sektor, kelayakan (akses >= 50, belum didampingi di sektor itu dalam 3 tahun) dan aturan pemerataan opsional.',
      'An assignment of volunteer capacity (events per period by tier) to villages or districts that maximises the expected gain: the effect of mentoring in that sector (from the difference in differences) times how far the village is below its target (the 75th percentile of villages of its kind in its province), subject to capacity, travel area (home regency; or district, province), one event per village and sector, eligibility (access >= 50, not mentored in the sector in 3 years) and an optional equity rule.',
    ),
    formula:
      'maximise sum_{v,s} x_{v,s} effect(s, kind v) max(0, target_v - skills_v)  subject to  sum_{v in reach(pool)} x_{v,s} <= capacity(pool) for every (sector, travel area) pool;  sum_s x_{v,s} <= maxEventsPerVillage;  x_{v,s} in {0, 1};  optional sum_{v in group} x >= share x sum x.  Solved by HiGHS (LP per travel area when totally unimodular, MIP with the equity row)',
    unit: both(
      'Kenaikan indeks kecakapan (jumlah atas desa), dengan selang 95 %',
      'Skills-index gain (summed over villages), with a 95 % interval',
    ),
    edgeCases: [
      both(
        'Permintaan yang tak terpenuhi (aturan pemerataan tanpa desa layak) adalah galat yang menjelaskan sebabnya, bukan rencana kosong.',
        'A request that cannot be met (an equity rule with no eligible village) is an error saying why, never an empty plan.',
      ),
      both(
        'Efek belum dibedakan menurut jenis desa: tiap jenis mendapat perkiraan sektornya.',
        "Effects are not yet split by kind of village: every kind gets its sector's estimate.",
      ),
      both(
        'Objektif hati-hati memakai batas bawah selang 95 % efek (tidak di bawah 0).',
        "The cautious objective uses the lower end of the effect's 95 % interval (never below 0).",
      ),
    ],
    api: ['mentoring.plan'],
    citation:
      'Huangfu, Q. & Hall, J. A. J. (2018), Parallelizing the dual revised simplex method, Mathematical Programming Computation 10 (HiGHS); README "Deployment plan: the model".',
  },
  {
    id: 'synthetic-calibration',
    title: both('Kalibrasi data sintetis', 'Calibration of the synthetic data'),
    counts: both(
      'Nilai indikator per desa tidak diterbitkan. Data bawaan membangkitkannya secara deterministik (benih 20211102): rata-rata nasional tiap pilar mengikuti Indeks Literasi Digital terbitan 2020-2023, rata-rata provinsi mengikuti peringkat IP-TIK 2024; 2024-2025 memperpanjang tren +0,05 per tahun (ekstrapolasi). Kode dan nama wilayah nyata (idn-area-data), penduduk dan luas kabupaten nyata (Kepmendagri 2025); efek pendampingan ditanam dan tercatat di planted_effects.',
      "Indicator values are not published per village. The default dataset generates them deterministically (seed 20211102): each pillar's national mean follows the published Digital Literacy Index 2020-2023, province means follow the IP-TIK 2024 ranking; 2024-2025 extend the trend by +0.05 a year (extrapolated). Region codes and names are real (idn-area-data), so are regency population and area (Kepmendagri 2025); the mentoring effect is planted and recorded in planted_effects.",
    ),
    formula:
      'value = round(clamp(mu(indicator, year) + spread(indicator) x (loading x z_village + indicator noise + year noise) + planted effect after the first mentoring year, scale), 2);  z_village = standardised (province IP-TIK 2024 z-score + regency + district + village noise + kind offset);  a small share left missing at random;  national means tested against the published ILD within +-0.02',
    unit: both('Skala indikator', "The indicator's scale"),
    edgeCases: [
      both(
        'Semua angka di bawah provinsi sintetis dan diberi label demikian.',
        'Everything below the province is synthetic and labelled so.',
      ),
    ],
    api: ['dataset_meta.synthetic', 'published.list'],
    citation:
      'Kominfo & Katadata (2020-2023), Status Literasi Digital di Indonesia; BPS (2024), IP-TIK 2024.',
  },
  // CONV: convergence that says how sure it is (issue 12).
  {
    id: 'convergence-inference',
    title: both(
      'Seberapa yakin: galat baku, nilai p dan putusan konvergensi',
      'How sure: standard errors, p-values and the convergence verdict',
    ),
    counts: both(
      'Untuk tiap kemiringan (tren CV dan Gini per tahun, kemiringan beta atas desa, kemiringan beta wilayah anak): galat baku klasik OLS, statistik t, derajat bebas n - 2, nilai p dua sisi (t Student) dan selang kepercayaan 95 %. Putusan: "konvergen" hanya bila kedua tren sigma (atau kemiringan beta) turun dengan p < 0,05 dan cakupan punya sedikitnya 30 desa; "divergen" bila naik dengan p < 0,05; "tidak ada tren jelas" selain itu; "terlalu sedikit desa" di bawah 30.',
      'For each slope (the CV and Gini trends per year, the beta slope over villages, the children\'s beta slope): the classical OLS standard error, the t statistic, n - 2 degrees of freedom, the two-sided p-value (Student\'s t) and the 95 % interval. The verdict: "converging" only when both sigma trends (or the beta slope) fall with p < 0.05 and the scope has at least 30 villages; "diverging" when they rise with p < 0.05; "no clear trend" otherwise; "too few villages" below 30.',
    ),
    formula:
      'SE(b) = sqrt(SSE / (n - 2) / S_xx),  SSE = S_yy - S_xy^2 / S_xx;  t = b / SE(b);  p = P(|T_{n-2}| >= |t|);  95 % CI = b +- t_{0.975, n-2} SE(b);  sigma: n = the fitted years, villages = the fewest villages with a value in a fitted year;  beta: n = villages in the regression;  verdict = too-few-villages if villages < 30, converging if every slope < 0 and p < 0.05, diverging if every slope > 0 and p < 0.05, else no-clear-trend',
    unit: both(
      'Galat baku dan selang dalam satuan kemiringan; p tanpa satuan (0-1)',
      "Standard error and interval in the slope's unit; p unitless (0-1)",
    ),
    edgeCases: [
      both(
        'Batas 30 desa (CONVERGENCE_MIN_VILLAGES): di bawahnya CV dan Gini tiap tahun bertumpu pada segelintir nilai, satu desa menggesernya, dan pendekatan normal uji t belum layak (aturan praktis n >= 30). Kebanyakan kecamatan (median sekitar 10 desa) di bawahnya, semua kabupaten (sekitar 160) di atasnya.',
        "The 30-village minimum (CONVERGENCE_MIN_VILLAGES): below it each year's CV and Gini rest on a handful of values, one village moves them, and the normal approximation behind the t-test is not yet fair (the n >= 30 rule of thumb). Most districts (a median of about 10 villages) fall below it, every regency (about 160) above.",
      ),
      both(
        'Dua tahun saja: tidak ada derajat bebas, galat baku dan p null, putusan "tidak ada tren jelas".',
        'Two years only: no degrees of freedom, the standard error and p are null, the verdict is "no clear trend".',
      ),
      both(
        'Galat homoskedastis dan saling bebas diasumsikan; tren tahunan atas 4-6 tahun punya daya uji kecil, itulah sebabnya p ditampilkan. Kemiringan beta atas ribuan desa: p sering 0 (di bawah presisi ganda).',
        'Homoscedastic, independent errors are assumed; a yearly trend over 4-6 years has little power, which is why p is shown. The beta slope over thousands of villages: p is often 0 (below double precision).',
      ),
      both(
        'Angka tersimpan menyimpan S_xx, S_yy dan S_xy (regr_sxx, regr_syy, regr_sxy DuckDB) sehingga galat bakunya sama dengan kueri langsung.',
        "The stored figures keep S_xx, S_yy and S_xy (DuckDB's regr_sxx, regr_syy, regr_sxy) so their standard error equals the on-demand query's.",
      ),
    ],
    api: [
      'divide.convergence.sigma.cv',
      'divide.convergence.sigma.gini',
      'divide.convergence.sigma.verdict',
      'divide.convergence.sigma.villages',
      'divide.convergence.minVillages',
      'divide.convergence.beta.slopeSe',
      'divide.convergence.beta.pValue',
      'divide.convergence.beta.verdict',
      'divide.childConvergence.fit.slopeSe',
    ],
    citation:
      'Wooldridge, J. M. (2019), Introductory Econometrics, 7th ed., ch. 2 and 4; the n >= 30 rule of thumb as taught in introductory statistics (e.g. Hogg, R. V. & Tanis, E. A., Probability and Statistical Inference).',
  },
  {
    id: 'absolute-beta-convergence',
    title: both('Konvergensi beta absolut', 'Absolute beta convergence'),
    counts: both(
      'Apakah desa yang mulai lebih rendah menambah lebih banyak poin, bukan hanya persen: regresi OLS perubahan nilai tahunan atas nilai awal, atas desa yang sama dengan regresi relatif (nilai positif di kedua tahun). Paruh waktu celah absolut (dalam poin ukuran) di samping paruh waktu celah relatif.',
      'Do the villages that started lower gain more points, not only a larger percentage: OLS of the annual change in level on the initial level, over the same villages as the relative fit (positive in both years). The half-life of absolute gaps (in points of the measure) beside the half-life of relative gaps.',
    ),
    formula:
      'd_i = (y_iT - y_i0) / T = a + b y_i0 + e_i;  speed = -ln(1 + bT) / T;  half-life of absolute gaps = ln 2 / speed  (from y_iT - y* = e^{-speed T} (y_i0 - y*))',
    unit: both(
      'Kemiringan per tahun; kecepatan per tahun; paruh waktu dalam tahun',
      'Slope per year; speed per year; half-life in years',
    ),
    edgeCases: [
      both(
        'Bila semua desa tumbuh, celah relatif menutup lebih cepat dari celah absolut: desa di 2 menjadi 3 dan desa di 4 menjadi 5 memperkecil rasio (2 ke 1,67) tetapi celahnya tetap 2 poin.',
        'When every village grows, relative gaps close faster than absolute ones: a village at 2 reaching 3 and one at 4 reaching 5 shrink the ratio (2 to 1.67) but keep the 2-point gap.',
      ),
      both(
        'Kecepatan null bila 1 + bT <= 0; paruh waktu null bila kecepatan <= 0.',
        'Speed null when 1 + bT <= 0; half-life null unless the speed is > 0.',
      ),
    ],
    api: ['divide.convergence.beta.absolute'],
    citation:
      'Barro, R. J. & Sala-i-Martin, X. (2004), Economic Growth, 2nd ed., MIT Press, ch. 11; Young, A. T., Higgins, M. J. & Levy, D. (2008), Sigma convergence versus beta convergence, Journal of Money, Credit and Banking 40(5).',
  },
  {
    id: 'share-below-projection',
    title: both(
      'Proyeksi bagian di bawah ambang (logit)',
      'Projection of the share below the threshold (logit)',
    ),
    counts: both(
      'Kapan bagian desa di bawah ambang turun di bawah 1 %: logit empiris bagian tiap tahun lengkap diregresikan OLS atas tahun, lalu diproyeksikan dari tahun terakhir dengan kemiringan itu. Logit tidak pernah melewati nol, jadi proyeksinya menuju 1 %, bukan 0. "Sudah di bawah" bila bagian tahun terakhir kurang dari 1 %; "tidak menurun" bila kemiringannya >= 0.',
      'When the share of villages below the threshold falls below 1 %: the empirical logit of each complete year\'s share regressed by OLS on the year, then projected from the last year at that slope. A logit never crosses zero, so the projection aims at 1 %, not 0. "Already below" when the last year\'s share is under 1 %; "not falling" when the slope is >= 0.',
    ),
    formula:
      'z_t = ln((k_t + 1/2) / (n_t - k_t + 1/2)) = a + b t + e_t;  year = T + (logit(0.01) - z_T) / b  for b < 0 and k_T / n_T >= 0.01',
    unit: both('Tahun (pecahan)', 'Year (fractional)'),
    edgeCases: [
      both(
        'Koreksi kontinuitas 1/2 (logit empiris, Cox 1970) menjaga tahun tanpa desa di bawah ambang tetap hingga.',
        'The continuity correction of 1/2 (the empirical logit, Cox 1970) keeps a year with no village below finite.',
      ),
      both(
        'Proyeksi berangkat dari tahun terakhir yang teramati, jadi tidak pernah memberi tahun sebelum tahun itu selama bagiannya masih >= 1 %.',
        'The projection starts from the last observed year, so it never gives a year before it while the share there is still >= 1 %.',
      ),
      both(
        'Tingkat 1 %: bagian terkecil yang dapat dibedakan dari nol di sebuah kabupaten (sekitar 160 desa). Ekstrapolasi; baca bersama nilai p kemiringannya.',
        "The 1 % level: the smallest share a regency (about 160 villages) can tell from none. An extrapolation; read it with its slope's p-value.",
      ),
      both(
        'yearShareBelowReachesZero (garis lurus, usang) kini null bila garisnya mencapai 0 pada atau sebelum tahun terakhir sementara masih ada desa di bawah ambang.',
        'yearShareBelowReachesZero (the straight line, deprecated) is now null when the line reaches 0 at or before the last year while villages are still below.',
      ),
    ],
    api: ['divide.convergence.shareBelowProjection'],
    citation:
      'Cox, D. R. (1970), The Analysis of Binary Data, Methuen (the empirical logistic transform); Pandu (this project): the 1 % level.',
  },
  // PEOPLE: weighting by people, people below the threshold, population density (issue 12).
  {
    id: 'people-weighting',
    title: both('Bobot penduduk', 'Weighting by people'),
    counts: both(
      'Setiap angka provinsi dan nasional tersedia dua cara: per desa (setiap desa berbobot 1, bawaan) atau per penduduk (weight: people, ?bobot=penduduk). Penduduk per desa tidak diterbitkan, jadi ini pendekatan: setiap desa mendapat penduduk kabupatennya dibagi jumlah desa kabupaten itu yang punya nilai. Rata-rata provinsi berbobot penduduk karena itu sama persis dengan rata-rata kabupaten yang dibobot penduduknya. Gini berbobot, indeks Williamson (CV berbobot), Theil berbobot beserta pembagiannya, Palma dan selisih kuintil pada pangsa penduduk, pangsa penduduk di bawah ambang, kurva Lorenz atas pangsa penduduk, dan kuantil berbobot. Di dalam satu kabupaten (kabupaten, kecamatan, desa) semua desa berbobot sama, jadi angkanya sama dengan per desa: jawaban menyatakannya (weightEffective: false). Dihitung saat diminta, tidak disimpan: cukup cepat untuk provinsi dan nasional.',
      "Every province and national figure is offered two ways: per village (each village weight 1, the default) or per person (weight: people, ?bobot=penduduk). Population per village is not published, so this is an approximation: each village is given its regency's population divided by the number of the regency's villages with a value. The people-weighted mean of a province is therefore exactly the population-weighted mean of its regencies' means. Weighted Gini, the Williamson index (weighted CV), weighted Theil with its split, Palma and the quintile gap on shares of people, the share of people below the threshold, the Lorenz curve over shares of people, and weighted quantiles. Within one regency (a regency, district or village) every village carries the same weight, so the figures are the per-village ones: the answer says so (weightEffective: false). Computed on demand, not stored: fast enough for a province or the nation.",
    ),
    formula:
      'w_i = P_r(i) / n_r(i)  (P_r regency population, n_r its villages with a value);  m_w = sum w y / W = sum_r P_r m_r / sum_r P_r;  G_w = sum_i w_i y_i (W_before(i) - W_after(i)) / (W sum w y);  V_w = sqrt(sum (w/W)(y - m_w)^2) / m_w;  T_w = sum (w/W)(y/m_w) ln(y/m_w) = sum_g (W_g/W)(m_g/m) ln(m_g/m) + sum_g (W_g m_g/(W m)) T_g;  Palma, quintile gap: village i covers [W_before, W_before + w_i] of the people, its part inside the top 10 % / bottom 40 % (20 %) counts;  q_p = smallest y_(i) with W_before(i) + w_i >= p W (no interpolation)',
    unit: both(
      'Seperti angka per desa (skala ukuran, indeks tanpa satuan, pangsa penduduk)',
      'As the per-village figure (measure scale, unitless index, share of people)',
    ),
    edgeCases: [
      both(
        'Pendekatan: desa-desa satu kabupaten dianggap sama besar penduduknya. Ketimpangan antar-desa di dalam kabupaten padat dan jarang tidak bisa dibedakan.',
        'An approximation: the villages of one regency are taken as equally populous. Inequality between a crowded and a sparse village of one regency cannot be told apart.',
      ),
      both(
        'Desa di kabupaten tanpa data penduduk tidak berbobot dan dihitung hilang (semua 514 kabupaten punya data).',
        'A village of a regency without population data carries no weight and is counted missing (all 514 regencies have data).',
      ),
      both(
        'Kuantil berbobot tidak diinterpolasi (tipe 1 Hyndman & Fan), sedangkan kuantil per desa diinterpolasi (tipe 7); n dan cakupan tetap menghitung desa.',
        'Weighted quantiles are not interpolated (Hyndman & Fan type 1), the per-village ones are (type 7); n and coverage still count villages.',
      ),
    ],
    api: [
      'divide.summary.weight',
      'divide.summary.weightEffective',
      'divide.lorenz.weight',
      'divide.lorenz.weightEffective',
      'index.byRegion.weight',
      'index.byRegion.weightEffective',
      'index.timeseries.weight',
      'index.timeseries.weightEffective',
    ],
    citation:
      'Williamson, J. G. (1965), Regional inequality and the process of national development, EDCC 13(4); Cowell, F. (2011), Measuring Inequality, 3rd ed., Oxford UP; Hyndman, R. J. & Fan, Y. (1996), Sample quantiles in statistical packages, Am. Stat. 50(4); population: Kepmendagri No. 300.2.2-2138 Tahun 2025.',
  },
  {
    id: 'people-below',
    title: both('Penduduk di kabupaten di bawah ambang', 'People in regencies below the threshold'),
    counts: both(
      'Untuk provinsi dan nasional: jumlah penduduk yang tinggal di kabupaten/kota yang rata-rata desanya di bawah ambang (dan pangsanya dari penduduk kabupaten yang punya nilai), serta jumlah kabupaten itu. Sama untuk bobot desa dan penduduk, karena rata-rata kabupaten sama di kedua cara.',
      'For a province or the nation: the people living in regencies whose mean over villages is below the threshold (and their share of the people of the regencies with a value), and how many such regencies. The same under either weighting, as a regency mean is.',
    ),
    formula:
      'people = sum_r P_r [m_r < threshold];  share = people / sum_r P_r  (r: regencies in scope with a value)',
    unit: both('Orang; pangsa 0-1; jumlah kabupaten', 'People; share 0-1; regencies'),
    edgeCases: [
      both(
        'Null di bawah provinsi (kabupaten, kecamatan, desa).',
        'Null below the province (a regency, district or village).',
      ),
      both(
        'Ambang ketat: kabupaten tepat pada ambang tidak dihitung, seperti pangsa desa di bawah ambang.',
        'Strictly below: a regency exactly at the threshold is not counted, as for the share of villages below.',
      ),
    ],
    api: ['divide.summary.peopleBelow'],
    citation: 'Population: Kepmendagri No. 300.2.2-2138 Tahun 2025 (Dukcapil).',
  },
  {
    id: 'population-density',
    title: both('Penduduk dan kepadatan', 'Population and density'),
    counts: both(
      'Penduduk, luas dan kepadatan (penduduk per km2) setiap provinsi dan kabupaten/kota, dari data terbitan Kepmendagri 2025 (angka nyata, bukan sintetis).',
      'Population, area and density (people per km2) of every province and regency, from the published Kepmendagri 2025 data (real figures, not synthetic).',
    ),
    formula: 'density = population / area_km2',
    unit: both('Orang; km2; orang per km2', 'People; km2; people per km2'),
    edgeCases: [
      both(
        'Null untuk kecamatan dan desa (tidak diterbitkan) dan bila sumber tidak memuat luas.',
        'Null for a district or village (not published) and where the source has no area.',
      ),
    ],
    api: [
      'regions.get.population',
      'regions.get.areaKm2',
      'regions.get.density',
      'regions.children.population',
      'regions.children.areaKm2',
      'regions.children.density',
    ],
    citation:
      'Kepmendagri No. 300.2.2-2138 Tahun 2025 (Dukcapil; area with Badan Informasi Geospasial), compiled in cahyadsn/wilayah.',
  },
  // EVENT: the event study and its pre-trend check (issue 12).
  {
    id: 'event-study',
    title: both(
      'Studi peristiwa (dampak per tahun sejak pendampingan)',
      'Event study (impact by year since mentoring)',
    ),
    counts: both(
      'Untuk tiap waktu peristiwa k (tahun sejak pendampingan pertama g): perubahan ukuran dari tahun dasar g - 1 ke g + k pada desa kohort g, dikurangi rata-rata perubahan yang sama pada desa sekabupaten yang belum didampingi hingga tahun yang lebih akhir dari g dan g + k; digabung atas kohort berbobot jumlah desa didampingi. k = 0 (tahun acara), 1, 2, 3 sesudahnya; k = -3 dan -2 adalah plasebo sebelum acara. Tahun dasar g - 1, bukan g, karena tahun acara dapat sudah memuat sebagian efek.',
      'For each event time k (years since the first mentoring g): the change of the measure from the base year g - 1 to g + k in the villages of cohort g, minus the same mean change in the villages of the same regency not mentored by the later of g and g + k; pooled over cohorts weighted by treated counts. k = 0 (the event year), 1, 2, 3 after it; k = -3 and -2 are placebos before the event. The base is g - 1, not g, because the event year can already hold part of the effect.',
    ),
    formula:
      'ATT(k) = sum_g sum_r (n_T,g,r / N_T,k) [mean_T,g,r(y_{g+k} - y_{g-1}) - mean_C,g,r(y_{g+k} - y_{g-1})],  C = not mentored by max(g, g + k);  SE clustered by village (influence function, n/(n-1) per cell);  95 % CI ATT(k) +- t_{0.975, df} SE, df Satterthwaite;  p = 2 P(T_df >= |ATT(k) / SE|)',
    unit: both(
      'Satuan ukuran (perubahan sejak tahun sebelum pendampingan)',
      "The measure's unit (change since the year before mentoring)",
    ),
    edgeCases: [
      both(
        'Waktu peristiwa yang tidak dicapai kohort mana pun (tahunnya di luar data) tidak ditampilkan; n kohort per k disebutkan.',
        'An event time no cohort reaches (its years are outside the data) is left out; the number of cohorts at each k is given.',
      ),
      both(
        'Tiap k dibandingkan dengan pembanding yang belum didampingi sampai akhir jendelanya, jadi himpunan pembanding berbeda antar-k.',
        'Each k uses controls not yet mentored through the end of its window, so the control set differs between event times.',
      ),
      both(
        'p-value kosong bila galat baku 0 (tidak ada yang diuji).',
        'The p-value is empty when the standard error is 0 (nothing to test).',
      ),
    ],
    api: ['mentoring.impact.eventStudy'],
    citation:
      "Callaway, B. & Sant'Anna, P. H. C. (2021), Difference-in-differences with multiple time periods, Journal of Econometrics 225(2) (ATT(g, t), universal base period g - 1, not-yet-treated controls); Sun, L. & Abraham, S. (2021), Estimating dynamic treatment effects in event studies with heterogeneous treatment effects, Journal of Econometrics 225(2).",
  },
  {
    id: 'pre-trend',
    title: both('Uji tren sebelum pendampingan (plasebo)', 'Pre-trend check (placebos)'),
    counts: both(
      'Apakah desa yang kelak didampingi bergerak seperti pembandingnya sebelum pendampingan: lolos bila setiap interval 95 % plasebo (k = -3, -2) memuat 0. Ini saringan, bukan bukti tren sejajar: dengan dua plasebo, tren yang benar-benar sejajar gagal kira-kira 1 dari 10 kali.',
      'Whether the villages mentored later moved like their controls before mentoring: it passes when every placebo (k = -3, -2) 95 % interval covers 0. A screen, not a proof of parallel trends: with two placebos a truly parallel trend fails about 1 time in 10.',
    ),
    formula:
      'passes = (placebos >= 1) and for every k < 0: CI95_low(k) <= 0 <= CI95_high(k);  minPValue = min_k<0 p(k);  largestPlacebo = the ATT(k), k < 0, with the largest |ATT(k)|',
    unit: both('Ya/tidak, jumlah plasebo, p terkecil', 'Yes/no, number of placebos, smallest p'),
    edgeCases: [
      both(
        'Tanpa plasebo (kohort terlalu awal dalam data) uji tidak lolos: tidak ada yang diperiksa.',
        'Without a placebo (cohorts too early in the data) the check does not pass: nothing was checked.',
      ),
      both(
        'Tidak dikoreksi untuk uji berganda; p terkecil diberikan agar pembaca dapat menilai sendiri.',
        'Not corrected for multiple testing; the smallest p is given so a reader can judge.',
      ),
      both(
        'Dengan puluhan ribu desa, selisih plasebo yang terlalu kecil untuk berarti pun bisa signifikan: selisih plasebo terbesar diberikan untuk dibandingkan dengan angka utama.',
        'With tens of thousands of villages a placebo difference too small to matter can still be significant: the largest placebo difference is given to compare with the headline.',
      ),
    ],
    api: ['mentoring.impact.preTrend'],
    citation:
      'Roth, J. (2022), Pretest with caution: event-study estimates after testing for parallel trends, American Economic Review: Insights 4(3).',
  },
];

/**
 * The methods as Markdown, in one language: METHODS.md of every export.
 *
 * @example
 * ```ts
 * methodsMarkdown('en').startsWith('# Methods'); // true
 * ```
 */
export function methodsMarkdown(lang: MethodLang): string {
  const label =
    lang === 'id'
      ? {
          title: 'Metode',
          counts: 'Apa yang dihitung',
          formula: 'Rumus',
          unit: 'Satuan',
          edge: 'Kasus tepi',
          api: 'Di API',
          cite: 'Rujukan',
        }
      : {
          title: 'Methods',
          counts: 'What it counts',
          formula: 'Formula',
          unit: 'Unit',
          edge: 'Edge cases',
          api: 'In the API',
          cite: 'Citation',
        };
  const lines = [`# ${label.title}`, ''];
  lines.push(
    lang === 'id'
      ? 'Setiap angka Pandu: apa yang dihitung, rumusnya, satuannya, kasus tepinya dan rujukannya. Sumber yang sama dengan halaman /metode.'
      : "Every figure Pandu publishes: what it counts, its formula, unit, edge cases and citation. The same source as the dashboard's /metode page.",
    '',
  );
  for (const m of METHODS) {
    lines.push(`## ${m.title[lang]} {#${m.id}}`, '');
    lines.push(`**${label.counts}:** ${m.counts[lang]}`, '');
    lines.push(`**${label.formula}:** \`${m.formula}\``, '');
    lines.push(`**${label.unit}:** ${m.unit[lang]}`, '');
    if (m.edgeCases.length > 0) {
      lines.push(`**${label.edge}:**`, '');
      for (const e of m.edgeCases) lines.push(`- ${e[lang]}`);
      lines.push('');
    }
    lines.push(`**${label.api}:** ${m.api.map((a) => `\`${a}\``).join(', ')}`, '');
    lines.push(`**${label.cite}:** ${m.citation}`, '');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
