// Public surface of the collect stage: gather a support bundle from a live AuthPlane deployment.
export { collect, type CollectOptions, type CollectResult } from './collector.ts';
export type { Manifest, ManifestItem, ItemOutcome } from './manifest.ts';
export { KEY_MARKER } from './scrub.ts';
