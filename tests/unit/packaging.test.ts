import { createRequire } from 'node:module';
import path from 'node:path';
import type { Configuration } from 'electron-builder';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

// electron-builder's own loader and schema check, found from electron-builder itself, so the
// test reads build/electron-builder.yml exactly as `npm run dist` does (no YAML parser of our own).
const fromBuilder = createRequire(createRequire(path.join(ROOT, 'package.json')).resolve('electron-builder'));
const appBuilder = createRequire(fromBuilder.resolve('app-builder-lib'));
const { getConfig, validateConfiguration } = appBuilder('./util/config/config') as {
  getConfig(projectDir: string, configPath: string, configFromOptions: null): Promise<Configuration>;
  validateConfiguration(config: Configuration, debugLogger: unknown): Promise<void>;
};
const { DebugLogger } = appBuilder('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

const loadConfig = () => getConfig(ROOT, 'build/electron-builder.yml', null);

describe('build/electron-builder.yml', () => {
  it('passes electron-builder’s own schema check', async () => {
    await expect(validateConfiguration(await loadConfig(), new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('flips the Electron fuses that close the ways into a packaged Keel', async () => {
    const config = await loadConfig();
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
      enableCookieEncryption: true,
      loadBrowserProcessSpecificV8Snapshot: false,
    });
    // onlyLoadAppFromAsar and the integrity check need the app inside an asar archive.
    expect(config.asar).toBe(true);
  });
});
