import { expect } from '@playwright/test';
import type { Seen, Target } from './in-page.ts';
import type { Tab } from './tab.ts';

/** The launcher button; its accessible name is fixed per language ("Open chat", "Chat öffnen"). */
export const launcher = (name = 'Open chat'): Target => ({ role: 'button', name });
/** The chat's message log. */
export const log: Target = { role: 'log' };

/** The text of the one visible element matching `target` now, '' when there is none. */
export function textOf(tab: Tab, target: Target): Promise<string> {
  return tab.evaluate(
    (wanted) =>
      window.chatletProbe!.find(wanted, 0).then(
        (element) => element.textContent ?? '',
        () => '',
      ),
    target,
  );
}

/** Whether exactly one visible element matches `target` now. */
export function isShown(tab: Tab, target: Target): Promise<boolean> {
  return tab.evaluate(
    (wanted) =>
      window.chatletProbe!.find(wanted, 0).then(
        () => true,
        () => false,
      ),
    target,
  );
}

/** Waits until the element matching `target` contains `text`. */
export async function waitForText(tab: Tab, target: Target, text: string): Promise<void> {
  await expect
    .poll(() => textOf(tab, target), { message: `${target.role} shows "${text}"` })
    .toContain(text);
}

/** Types `text` into the open panel's message field (named `box`) and presses Enter. */
export async function ask(tab: Tab, text: string, box = 'Message'): Promise<void> {
  await tab.type({ role: 'textbox', name: box }, text);
  await tab.press('Enter');
}

/** The accessible name of the focused element ('' for the page itself). */
export const focused = (tab: Tab): Promise<string> =>
  tab.evaluate(() => window.chatletProbe!.focused(), null);

/** An attribute of the one element matching `target` (null when absent). */
export function attributeOf(tab: Tab, target: Target, name: string): Promise<string | null> {
  return tab.evaluate(
    async ([wanted, attribute]) =>
      (await window.chatletProbe!.find(wanted, 10_000)).getAttribute(attribute),
    [target, name] as const,
  );
}

/** Console errors and warnings and CSP violations the page saw. */
export const seen = (tab: Tab): Promise<Seen> =>
  tab.evaluate(() => {
    const { errors, warnings, violations } = window.chatletProbe!;
    return { errors, warnings, violations };
  }, null);

/** Makes the page believe it went off- or online (the same emulation in every engine). */
export const setOnline = (tab: Tab, online: boolean): Promise<void> =>
  tab.evaluate((value) => window.chatletProbe!.setOnline(value), online);

/** Computed style properties (kebab-case) of the one element matching `target`. */
export function styleOf(
  tab: Tab,
  target: Target,
  properties: string[],
): Promise<Record<string, string>> {
  return tab.evaluate(
    async ([wanted, names]) => {
      const style = getComputedStyle(await window.chatletProbe!.find(wanted, 10_000));
      return Object.fromEntries(names.map((name) => [name, style.getPropertyValue(name)]));
    },
    [target, properties] as const,
  );
}

/**
 * The computed colours `properties` of `target` as 0-255 sRGB channels, whatever syntax the engine
 * computed them in (a colour made with relative colour syntax computes to `color(xyz-d65 ...)`):
 * each painted on a canvas and read back.
 */
export function srgbOf(tab: Tab, target: Target, properties: string[]): Promise<number[][]> {
  return tab.evaluate(
    async ([wanted, names]) => {
      const style = getComputedStyle(await window.chatletProbe!.find(wanted, 10_000));
      const context = document.createElement('canvas').getContext('2d')!;
      return names.map((name) => {
        context.fillStyle = style.getPropertyValue(name);
        context.fillRect(0, 0, 1, 1);
        return Array.from(context.getImageData(0, 0, 1, 1).data.slice(0, 3));
      });
    },
    [target, properties] as const,
  );
}

/** The URLs of the scripts the page has loaded so far (resource timing). */
export const scriptsLoaded = (tab: Tab): Promise<string[]> =>
  tab.evaluate(
    () =>
      performance
        .getEntriesByType('resource')
        .map((entry) => entry.name)
        .filter((name) => new URL(name).pathname.endsWith('.js')),
    null,
  );

/** The horizontal edges of the one element matching `target`, and the viewport's width. */
export function edgesOf(
  tab: Tab,
  target: Target,
): Promise<{ left: number; right: number; viewport: number }> {
  return tab.evaluate(async (wanted) => {
    const box = (await window.chatletProbe!.find(wanted, 10_000)).getBoundingClientRect();
    return { left: box.left, right: box.right, viewport: document.documentElement.clientWidth };
  }, target);
}
