import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const eslint = new ESLint({ cwd: ROOT });

async function importErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

/** The house plan's import rules, as lint enforces them. */
describe('layer boundaries', () => {
  const cases: Array<[string, string, boolean]> = [
    ['shared/domain/x.ts', "import fs from 'node:fs';\nexport const a = fs;", false],
    ['shared/domain/x.ts', "import { openDataFolder } from '../../db/open';\nexport const a = openDataFolder;", false],
    ['shared/domain/x.ts', "import { z } from 'zod';\nexport const a = z;", true],
    ['db/x.ts', "import { createRouter } from '../electron/core/router';\nexport const a = createRouter;", false],
    ['db/x.ts', "import { app } from 'electron';\nexport const a = app;", false],
    ['db/x.ts', "import Database from 'better-sqlite3';\nexport const a = Database;", true],
    ['electron/core/x.ts', "import { app } from 'electron';\nexport const a = app;", false],
    ['electron/host/x.ts', "import { App } from '../../renderer/app/App';\nexport const a = App;", false],
    ['electron/main.ts', "import { app } from 'electron';\nexport const a = app;", true],
    ['renderer/app/x.ts', "import { openDataFolder } from '../../db/open';\nexport const a = openDataFolder;", false],
    ['renderer/app/x.ts', "import { createRouter } from '../../electron/core/router';\nexport const a = createRouter;", false],
    ['renderer/app/x.ts', "import path from 'path';\nexport const a = path;", false],
    ['renderer/app/x.ts', "import { contract } from '../../shared/contract/index';\nexport const a = contract;", true],
  ];
  for (const [file, code, allowed] of cases) {
    it(`${allowed ? 'allows' : 'refuses'} in ${file}: ${code.split('\n')[0]}`, async () => {
      const errors = await importErrors(file, code);
      if (allowed) expect(errors).toEqual([]);
      else expect(errors.length).toBeGreaterThan(0);
    });
  }
});
