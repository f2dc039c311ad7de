import * as vscode from 'vscode';

/**
 * One step of a multi-step QuickPick/InputBox flow: "Title (2/5)", a Back button after the
 * first step, and the answer, `BACK`, or undefined when the user cancelled.
 */

export const BACK = Symbol('back');
export type Answer<T> = T | typeof BACK | undefined;

export interface StepTitle {
  readonly title: string;
  readonly step: number;
  /** Unknown until the steps are (before a template is picked): then no counter is shown. */
  readonly total?: number;
}

/** A QuickPick of any items, or an InputBox. */
type Input<I extends vscode.QuickPickItem> = vscode.QuickPick<I> | vscode.InputBox;

function setUp<I extends vscode.QuickPickItem>(input: Input<I>, at: StepTitle): void {
  input.title = at.title;
  // A counter whose total changes after the first step would read "1/2", then "2/8".
  input.step = at.total === undefined ? undefined : at.step;
  input.totalSteps = at.total;
  input.ignoreFocusOut = true;
  input.buttons = at.step > 1 ? [vscode.QuickInputButtons.Back] : [];
}

/** Shows `input` until `settle` is called (accept, Back or hide), then disposes it. */
function run<T, I extends vscode.QuickPickItem = vscode.QuickPickItem>(
  input: Input<I>,
  wire: (settle: (answer: Answer<T>) => void) => void,
): Promise<Answer<T>> {
  return new Promise<Answer<T>>((resolve) => {
    let settled = false;
    const settle = (answer: Answer<T>) => {
      if (settled) return;
      settled = true;
      resolve(answer);
      input.dispose();
    };
    input.onDidTriggerButton((button) => {
      if (button === vscode.QuickInputButtons.Back) settle(BACK);
    });
    input.onDidHide(() => settle(undefined));
    wire(settle);
    input.show();
  });
}

export function pickStep<T extends vscode.QuickPickItem>(
  at: StepTitle,
  items: readonly T[],
  options: { readonly placeholder: string; readonly active?: T },
): Promise<Answer<T>> {
  const pick = vscode.window.createQuickPick<T>();
  setUp(pick, at);
  pick.items = items;
  pick.placeholder = options.placeholder;
  pick.matchOnDescription = true;
  pick.matchOnDetail = true;
  if (options.active) pick.activeItems = [options.active];
  return run<T, T>(pick, (settle) => {
    pick.onDidAccept(() => {
      const chosen = pick.selectedItems[0] ?? pick.activeItems[0];
      if (chosen) settle(chosen);
    });
  });
}

/** An input box that checks the text as it is typed (and again on Enter, which it refuses while invalid). */
export function inputStep(
  at: StepTitle,
  options: {
    readonly value: string;
    readonly prompt: string;
    readonly placeholder?: string;
    readonly check: (text: string) => Promise<string | undefined>;
  },
): Promise<Answer<string>> {
  const box = vscode.window.createInputBox();
  setUp(box, at);
  box.value = options.value;
  box.prompt = options.prompt;
  box.placeholder = options.placeholder;
  // Answers to earlier keystrokes may arrive late: only the latest text's counts.
  let latest = 0;
  const validate = async (text: string): Promise<string | undefined> => {
    const mine = ++latest;
    const message = await options.check(text);
    if (mine === latest) box.validationMessage = message;
    return message;
  };
  return run<string>(box, (settle) => {
    box.onDidChangeValue((text) => void validate(text));
    box.onDidAccept(async () => {
      const text = box.value;
      box.busy = true;
      const message = await validate(text);
      box.busy = false;
      if (message === undefined) settle(text);
    });
    void validate(options.value);
  });
}
