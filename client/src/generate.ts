import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  CheckTemplateOptionRequest,
  GenerateRequest,
  TemplatesRequest,
  type GenerateParams,
  type GenerateResult,
  type TemplateInfo,
  type TemplateParameterInfo,
  type TemplatesResult,
  type TemplateWorkloadChoice,
} from '../../server/src/protocol';
import { placeholderOf } from './generate/placeholder';
import { BACK, inputStep, pickStep, type Answer, type StepTitle } from './generate/quickInput';

type Target = 'new' | 'append';

/** The command's arguments, so that tests (and keybindings) can run it without the UI. */
export interface GenerateArguments {
  readonly template?: string;
  readonly options?: Readonly<Record<string, string>>;
  readonly target?: Target;
}

/** What the command produced (for tests). */
export interface GenerateOutcome {
  readonly uri: string;
  readonly text: string;
}

const TITLE = 'Generate Policy';
const PREVIEW_SCHEME = 'netpol-generate';

function parseArguments(args: unknown): GenerateArguments | { error: string } {
  if (args === undefined || args === null) return {};
  if (typeof args !== 'object') return { error: 'the argument must be { template, options, target }' };
  const { template, options, target } = args as Record<string, unknown>;
  if (template !== undefined && typeof template !== 'string') return { error: 'template must be a template id' };
  if (target !== undefined && target !== 'new' && target !== 'append') return { error: "target must be 'new' or 'append'" };
  if (
    options !== undefined &&
    (typeof options !== 'object' || options === null || Object.values(options).some((v) => typeof v !== 'string'))
  ) {
    return { error: 'options must map option ids to text' };
  }
  return { template, options: options as Record<string, string> | undefined, target };
}

/** The YAML file of the active editor, which generated policies can be appended to. */
function appendableEditor(): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  return editor?.document.languageId === 'yaml' ? editor : undefined;
}

/**
 * "NetworkPolicy: Generate Policy…": pick a template, answer its questions (every value is
 * checked by the server as it is typed, defaults come from the current file and the
 * workspace), look at the result, and open it as a new document or append it to the
 * current YAML file. The server owns the templates; this is only their wizard.
 */
export class GeneratePolicy implements vscode.Disposable {
  private readonly previews = new Map<string, string>();
  private readonly provider: vscode.Disposable;
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();

