import { describe, expect, it } from 'vitest';
import { composeMetadata } from '../../src/client/metadata.ts';

describe('composeMetadata', () => {
  it('puts kb_topic first, then the other keys in order', () => {
    const { metadata } = composeMetadata({
      kbTopic: 'billing',
      extra: { page_path: '/pricing', plan: 'pro' },
    });
    expect(Object.keys(metadata ?? {})).toEqual(['kb_topic', 'page_path', 'plan']);
    expect(metadata?.['kb_topic']).toBe('billing');
  });

  it('sends just what the page says: no kb_topic without a topic (the proxy keeps the key)', () => {
    expect(composeMetadata({ kbTopic: undefined, extra: { plan: 'pro' } }).metadata).toEqual({
      plan: 'pro',
    });
  });

  it('sends no metadata at all when there is nothing to send', () => {
    expect(composeMetadata({ kbTopic: undefined, extra: {} }).metadata).toBe(undefined);
  });

  it('never sends more than five keys and names the ones it dropped', () => {
    const { metadata, dropped } = composeMetadata({
      kbTopic: 'billing',
      extra: { a: 1, b: 2, c: 3, d: 4, e: 5, f: 6 },
    });
    expect(Object.keys(metadata ?? {})).toEqual(['kb_topic', 'a', 'b', 'c', 'd']);
    expect(dropped).toEqual(['e', 'f']);
  });

  it('does not let the extra metadata replace the topic', () => {
    const { metadata } = composeMetadata({
      kbTopic: 'billing',
      extra: { kb_topic: 'spoofed' },
    });
    expect(metadata).toEqual({ kb_topic: 'billing' });
  });
});
