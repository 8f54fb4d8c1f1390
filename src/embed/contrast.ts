/**
 * The text colour to put on `background` (a CSS colour): near-black or white, whichever contrasts
 * more (WCAG 2.x relative luminance), so a site's own `data-primary-color` never leaves the
 * launcher icon or the visitor's messages unreadable. `undefined` when the browser cannot resolve
 * the colour (then the theme's default stays).
 */
export function textColorOn(
  background: string,
  probeParent: ShadowRoot | HTMLElement,
): string | undefined {
  const probe = document.createElement('span');
  probe.style.color = background;
  probeParent.append(probe);
  const resolved = getComputedStyle(probe).color;
  probe.remove();
  const channels = /^rgba?\((\d+(?:\.\d+)?)[, ]+(\d+(?:\.\d+)?)[, ]+(\d+(?:\.\d+)?)/.exec(resolved);
  if (!channels) return undefined;
  const [r, g, b] = channels.slice(1, 4).map((value) => {
    const c = Number(value) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const dark = { color: '#111418', luminance: 0.0068 };
  // Contrast ratio of each candidate: (lighter + 0.05) / (darker + 0.05).
  const onWhite = 1.05 / (luminance + 0.05);
  const onDark = (luminance + 0.05) / (dark.luminance + 0.05);
  return onWhite >= onDark ? '#ffffff' : dark.color;
}
