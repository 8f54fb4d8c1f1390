import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { describe, expect, it } from 'vitest';

// The built loader (dist/chatlet.js, after `npm run build`) starts with V8's compile hint, a line
// of its own that vite.config.ts (compileHint) writes before the minified code: its source map
// must be shifted by that line, or a site owner's devtools would point every frame one line off.
const code = readFileSync(new URL('../../dist/chatlet.js', import.meta.url), 'utf8');
const map = new SourceMap(
  JSON.parse(readFileSync(new URL('../../dist/chatlet.js.map', import.meta.url), 'utf8')),
);

describe('the built loader', () => {
  it('starts with the compile hint that has Chromium compile it off the main thread', () => {
    expect(code.split('\n')[0]).toBe('//# allFunctionsCalledOnLoad');
  });

  it('keeps a source map that points at the sources below the hint', () => {
    const lines = code.split('\n');
    const call = 'document.createElement("button")';
    const line = lines.findIndex((text) => text.includes(call));
    const entry = map.findEntry(line, lines[line]?.indexOf(call) ?? -1);
    expect('originalSource' in entry && entry.originalSource).toMatch(/src\/shell\/launcher\.ts$/);
  });
});
