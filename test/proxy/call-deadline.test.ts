import { describe, expect, it } from 'vitest';
import { createCallDeadline, deadlineOfSignal } from '../../src/proxy/call-deadline.ts';

describe('a call deadline', () => {
  it('tells each listener once when it passes, and not those that unsubscribed', () => {
    const deadline = createCallDeadline();
    const told: string[] = [];
    deadline.onAbort(() => told.push('a'));
    const off = deadline.onAbort(() => told.push('b'));
    off();
    expect(deadline.aborted).toBe(false);
    deadline.abort();
    deadline.abort();
    expect(deadline.aborted).toBe(true);
    expect(told).toEqual(['a']);
    deadline.onAbort(() => told.push('late'));
    expect(told).toEqual(['a', 'late']);
  });

  it('makes its signal only when read, aborted with it either way', () => {
    const early = createCallDeadline();
    const signal = early.signal;
    expect(signal.aborted).toBe(false);
    expect(early.signal).toBe(signal);
    early.abort();
    expect(signal.aborted).toBe(true);

    const late = createCallDeadline();
    late.abort();
    expect(late.signal.aborted).toBe(true);
  });

  it('stands for a signal given by someone else', () => {
    const controller = new AbortController();
    const deadline = deadlineOfSignal(controller.signal);
    const told: string[] = [];
    deadline.onAbort(() => told.push('a'));
    const off = deadline.onAbort(() => told.push('b'));
    off();
    expect(deadline.aborted).toBe(false);
    controller.abort();
    expect(deadline.aborted).toBe(true);
    expect(deadline.signal).toBe(controller.signal);
    expect(told).toEqual(['a']);
    deadline.onAbort(() => told.push('late'));
    expect(told).toEqual(['a', 'late']);
  });
});
