// Here-documents found line by line (heredocs.ts), whatever their bodies hold.
import { describe, expect, it } from 'vitest';
import { scanHeredocs, withoutHeredocBodies } from '../../../../src/domain/runbook/heredocs.js';
import { wantsMore } from '../../../../src/domain/runbook/shell.js';

describe('here-documents', () => {
  it.each([
    ['cat <<EOF\nspec: {}', true],
    ['cat <<EOF\nspec: {}\nEOF', false],
    ["cat <<'EOF'\n$x {}\nEOF", false],
    ['cat <<"END" | kubectl apply -f -\ndata: {}', true],
    ['cat <<-EOF\n\tx {}\n\tEOF', false],
    ['cat <<A <<B\na\nA\nb', true],
    ['cat <<A <<B\na\nA\nb\nB', false],
    ['x=$(cat <<EOF\nbody {}\nEOF\n)', false],
    ["echo '<<EOF'", false],
    ['grep x <<< "$y"', false],
    ['echo a # <<EOF', false],
  ])('%j open: %s', (text, open) => {
    expect(scanHeredocs(text).open).toBe(open);
  });

  it('makes a command unfinished while a here-document is open, finished at its end line', () => {
    expect(wantsMore('cat <<EOF | kubectl apply -f -\nspec: {}')).toBe(true);
    expect(wantsMore('cat <<EOF | kubectl apply -f -\nspec: {}\nEOF')).toBe(false);
  });

  it('empties only the body lines, keeping the end lines', () => {
    expect(withoutHeredocBodies('cat <<A <<B\na {}\nA\nb {}\nB\necho done')).toBe(
      'cat <<A <<B\n\nA\n\nB\necho done',
    );
  });
});
