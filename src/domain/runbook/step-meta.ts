// What the reader learns about a step beyond the Step itself: where its parts
// sit in the file and what it refers to. The walker never needs it; lint does,
// to report a bad reference at the line that makes it.
import type { CommandSpec, Step } from './types.js';

export interface StepMeta {
  /** 1-based line of the step annotation (the heading's line when there is none). */
  annotationLine: number;
  /** 1-based line of each decide choice, in the order of `choices`. */
  choiceLines: number[];
  /** 1-based line of the code block each command came from. */
  commandLines: Map<CommandSpec, number>;
  /** The id was written (`step: <id>`), not made from the heading. */
  explicitId: boolean;
  /** A wait's `until: <check step id>`, linked once every step is known. */
  untilRef?: string;
}

/** One section, read: the step and where its parts are. */
export interface ReadStep {
  step: Step;
  meta: StepMeta;
}

export function newStepMeta(annotationLine: number, explicitId: boolean): StepMeta {
  return { annotationLine, choiceLines: [], commandLines: new Map(), explicitId };
}
