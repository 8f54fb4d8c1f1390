import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { computed, effect, signal, type ReadonlySignal } from '../../src/ui/signals.ts';

describe('signals', () => {
  it('an effect runs at once, again on each change of what it read, and cleans up first', () => {
    const count = signal(1);
    const other = signal('a');
    const seen: string[] = [];
    const dispose = effect(() => {
      seen.push(`run ${count.value}`);
      return () => seen.push(`clean ${count.peek()}`);
    });
    count.value = 2;
    count.value = 2; // unchanged: nothing runs
    other.value = 'b'; // never read: nothing runs
    dispose();
    count.value = 3; // disposed: nothing runs
    expect(seen).toEqual(['run 1', 'clean 2', 'run 2', 'clean 2']);
  });

  it('an effect follows only what its last run read', () => {
    const useA = signal(true);
    const a = signal(0);
    const b = signal(0);
    let runs = 0;
    effect(() => {
      runs += 1;
      void (useA.value ? a.value : b.value);
    });
    useA.value = false;
    a.value = 1; // no longer read
    expect(runs).toBe(2);
    b.value = 1;
    expect(runs).toBe(3);
  });

  it('a computed follows its sources and notifies only when its own value changes', () => {
    const n = signal(1);
    const parity = computed(() => (n.value % 2 === 0 ? 'even' : 'odd'));
    const seen: string[] = [];
    effect(() => void seen.push(parity.value));
    n.value = 3;
    n.value = 4;
    expect(parity.peek()).toBe('even');
    expect(seen).toEqual(['odd', 'even']);
  });

  describe('in components', () => {
    const host = document.createElement('div');
    afterEach(() => {
      render(null, host);
    });

    function Label({ text, renders }: { text: ReadonlySignal<string>; renders: string[] }) {
      renders.push(text.value);
      return <p>{text.value}</p>;
    }

    it('re-renders a component that read a signal, until it unmounts', async () => {
      const text = signal('one');
      const renders: string[] = [];
      await act(() => render(<Label text={text} renders={renders} />, host));
      expect(host.textContent).toBe('one');
      await act(() => {
        text.value = 'two';
      });
      expect(host.textContent).toBe('two');
      await act(() => render(null, host));
      await act(() => {
        text.value = 'three';
      });
      expect(renders).toEqual(['one', 'two']);
    });

    it('does not subscribe a parent to what only its child read, nor an enclosing effect', async () => {
      const text = signal('x');
      const parents: number[] = [];
      const renders: string[] = [];
      function Parent() {
        parents.push(1);
        return <Label text={text} renders={renders} />;
      }
      let effectRuns = 0;
      effect(() => {
        effectRuns += 1;
        render(<Parent />, host);
      });
      await act(() => {
        text.value = 'y';
      });
      expect(host.textContent).toBe('y');
      expect(parents).toHaveLength(1);
      expect(effectRuns).toBe(1);
    });
  });
});
