import { afterEach, describe, expect, it } from 'vitest';
import type { ResolvedOptions } from '../../src/core/options.ts';
import { readyToDraw, type AttachedPanel } from '../../src/embed/panel-stage.ts';
import { createLifecycle } from '../../src/shell/lifecycle.ts';
import { timesReady } from '../../src/ui/format-time.ts';

const panel = (history: boolean) => ({ history }) as unknown as AttachedPanel;
const options = (timestamps: boolean) => ({ timestamps, lang: 'de' }) as ResolvedOptions;
const nextTask = () => new Promise((resolve) => setTimeout(resolve));

afterEach(() => {
  timesReady.value = true;
});

describe('readyToDraw: a stored history opens in short tasks', () => {
  it('draws a history a task after reading it, with blank times until the formats are made', async () => {
    let taskRan = false;
    setTimeout(() => (taskRan = true));
    const ready = await readyToDraw(panel(true), options(true), createLifecycle());
    expect(ready).toBeTruthy();
    expect(taskRan).toBe(true);
    // The drawing happens now; the formats (the costly first Intl.DateTimeFormat) a task later.
    expect(timesReady.value).toBe(false);
    await nextTask();
    expect(timesReady.value).toBe(true);
  });

  it('draws an empty panel at once, its times never blank', async () => {
    let taskRan = false;
    setTimeout(() => (taskRan = true));
    await readyToDraw(panel(false), options(true), createLifecycle());
    expect(taskRan).toBe(false);
    expect(timesReady.value).toBe(true);
  });

  it('leaves the times alone when timestamps are off', async () => {
    await readyToDraw(panel(true), options(false), createLifecycle());
    expect(timesReady.value).toBe(true);
  });

  it('draws nothing for a widget destroyed while it waited', async () => {
    const life = createLifecycle();
    const ready = readyToDraw(panel(true), options(true), life);
    life.end();
    expect(await ready).toBeUndefined();
  });
});