  constructor(private readonly client: () => Promise<LanguageClient | undefined>) {
    this.provider = vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, {
      onDidChange: this.changed.event,
      provideTextDocumentContent: (uri) => this.previews.get(uri.path) ?? '',
    });
  }

  async run(rawArgs?: unknown): Promise<GenerateOutcome | undefined> {
    const args = parseArguments(rawArgs);
    if ('error' in args) {
      void vscode.window.showErrorMessage(`${TITLE}: ${args.error}`);
      return undefined;
    }
    const client = await this.client();
    if (!client) return undefined;
    const editor = appendableEditor();
    const uri = editor?.document.uri.toString();
    const catalog = await client.sendRequest(TemplatesRequest, uri ? { uri } : {});
    if (args.template !== undefined) {
      // The proposals the template takes (the catalog's are for every template: CIDRs, namespace).
      const parameters = catalog.templates.find((t) => t.id === args.template)?.parameters ?? [];
      const proposed = Object.entries(catalog.defaults).filter(([id]) => parameters.some((p) => p.id === id));
      return this.produce(
        client,
        { template: args.template, options: { ...Object.fromEntries(proposed), ...args.options } },
        args.target ?? 'new',
        editor,
      );
    }
    return this.wizard(client, catalog, args.options ?? {}, editor);
  }

  private async wizard(
    client: LanguageClient,
    catalog: TemplatesResult,
    given: Readonly<Record<string, string>>,
    editor: vscode.TextEditor | undefined,
  ): Promise<GenerateOutcome | undefined> {
    let template: TemplateInfo | undefined;
    const values: Record<string, string> = {};
    let step = 0;
    // Step 0 picks the template; then one step per parameter; the last one shows the result.
    for (;;) {
      const total = template ? template.parameters.length + 2 : undefined;
      const at: StepTitle = { title: template ? `${TITLE}: ${template.title}` : TITLE, step: step + 1, total };
      let answer: Answer<unknown>;
      if (step === 0) {
        const picked = await this.pickTemplate(at, catalog.templates, template);
        if (picked && picked !== BACK && picked !== template) {
          template = picked;
          for (const key of Object.keys(values)) delete values[key];
        }
        answer = picked;
      } else if (template && step <= template.parameters.length) {
        const parameter = template.parameters[step - 1]!;
        const initial = values[parameter.id] ?? given[parameter.id] ?? catalog.defaults[parameter.id] ?? parameter.default ?? '';
        const value = await this.askParameter(client, at, template, parameter, initial, catalog.workloads, values);
        if (typeof value === 'string') values[parameter.id] = value;
        answer = value;
      } else if (template) {
        const done = await this.finish(client, at, { template: template.id, options: { ...values } }, editor);
        if (done === BACK) {
          answer = BACK;
        } else if (done !== undefined && 'parameter' in done) {
          // Options that are each valid but do not fit together: back to the one to change.
          void vscode.window.showWarningMessage(`${TITLE}: ${done.message}`);
          step = Math.max(1, template.parameters.findIndex((p) => p.id === done.parameter) + 1);
          continue;
        } else {
          return done;
        }
      } else {
        return undefined;
      }
      if (answer === undefined) return undefined;
      step = answer === BACK ? Math.max(0, step - 1) : step + 1;
    }
  }

  private pickTemplate(at: StepTitle, templates: readonly TemplateInfo[], current?: TemplateInfo): Promise<Answer<TemplateInfo>> {
    type Item = vscode.QuickPickItem & { readonly template: TemplateInfo };
    const items: Item[] = templates.map((template) => ({
      label: template.title,
      description: template.id,
      detail: template.description,
      template,
    }));
    return pickStep(at, items, { placeholder: 'What should the policy do?', active: items.find((item) => item.template === current) }).then(
      (answer) => (answer === BACK || answer === undefined ? answer : answer.template),
    );
  }

  private async askParameter(
    client: LanguageClient,
    at: StepTitle,
    template: TemplateInfo,
    parameter: TemplateParameterInfo,
    initial: string,
    workloads: readonly TemplateWorkloadChoice[],
    values: Record<string, string>,
  ): Promise<Answer<string>> {
    const title = { ...at, title: `${at.title}: ${parameter.title}` };
    if (parameter.kind === 'boolean') {
      const items = [
        { label: 'Yes', value: 'true', detail: parameter.description },
        { label: 'No', value: 'false' },
      ];
      const chosen = await pickStep(title, items, {
        placeholder: placeholderOf(parameter.description),
        active: items.find((i) => i.value === initial),
      });
      return chosen === BACK || chosen === undefined ? chosen : chosen.value;
    }
    if (parameter.kind === 'workload') {
      const namespace = values.namespace;
      type Item = vscode.QuickPickItem & { readonly choice?: TemplateWorkloadChoice };
      const items: Item[] = [
        ...workloads
          .filter((workload) => workload.namespace === namespace)
          .map((choice) => ({ label: choice.value, description: Object.values(choice.fills).filter(Boolean).join(' · '), choice })),
        { label: 'None: type the pod labels', alwaysShow: true },
      ];
      const chosen = await pickStep(title, items, {
        placeholder: placeholderOf(parameter.description),
        active: items.find((i) => i.choice?.value === initial),
      });
      if (chosen === BACK || chosen === undefined) return chosen;
      // The workload's labels and ports become the proposed values of the next steps.
      if (chosen.choice) Object.assign(values, chosen.choice.fills);
      return chosen.choice?.value ?? '';
    }
    return inputStep(title, {
      value: initial,
      prompt: `${parameter.description} Write ${parameter.syntax}.`,
      placeholder: parameter.optional ? 'may be left empty' : undefined,
      check: async (text) =>
        (
          await client.sendRequest(CheckTemplateOptionRequest, {
            template: template.id,
            parameter: parameter.id,
            value: text,
          })
        ).message,
    });
  }

  /** The last step: what will be created, a preview of the YAML on demand, and where it goes. */
  private async finish(
    client: LanguageClient,
    at: StepTitle,
    params: GenerateParams,
    editor: vscode.TextEditor | undefined,
  ): Promise<Answer<GenerateOutcome> | GenerateResult['problems'][number]> {
    const result = await client.sendRequest(GenerateRequest, params);
    if (result.text === undefined) return result.problems[0] ?? this.failed(result);
    const names = result.policies.map((p) => p.name).join(', ');
    const namespace = result.policies[0]?.namespace ?? '';
    type Item = vscode.QuickPickItem & { readonly target?: Target };
    const items: Item[] = [
      { label: '$(new-file) Open as a new document', detail: `${names} in namespace ${namespace}`, target: 'new' },
      ...(editor
        ? [
            {
              label: `$(insert) Append to ${vscode.workspace.asRelativePath(editor.document.uri)}`,
              detail: 'As new documents after ---, in its indentation',
              target: 'append' as const,
            },
          ]
        : []),
      { label: '$(eye) Preview the YAML', detail: result.text.split('\n').slice(0, 3).join(' ⏎ ') },
    ];
    for (;;) {
      const chosen = await pickStep(
        { ...at, title: `${at.title}: ${result.policies.length} polic${result.policies.length === 1 ? 'y' : 'ies'}` },
        items,
        {
          placeholder: placeholderOf(`Creates ${names}.`),
        },
      );
      if (chosen === undefined || chosen === BACK) return chosen;
      if (chosen.target) return this.produce(client, params, chosen.target, editor, result.text);
      await this.preview(params.template, result.text);
    }
  }

  private async preview(template: string, text: string): Promise<void> {
    const uri = vscode.Uri.from({ scheme: PREVIEW_SCHEME, path: `/${template}.yaml` });
    this.previews.set(uri.path, text);
    this.changed.fire(uri);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.languages.setTextDocumentLanguage(document, 'yaml');
    await vscode.window.showTextDocument(document, { preview: true, preserveFocus: true, viewColumn: vscode.ViewColumn.Beside });
  }

  /** Opens or appends the policies; `text` is the new-document YAML when already generated. */
  private async produce(
    client: LanguageClient,
    params: GenerateParams,
    target: Target,
    editor: vscode.TextEditor | undefined,
    text?: string,
  ): Promise<GenerateOutcome | undefined> {
    if (target === 'append') {
      if (!editor) {
        void vscode.window.showErrorMessage(`${TITLE}: open the YAML file to append to first.`);
        return undefined;
      }
      const document = editor.document;
      const result = await client.sendRequest(GenerateRequest, { ...params, uri: document.uri.toString(), target });
      if (result.text === undefined) return this.failed(result);
      const end = document.lineAt(document.lineCount - 1).range.end;
      await this.closePreviews();
      const edit = new vscode.WorkspaceEdit();
      edit.insert(document.uri, end, result.text);
      if (!(await vscode.workspace.applyEdit(edit))) return undefined;
      const shown = await vscode.window.showTextDocument(document, editor.viewColumn);
      const last = new vscode.Position(document.lineCount - 1, 0);
      shown.revealRange(new vscode.Range(end, last), vscode.TextEditorRevealType.InCenter);
      return { uri: document.uri.toString(), text: document.getText() };
    }
    let yaml = text;
    if (yaml === undefined) {
      const result = await client.sendRequest(GenerateRequest, params);
      if (result.text === undefined) return this.failed(result);
      yaml = result.text;
    }
    await this.closePreviews();
    const document = await vscode.workspace.openTextDocument({ language: 'yaml', content: yaml });
    await vscode.window.showTextDocument(document);
    return { uri: document.uri.toString(), text: document.getText() };
  }

  /** The YAML previews of this wizard: the result replaces them. */
  private async closePreviews(): Promise<void> {
    const previews = vscode.window.tabGroups.all
      .flatMap((group) => group.tabs)
      .filter((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.scheme === PREVIEW_SCHEME);
    if (previews.length > 0) await vscode.window.tabGroups.close(previews);
  }

  private failed(result: GenerateResult): undefined {
    void vscode.window.showErrorMessage(
      `${TITLE}: ${result.problems.map((p) => (p.parameter ? `${p.parameter}: ${p.message}` : p.message)).join('; ')}`,
    );
    return undefined;
  }

  dispose(): void {
    this.provider.dispose();
    this.changed.dispose();
  }
}
