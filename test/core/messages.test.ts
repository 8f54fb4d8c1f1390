import { describe, expect, it } from 'vitest';
import { capHistory, reviveHistory, withState, type ChatMessage } from '../../src/core/messages.ts';

const message = (id: string, extra: Partial<ChatMessage> = {}): ChatMessage => ({
  id,
  role: 'user',
  text: `text ${id}`,
  state: 'sent',
  at: 1,
  ...extra,
});

describe('message history', () => {
  it('changes the state of one message only', () => {
    const list = [message('a', { state: 'sending' }), message('b', { state: 'sending' })];
    expect(withState(list, 'b', 'failed').map((m) => m.state)).toEqual(['sending', 'failed']);
  });

  it('keeps the newest messages when capping', () => {
    const list = ['a', 'b', 'c'].map((id) => message(id));
    expect(capHistory(list, 2).map((m) => m.id)).toEqual(['b', 'c']);
    expect(capHistory(list, 5)).toHaveLength(3);
  });

  it('revives a stored history, dropping malformed entries', () => {
    const revived = reviveHistory([
      message('a'),
      { id: 'b', role: 'assistant', text: 'hi', at: 2, handoff: true },
      { id: 'c', role: 'robot', text: 'x', at: 3 },
      { id: 4, role: 'user', text: 'x', at: 3 },
      null,
      'junk',
    ]);
    expect(revived.map((m) => m.id)).toEqual(['a', 'b']);
    expect(revived[1]).toEqual({ id: 'b', role: 'assistant', text: 'hi', at: 2, handoff: true });
  });

  it('brings back a message left sending as failed, so it can be retried', () => {
    expect(reviveHistory([message('a', { state: 'sending' })])[0]?.state).toBe('failed');
    expect(reviveHistory([message('q', { state: 'queued' })])[0]?.state).toBe('queued');
  });

  it('revives nothing from data that is not a list', () => {
    expect(reviveHistory({ messages: [] })).toEqual([]);
  });
});
