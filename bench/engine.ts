// The in-process engine entry points the benchmark times (bundled by bench.mjs).
export { DEFAULT_SETTINGS } from '../server/src/services/settings';
export { validateFile, validateText } from '../server/src/services/validation';
export { indexObjects, WorkspaceIndex } from '../server/src/services/workspace';
export { ChunkPool, parseFile } from '../server/src/yaml/file';
export { queryWorkspace, workspaceConnectivity } from '../server/src/services/connectivity';
export { layoutGraph } from '../client/src/trafficMap/layout';
export { renderMapSvg } from '../client/src/trafficMap/mapSvg';
export { renderView } from '../client/src/trafficMap/render';
