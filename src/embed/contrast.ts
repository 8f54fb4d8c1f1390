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
  const probe = document.createElement('i');
  probe.style.color = background;
  probeParent.append(probe);
  // Only an sRGB result can be read this way (a colour like oklch() resolves to itself).
  const channels = /^rgba?\(([\d.]+)\D+([\d.]+)\D+([\d.]+)/.exec(getComputedStyle(probe).color);
  probe.remove();
  if (!channels) return undefined;
  const [r = 0, g = 0, b = 0] = channels.slice(1).map((value) => {
    const c = Number(value) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  // Contrast ratios (lighter + 0.05) / (darker + 0.05) with white and with #111418 (luminance
  // 0.0068); the larger wins.
  return 1.05 / (luminance + 0.05) >= (luminance + 0.05) / 0.0568 ? '#ffffff' : '#111418';
}
