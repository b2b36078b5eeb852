export { checkExportScope, exportDataset } from './export-dataset.js';
export { ExportOptionsError } from './export-options-error.js';
export {
  EXPORT_FORMATS,
  type ExportFormat,
  type ExportOptions,
  type ExportProgress,
  type ExportResult,
  type ExportedFile,
  type ExportedTable,
} from './export-types.js';
export {
  dataDictionary,
  type DataDictionary,
  type DataDictionaryInput,
} from './data-dictionary.js';
export { dataDictionaryMarkdown, licenseDataMarkdown } from './data-dictionary-markdown.js';
export { EXPORT_TABLES, type ExportColumn, type ExportTable } from './export-tables.js';
export { DUCKDB_EXPORT_FILE } from './plan-duckdb-export.js';
