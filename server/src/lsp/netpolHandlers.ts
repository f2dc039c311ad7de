import {
  ErrorCodes,
  LSPErrorCodes,
  ResponseError,
  type CancellationToken,
  type Connection,
  type RequestHandler,
  type RequestHandler0,
  type RequestType,
  type RequestType0,
  type TextDocuments,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  AllowWorkloadEditRequest,
  CheckTemplateOptionRequest,
  ConnectivityRequest,
  ExplainRequest,
  GenerateRequest,
  QueryRequest,
  ReachabilityChangesRequest,
  RevisionsRequest,
  TemplatesRequest,
  WorkloadsRequest,
} from '../protocol';
import { allowWorkloadEdit, workloadList } from '../services/codeActions/allowWorkload';
import { queryWorkspace, workspaceConnectivity } from '../services/connectivity';
import { explainRequest } from '../services/describe';
import { checkTemplateOption, generateFor, namespacesOfFile, templatesFor } from '../services/generate';
import type { ResolvedSettings } from '../services/resolveSettings';
import type { WorkspaceIndex } from '../services/workspace';
import type { DocumentCache } from './documentCache';
import { cancellable } from './guard';
import type { ReachabilityChanges } from './reachabilityChanges';
import { RESTRICTED_MODE } from './trust';

/** What the netpol/* handlers read: the open documents, their parses, the workspace index, the settings. */
export interface NetpolHandlerContext {
  readonly documents: TextDocuments<TextDocument>;
  readonly cache: DocumentCache;
  readonly index: WorkspaceIndex;
  readonly settingsFor: (uri: string) => Promise<ResolvedSettings>;
  /** Restricted Mode refuses these requests (see lsp/trust.ts). */
  readonly trusted: () => boolean;
  readonly reachability: ReachabilityChanges;
  /** Resolves when the workspace has been indexed (a comparison before would list every file as new). */
  readonly indexed: () => Promise<void>;
}

/**
 * The `netpol/*` requests (explain, workloads, connectivity, generation, edits): thin wrappers
 * over the services, each guarded (an exception is logged and answered with a fallback) and
 * cancellable; refused in Restricted Mode, which offers validation, hovers and completions only.
 */
export function registerNetpolHandlers(connection: Connection, context: NetpolHandlerContext): void {
  const { documents, cache, index, settingsFor } = context;
  const offsetOf = (uri: string, position: { line: number; character: number }) => documents.get(uri)?.offsetAt(position) ?? 0;

  const on = <P, R>(
    type: RequestType<P, R, void> | RequestType0<R, void>,
    fallback: R | ResponseError<void>,
    handler: (params: P, token: CancellationToken) => R | ResponseError<void> | Promise<R | ResponseError<void>>,
  ): void => {
    const safe = cancellable(connection, type.method.replace('netpol/', ''), fallback, handler);
    const refusing = (params: P, token: CancellationToken) =>
      context.trusted() ? safe(params, token) : new ResponseError<void>(LSPErrorCodes.RequestFailed, RESTRICTED_MODE);
    // A request without parameters (RequestType0) hands its handler the token alone.
    if (type.numberOfParams === 0)
      connection.onRequest(
        type as RequestType0<R, void>,
        ((token: CancellationToken) => refusing(undefined as P, token)) as RequestHandler0<R, void>,
      );
    else connection.onRequest(type as RequestType<P, R, void>, refusing as RequestHandler<P, R, void>);
  };

  on(ExplainRequest, { policies: [] }, async (params) => {
    const { analysis } = await settingsFor(params.uri);
    const file = cache.get(params.uri, analysis);
    if (!file) return { policies: [] };
    const offset = params.position ? offsetOf(params.uri, params.position) : undefined;
    return { policies: explainRequest(file, offset, analysis, index) };
  });

  on(WorkloadsRequest, { workloads: [] }, () => workloadList(index));

  on(AllowWorkloadEditRequest, {}, async (params) => {
    const { analysis } = await settingsFor(params.uri);
    const file = cache.get(params.uri, analysis);
    if (!file) return { message: 'The document is not open, or is too large to analyse (netpol.maxFileSizeMB).' };
    return allowWorkloadEdit({
      file,
      offset: offsetOf(params.uri, params.position),
      settings: analysis,
      workspace: index,
      direction: params.direction,
      workload: params.workload,
    });
  });

  on(ConnectivityRequest, { workloads: [], connections: [], locations: [], notApplied: [] }, () => workspaceConnectivity(index));

  on(QueryRequest, new ResponseError<void>(ErrorCodes.InternalError, 'query failed'), (params) => {
    const result = queryWorkspace(index, params);
    return 'error' in result ? new ResponseError<void>(ErrorCodes.InvalidParams, result.error) : result;
  });

  on(ReachabilityChangesRequest, new ResponseError<void>(ErrorCodes.InternalError, 'the comparison failed'), async (params) => {
    await context.indexed();
    return context.reachability.changes(params);
  });

  on(RevisionsRequest, [], () => context.reachability.revisions());

  on(TemplatesRequest, { templates: [], defaults: {}, workloads: [] }, async (params) => {
    const { analysis } = await settingsFor(params.uri ?? '');
    const file = params.uri ? cache.get(params.uri, analysis) : undefined;
    return templatesFor(file ? namespacesOfFile(file, analysis) : [], analysis, index);
  });

  on(CheckTemplateOptionRequest, {}, (params) => {
    const message = checkTemplateOption(params.template, params.parameter, params.value);
    return message === undefined ? {} : { message };
  });

  on(GenerateRequest, { policies: [], problems: [] }, async (params) => {
    const { analysis } = await settingsFor(params.uri ?? '');
    return generateFor(params, analysis, params.uri ? documents.get(params.uri)?.getText() : undefined);
  });
}
