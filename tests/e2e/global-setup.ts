import { ensureRendererBuilt } from '../../electron/host/renderer-build';

/** Build the screens once, before parallel workers each start a `keel serve`. */
export default async function globalSetup(): Promise<void> {
  await ensureRendererBuilt((line) => console.log(line));
}
