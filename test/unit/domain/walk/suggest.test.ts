// The value offered the first time a placeholder is asked: a label or earlier
// answer of the same name, else one whose words the placeholder's words contain.
import { describe, expect, it } from 'vitest';
import { suggestedValue } from '../../../../src/domain/walk/suggest.js';

describe('suggestedValue', () => {
  const labels = { namespace: 'web', pod: 'web-1', k8s_cluster: 'eu-1' };

  it('the same name first, however it is written', () => {
    expect(suggestedValue('namespace', [labels])).toBe('web');
    expect(suggestedValue('k8s-cluster', [labels])).toBe('eu-1');
  });

  it("a label whose words the placeholder's words contain: <my-namespace>, <namespace label from alert>", () => {
    expect(suggestedValue('my-namespace', [labels])).toBe('web');
    expect(suggestedValue('namespace-label-from-alert', [labels])).toBe('web');
    expect(suggestedValue('target-k8s-cluster', [labels])).toBe('eu-1');
  });

  it('of several, the longer label, then the one nearer the end (the head noun)', () => {
    expect(suggestedValue('pod-namespace', [labels])).toBe('web');
    expect(suggestedValue('namespace-of-pod', [labels])).toBe('web-1');
    expect(suggestedValue('cluster-of-k8s-cluster', [{ cluster: 'a', k8s_cluster: 'b' }])).toBe(
      'b',
    );
  });

  it('labels before earlier answers; parts of words do not count', () => {
    expect(suggestedValue('my-namespace', [labels, { 'my-namespace': 'db' }])).toBe('db');
    expect(suggestedValue('ns', [labels, { 'target-ns': 'x' }])).toBeUndefined();
    expect(suggestedValue('namespaces', [labels])).toBeUndefined();
    expect(suggestedValue('my-namespace', [{}, { namespace: 'db' }])).toBe('db');
  });
});
