// The prompter port's fake: answers questions in process from a script, in
// order, so a test can play the person at the terminal without a pty. A
// question the script did not expect, an answer of the wrong kind, or a choice
// that is not offered fails the test at once, naming the question.
import type { Choice, Prompter } from '../../src/context.js';
import { PromptCancelled } from '../../src/terminal/ui/prompts.js';

/** Pressing Ctrl-C at this question. */
export const CTRL_C = Symbol('Ctrl-C');

export interface ScriptedAnswer {
  /** The question expected next: its exact text, or a pattern it matches. */
  ask: string | RegExp;
  /** Text for text and secret questions, a choice's value, true/false for a confirm. */
  answer: string | boolean | typeof CTRL_C;
}

interface AskedQuestion {
  kind: 'text' | 'secret' | 'choice' | 'confirm';
  message: string;
  /** The values offered, for a choice. */
  choices?: string[];
}

export class ScriptedPrompter implements Prompter {
  readonly asked: AskedQuestion[] = [];
  /** What the responder read for each choice offered, one list per choice question. */
  readonly shown: string[][] = [];
  private readonly script: ScriptedAnswer[];

  constructor(script: readonly ScriptedAnswer[] = []) {
    this.script = [...script];
  }

  /** Answers not yet asked for: a test ends with none left. */
  get unanswered(): readonly ScriptedAnswer[] {
    return this.script;
  }

  async text(q: { message: string; default?: string; required: boolean }): Promise<string> {
    const answer = this.next({ kind: 'text', message: q.message }, 'string');
    // Like inquirer: Enter on an empty line takes the default.
    const value = answer === '' && q.default !== undefined ? q.default : answer;
    if (q.required && value.trim() === '') {
      throw new Error(`"${q.message}" needs an answer; the script gave an empty one`);
    }
    return value;
  }

  async secret(q: { message: string }): Promise<string> {
    return this.next({ kind: 'secret', message: q.message }, 'string');
  }

  async choice<T extends string>(q: {
    message: string;
    choices: Choice<T>[];
    default?: T;
  }): Promise<T> {
    const values = q.choices.map((c) => c.value);
    this.shown.push(q.choices.map((c) => c.name));
    const answer = this.next({ kind: 'choice', message: q.message, choices: values }, 'string');
    const picked = values.find((v) => v === answer);
    if (picked === undefined) {
      throw new Error(`"${q.message}" offers ${values.join(', ')}; the script picked ${answer}`);
    }
    return picked;
  }

  async confirm(q: { message: string; default: boolean }): Promise<boolean> {
    return this.next({ kind: 'confirm', message: q.message }, 'boolean');
  }

  private next(question: AskedQuestion, type: 'string'): string;
  private next(question: AskedQuestion, type: 'boolean'): boolean;
  private next(question: AskedQuestion, type: 'string' | 'boolean'): string | boolean {
    this.asked.push(question);
    const step = this.script.shift();
    if (!step)
      throw new Error(
        `unexpected question (the script has no answers left): "${question.message}"`,
      );
    const matches =
      typeof step.ask === 'string'
        ? step.ask === question.message
        : step.ask.test(question.message);
    if (!matches) {
      throw new Error(`asked "${question.message}", but the script expected "${step.ask}"`);
    }
    if (step.answer === CTRL_C) throw new PromptCancelled();
    if (typeof step.answer !== type) {
      throw new Error(
        `"${question.message}" is a ${question.kind} question; the script answered ${String(step.answer)}`,
      );
    }
    return step.answer;
  }
}
