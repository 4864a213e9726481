export { extractRecord } from './pipeline/extract.js';
export { buildRecord } from './pipeline/build-record.js';
export { normalizeDocument } from './pipeline/normalize.js';
export { runChecks, isHardIdentity } from './checks/index.js';
export * from './model/record.js';
export type { PositionedDocument, Page, Line, Item, Box } from './model/document.js';
export { InputError } from './errors.js';
