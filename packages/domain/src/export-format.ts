import { z } from 'zod';
import { EXPORT_FORMATS } from './export-formats.js';

/**
 * A dataset export's format, one of {@link EXPORT_FORMATS}.
 *
 * @example
 * ```ts
 * ExportFormat.parse('csv'); // 'csv'
 * ExportFormat.safeParse('xlsx').success; // false
 * ```
 */
export const ExportFormat = z.enum(EXPORT_FORMATS);
export type ExportFormat = z.infer<typeof ExportFormat>;
