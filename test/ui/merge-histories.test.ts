import { describe, expect, it } from 'vitest';
import { mergeHistories, type ChatMessage, type DeliveryState } from '../../src/core/messages.ts';

const user = (id: string, state: DeliveryState): ChatMessage => ({
  id,
  role: 'user',
  text: id,
  state,
  at: 0,
});
const reply = (id: string): ChatMessage => ({ id, role: 'assistant', text: id, at: 0 });

describe('mergeHistories (two tabs writing one conversation)', () => {
  it('keeps the messages only the other tab has, a reply right under its question', () => {
    const stored = [user('q1', 'sent'), reply('a1'), user('q2', 'queued')];
    const mine = [user('q1', 'sending'), user('q3', 'queued')];
    expect(mergeHistories(stored, mine).map((m) => [m.id, m.state])).toEqual([
      ['q1', 'sent'],
      ['a1', undefined],
      ['q2', 'queued'],
      ['q3', 'queued'],
    ]);
  });

  it('lets a Retry (failed → queued) win over the stored failure', () => {
    expect(mergeHistories([user('q1', 'failed')], [user('q1', 'queued')])[0]?.state).toBe('queued');
  });

  it('never moves a delivered message back', () => {
    expect(mergeHistories([user('q1', 'sent')], [user('q1', 'failed')])[0]?.state).toBe('sent');
  });

  it('takes in a whole stored history in its order, and runs of new messages where they were', () => {
    const stored = Array.from({ length: 5000 }, (_, index) => reply(`m${index}`));
    expect(mergeHistories(stored, [])).toEqual(stored);
    const mine = [reply('m0'), reply('m2'), reply('mine')];
    expect(mergeHistories(stored.slice(0, 5), mine).map((m) => m.id)).toEqual([
      'm0',
      'm1',
      'm2',
      'm3',
      'm4',
      'mine',
    ]);
  });
});
