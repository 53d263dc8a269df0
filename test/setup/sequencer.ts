// The order the workers take test files in: integration first, then
// end-to-end, then unit. End-to-end files wait for the build of dist/, which
// runs meanwhile (test/setup/build.ts); unit files are the shortest, so they
// fill in at the end while the last long file finishes. Within a project,
// vitest's own order (the longest first once it has timed them).
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const ORDER = ['integration', 'e2e', 'unit'];

export class Sequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (spec: TestSpecification) => ORDER.indexOf(spec.project.name);
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}
