import http from 'node:http';
import path from 'node:path';
import Database from 'better-sqlite3';
import { applyPragmas, DB_FILE, openDataFolder } from '../../db/open';
import { openKeelApp } from '../../electron/core/app';
import { createRouter } from '../../electron/core/router';
import { startWebHost } from '../../electron/host/web';
import { compare, type Comparison } from './harness';

/** Open + migrate of an up-to-date folder, against a raw open with the same pragmas. */
export async function benchOpen(dir: string): Promise<Comparison> {
  const file = path.join(dir, DB_FILE);
  return compare('open + migrate (up to date)', {
    target: 3,
    iterations: 60,
    warmup: 5,
    op: async () => {
      const database = await openDataFolder(dir);
      await database.close();
    },
    floor: () => {
      const db = new Database(file);
      applyPragmas(db);
      db.pragma('user_version');
      db.close();
    },
  });
}

function post(port: number, agent: http.Agent, pathname: string, body: string, headers: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: pathname, agent, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), ...headers } }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve(text));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** One signed-in API call over HTTP (auth.me), against a bare HTTP server echoing JSON. */
export async function benchRoundTrip(dir: string, credentials: { username: string; password: string }): Promise<Comparison> {
  const app = await openKeelApp(dir, { logError: () => {} });
  const host = await startWebHost({ app, router: createRouter(app), staticDir: dir, port: 0 });
  const echo = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const text = JSON.stringify({ ok: true, value: JSON.parse(body || '{}') });
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
      res.end(text);
    });
  });
  await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
  const echoPort = (echo.address() as { port: number }).port;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const hostHeaders = { Host: `127.0.0.1:${host.port}`, 'X-Keel-Request': '1' };
  const login = await new Promise<string>((resolve, reject) => {
    const body = JSON.stringify(credentials);
    const req = http.request({ host: '127.0.0.1', port: host.port, method: 'POST', path: '/api/auth.login', headers: { ...hostHeaders, 'Content-Type': 'application/json' } }, (res) => {
      res.resume();
      res.on('end', () => resolve((res.headers['set-cookie']?.[0] ?? '').split(';')[0]!));
    });
    req.on('error', reject);
    req.end(body);
  });
  if (!login) throw new Error('benchmark sign-in failed');
  try {
    return await compare('API round trip over HTTP (auth.me)', {
      target: 1.5,
      iterations: 2000,
      warmup: 200,
      op: () => post(host.port, agent, '/api/auth.me', '{}', { ...hostHeaders, Cookie: login }),
      floor: () => post(echoPort, agent, '/api/echo', '{}', { Host: `127.0.0.1:${echoPort}` }),
    });
  } finally {
    agent.destroy();
    await new Promise<void>((resolve) => echo.close(() => resolve()));
    await host.close();
    await app.close();
  }
}
