import type { PublishedFiguresTable } from '../schema/database.js';
import { loadPublishedFigures } from './load-published-figures.js';

/**
 * The published figures, as {@link loadPublishedFigures} reads them from the package's
 * `data/published-figures/` CSV files when this module is first imported. The seed calls the loader
 * itself, so importing `@pandu/db` reads no data file; tests compare with this list.
 *
 * @example
 * ```ts
 * PUBLISHED_FIGURES.filter((f) => f.dataset === 'iptik' && f.year === 2024);
 * ```
 */
export const PUBLISHED_FIGURES: readonly PublishedFiguresTable[] = loadPublishedFigures();
