/**
 * `keel serve` for the search benchmark, in a process of its own: the same
 * runtime, router, web host and built screens as `keel serve`, on the large
 * clinic, without its backup schedule and its backup on closing (a daily backup
 * due when the run starts, or one on closing, would copy the whole clinic
 * around the measurement). Prints "running at URL" as `keel serve` does;
 * stops on SIGTERM.
 * Usage: tsx search-serve.ts CLINIC_DIR
 */
import { startKeel } from '../../electron/core/runtime';
import { ensureRendererBuilt } from '../../electron/host/renderer-build';
import { startWebHost } from '../../electron/host/web';

const [clinic] = process.argv.slice(2);
if (!clinic) throw new Error('Usage: search-serve.ts CLINIC_DIR');
const runtime = await startKeel(clinic);
const staticDir = await ensureRendererBuilt((line) => console.log(line));
const host = await startWebHost({ app: runtime, router: runtime, staticDir, port: 0 });
console.log(`Keel is running at ${host.url}`);
await new Promise<void>((resolve) => process.once('SIGTERM', () => resolve()));
await host.close();
await runtime.close();
