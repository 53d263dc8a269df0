// A night's values turned back into the placeholders they came from, only
// where the value is clearly the value.
import { describe, expect, it } from 'vitest';
import { withPlaceholders } from '../../../../src/domain/capture/placeholders.js';

const values = [
  { name: 'namespace', value: 'web' },
  { name: 'base_url', value: 'https://shop.example.com' },
  { name: 'host', value: 'shop.example.com' },
  { name: 'replicas', value: '3' },
];

describe('values back to placeholders', () => {
  it('a whole word, a flag=value, a long value inside a word; longest first', () => {
    expect(withPlaceholders('kubectl -n web get pods', values, 'angle')).toBe(
      'kubectl -n <namespace> get pods',
    );
    expect(withPlaceholders('kubectl --namespace=web get pods', values, 'braces')).toBe(
      'kubectl --namespace={{namespace}} get pods',
    );
    expect(withPlaceholders('curl https://shop.example.com/healthz', values, 'braces')).toBe(
      'curl {{base_url}}/healthz',
    );
    expect(withPlaceholders('dig +short shop.example.com', values, 'angle')).toBe(
      'dig +short <host>',
    );
  });

  it('not inside another word, nor a short number', () => {
    expect(withPlaceholders('kubectl rollout restart deployment/web', values, 'angle')).toBe(
      'kubectl rollout restart deployment/web',
    );
    expect(withPlaceholders('kubectl scale --replicas=3 deploy/webapp', values, 'angle')).toBe(
      'kubectl scale --replicas=3 deploy/webapp',
    );
  });

  it('a quoted whole value loses its quotes in an annotated runbook (it quotes values itself)', () => {
    expect(withPlaceholders('kubectl -n "web" get pods', values, 'braces')).toBe(
      'kubectl -n {{namespace}} get pods',
    );
    expect(withPlaceholders('kubectl -n "web" get pods', values, 'angle')).toBe(
      'kubectl -n "<namespace>" get pods',
    );
  });
});
