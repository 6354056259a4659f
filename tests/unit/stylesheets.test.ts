import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// A stylesheet whose block is left open swallows every rule after it, and neither the browser nor the build says so:
// a merge once dropped one closing brace and the calendar lost its toolbar, legend and narrow-screen rules without a warning.
const root = path.resolve(__dirname, '../../renderer');

function stylesheets(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return stylesheets(full);
    return entry.name.endsWith('.css') ? [full] : [];
  });
}

/** Every `{` closed by a `}` at the right depth, ignoring comments and quoted strings; returns the problem, or null. */
function unbalanced(css: string): string | null {
  let depth = 0;
  let line = 1;
  const opened: number[] = [];
  for (let i = 0; i < css.length; i++) {
    const ch = css[i]!;
    if (ch === '\n') line++;
    else if (ch === '/' && css[i + 1] === '*') {
      const end = css.indexOf('*/', i + 2);
      if (end < 0) return `comment opened on line ${line} is never closed`;
      line += css.slice(i, end).split('\n').length - 1;
      i = end + 1;
    } else if (ch === '"' || ch === "'") {
      const end = css.indexOf(ch, i + 1);
      if (end < 0) return `string opened on line ${line} is never closed`;
      i = end;
    } else if (ch === '{') {
      depth++;
      opened.push(line);
    } else if (ch === '}') {
      if (depth === 0) return `a closing brace on line ${line} closes nothing`;
      depth--;
      opened.pop();
    }
  }
  return depth === 0 ? null : `the block opened on line ${opened[opened.length - 1]} is never closed`;
}

describe('stylesheets', () => {
  it('finds an open block, a stray brace and an open comment', () => {
    expect(unbalanced('.a {\n  color: red;\n.b { color: blue; }\n')).toBe('the block opened on line 1 is never closed');
    expect(unbalanced('.a { color: red; }\n}\n')).toBe('a closing brace on line 2 closes nothing');
    expect(unbalanced('/* { */ .a { content: "}"; }')).toBeNull();
    expect(unbalanced('.a {} /* open')).toBe('comment opened on line 1 is never closed');
  });

  const files = stylesheets(root);
  it('the renderer has stylesheets to check', () => expect(files.length).toBeGreaterThan(5));
  for (const file of files) {
    it(`${path.relative(root, file)} closes every block it opens`, () => {
      expect(unbalanced(fs.readFileSync(file, 'utf8'))).toBeNull();
    });
  }
});
