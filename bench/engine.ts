// The in-process engine entry points the benchmark times (bundled by bench.mjs).
export { DEFAULT_SETTINGS } from '../server/src/services/settings';
export { validateText } from '../server/src/services/validation';
export { ChunkPool } from '../server/src/yaml/file';
