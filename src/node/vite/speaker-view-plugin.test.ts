import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { Script } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { withoutMarked } from './speaker-view-plugin.ts';

describe('withoutMarked', () => {
  it("takes Marked out of reveal.js's notes plugin and keeps the speaker view whole", async () => {
    // The ES module a bundle imports (`require` would resolve its CommonJS twin).
    const file = createRequire(import.meta.url)
      .resolve('reveal.js/plugin/notes')
      .replace(/\.js$/, '.mjs');
    const code = await readFile(file, 'utf8');
    const slim = withoutMarked(code, file);
    expect(slim).not.toMatch(/marked\(\): input parameter/);
    expect(slim.length).toBeLessThan(code.length * 0.6);
    expect(slim).toContain('reveal.js - Speaker View');
    // The stand-in passes HTML notes through, under the name the plugin hands to the popup.
    const name = /\.marked = ([\w$]+)/.exec(slim)![1]!;
    expect(slim).toContain(`var ${name} = { parse: (notes) => notes };`);
    // Still a module a browser can parse.
    expect(() => new Script(slim.replace(/^export .*$/gm, ''))).not.toThrow();
  });

  it('refuses a file laid out otherwise, naming it', () => {
    expect(() => withoutMarked('export default {};', 'notes.mjs')).toThrow(
      /notes\.mjs: expected reveal\.js's notes plugin/,
    );
  });
});
