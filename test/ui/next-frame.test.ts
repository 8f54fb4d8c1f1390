import { afterEach, describe, expect, it, vi } from 'vitest';
import { beforeNextFrame } from '../../src/ui/next-frame.ts';

const frame = (): Promise<void> => new Promise((resolve) => requestAnimationFrame(() => resolve()));

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('beforeNextFrame', () => {
  it('runs the callback once, at the next frame, not in the current task', async () => {
    const callback = vi.fn<() => void>();
    beforeNextFrame(callback);
    expect(callback).not.toHaveBeenCalled();
    await frame();
    expect(callback).toHaveBeenCalledTimes(1);
    // The fallback timer went with it.
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(callback).toHaveBeenCalledTimes(1);
  });

  it('runs nothing once cancelled', async () => {
    const callback = vi.fn<() => void>();
    beforeNextFrame(callback)();
    await frame();
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(callback).not.toHaveBeenCalled();
  });

  it('runs the callback after 100 ms where no frame comes (a hidden tab)', () => {
    vi.stubGlobal('requestAnimationFrame', () => 1);
    vi.stubGlobal('cancelAnimationFrame', () => {});
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const callback = vi.fn<() => void>();
    beforeNextFrame(callback);
    vi.advanceTimersByTime(99);
    expect(callback).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(callback).toHaveBeenCalledTimes(1);
  });
});
