// Public surface of the rules stage: the catalog and the engine.
export type * from './types.ts';
export { defineRule } from './types.ts';
export { CAUSES, STEP_TITLES, type CauseId } from './causes.ts';
export { runEngine, type EngineOptions } from './engine.ts';
export { CATALOG } from './catalog/index.ts';
export { DOCS } from './docs.ts';
export * from './evidence.ts';
export * from './token-check/index.ts';
export { ERROR_CATALOG, type ErrorEntry } from './errors-catalog.ts';
export { NEEDS, missingNeeds } from './needs.ts';
