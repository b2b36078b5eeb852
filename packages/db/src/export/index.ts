export * from './export-dataset.js';
export { dataDictionary } from './data-dictionary.js';
export { EXPORT_TABLES, type ExportTable, type ExportColumn } from './export-tables.js';
