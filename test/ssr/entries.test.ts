import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { createSSRApp, h } from 'vue';
import { renderToString as renderVueToString } from 'vue/server-renderer';

// Plain Node, no DOM (the `node` project): what a Next.js, Nuxt or Remix server does on import.
describe('every browser entry imports under Node without a DOM (server-side rendering)', () => {
  it('has no DOM here', () => {
    expect(typeof document).toBe('undefined');
    expect(typeof HTMLElement).toBe('undefined');
  });

  it.each([
    ['chatlet', '../../src/embed/index.ts'],
    ['chatlet/element', '../../src/embed/element.ts'],
    ['chatlet/react', '../../src/frameworks/react.ts'],
    ['chatlet/vue', '../../src/frameworks/vue.ts'],
  ])('%s imports without throwing', async (_name, path) => {
    await expect(import(path)).resolves.toBeTruthy();
  });

  it('renders the React component with react-dom/server (nothing: the widget mounts in the browser)', async () => {
    const { Chatlet } = await import('../../src/frameworks/react.ts');
    expect(renderToString(createElement(Chatlet, { endpoint: '/chat' }))).toBe('');
  });

  it('renders the Vue component with vue/server-renderer', async () => {
    const { Chatlet } = await import('../../src/frameworks/vue.ts');
    const app = createSSRApp({ render: () => h(Chatlet, { endpoint: '/chat' }) });
    expect(await renderVueToString(app)).toBe('<!---->');
  });
});
