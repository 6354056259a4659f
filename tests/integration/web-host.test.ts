import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startWebHost, type WebHost } from '../../electron/host/web';
import { CHANNEL_NAMES, contract } from '../../shared/contract/index';
import { MANAGER, openTestKeel, setUpClinic, tempDir, type TestKeel } from '../support/harness';

let keel: TestKeel;
let host: WebHost;
let staticDir: string;

beforeEach(async () => {
  keel = await openTestKeel();
  await setUpClinic(keel);
  staticDir = tempDir('keel-static-');
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Keel</title>');
  fs.mkdirSync(path.join(staticDir, 'assets'));
  fs.writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  host = await startWebHost({ app: keel.app, router: keel.router, staticDir, port: 0 });
});
afterEach(async () => {
  await host.close();
  await keel.close();
  fs.rmSync(staticDir, { recursive: true, force: true });
});

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A raw HTTP request, so the Host header and the rest can be anything. */
function request(method: string, pathname: string, headers: Record<string, string> = {}, body?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    let answered: Reply | null = null;
    const req = http.request({ host: '127.0.0.1', port: host.port, method, path: pathname, headers: { Host: `127.0.0.1:${host.port}`, ...headers } }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      res.on('error', () => answered && resolve(answered));
      answered = { status: res.statusCode ?? 0, headers: res.headers, body: '' };
    });
    // The server may answer and close before a large body is all sent (413): the answer is what counts.
    req.on('error', (error) => (answered ? resolve(answered) : reject(error)));
    if (body !== undefined) req.write(body);
    req.end();
  });
}

const api = (channel: string, body: unknown, headers: Record<string, string> = {}) =>
  request('POST', `/api/${channel}`, { 'Content-Type': 'application/json', 'X-Keel-Request': '1', ...headers }, JSON.stringify(body));

describe('keel serve over HTTP', () => {
  it('listens on 127.0.0.1 only', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('lists every channel with its permission and the JSON Schema of its input', async () => {
    const reply = await request('GET', '/api');
    expect(reply.status).toBe(200);
    const list = JSON.parse(reply.body).value as Array<{ channel: string; permission: string; input: { type: string; additionalProperties: boolean } }>;
    expect(list.map((c) => c.channel).sort()).toEqual([...CHANNEL_NAMES].sort());
    const login = list.find((c) => c.channel === 'auth.login')!;
    expect(login.permission).toBe('public');
    expect(login.input).toMatchObject({ type: 'object', additionalProperties: false, required: ['username', 'password'] });
    for (const c of list) expect(c.permission).toBe(contract[c.channel as keyof typeof contract].access);
  });

  it('signs in with an HttpOnly SameSite=Strict cookie that later calls use', async () => {
    const login = await api('auth.login', { username: MANAGER.username, password: MANAGER.password });
    expect(login.status).toBe(200);
    const cookie = login.headers['set-cookie']?.[0] ?? '';
    expect(cookie).toMatch(/^keel_session=[\w-]{43}; Path=\/; HttpOnly; SameSite=Strict$/);
    const me = await api('auth.me', {}, { Cookie: cookie.split(';')[0]! });
    expect(JSON.parse(me.body)).toMatchObject({ ok: true, value: { user: { username: 'dana' } } });
    const logout = await api('auth.logout', {}, { Cookie: cookie.split(';')[0]! });
    expect(logout.headers['set-cookie']?.[0]).toMatch(/Max-Age=0/);
    expect((await api('auth.me', {}, { Cookie: cookie.split(';')[0]! })).status).toBe(401);
  });

  it('refuses a foreign Host header, a foreign Origin and calls without X-Keel-Request', async () => {
    const foreignHost = await request('GET', '/api', { Host: 'evil.example:80' });
    expect(foreignHost.status).toBe(403);
    expect(JSON.parse(foreignHost.body).error.code).toBe('forbidden');
    const rebinding = await request('GET', '/', { Host: `attacker.example:${host.port}` });
    expect(rebinding.status).toBe(403);
    const foreignOrigin = await api('setup.status', {}, { Origin: 'https://evil.example' });
    expect(foreignOrigin.status).toBe(403);
    const noHeader = await request('POST', '/api/setup.status', { 'Content-Type': 'application/json' }, '{}');
    expect(noHeader.status).toBe(403);
    expect(JSON.parse(noHeader.body).error.message).toMatch(/X-Keel-Request/);
  });

  it('answers malformed JSON, unknown channels and wrong methods with typed errors', async () => {
    const bad = await request('POST', '/api/auth.login', { 'X-Keel-Request': '1' }, '{"username": ');
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toEqual({ ok: false, error: { code: 'invalid_input', message: 'The request body is not valid JSON.' } });
    expect((await api('no.such', {})).status).toBe(404);
    expect(JSON.parse((await api('no.such', {})).body).error.code).toBe('not_found');
    expect((await request('GET', '/api/auth.me')).status).toBe(404);
    const huge = await request('POST', '/api/auth.login', { 'X-Keel-Request': '1' }, JSON.stringify({ username: 'x'.repeat(31 * 1024 * 1024), password: 'y' }));
    expect(huge.status).toBe(413);
  });

  it('serves the renderer with a strict CSP, falls back to index.html for screens, and never leaves the folder', async () => {
    const index = await request('GET', '/');
    expect(index.status).toBe(200);
    expect(index.headers['content-security-policy']).toContain("script-src 'self'");
    expect(index.headers['content-security-policy']).not.toContain('unsafe');
    expect((await request('GET', '/settings/users')).body).toContain('<title>Keel</title>');
    expect((await request('GET', '/assets/app.js')).headers['content-type']).toMatch(/javascript/);
    expect((await request('GET', '/assets/missing.js')).status).toBe(404);
    const traversal = await request('GET', '/..%2f..%2f..%2fetc%2fpasswd');
    expect(traversal.body).not.toContain('root:');
    expect((await request('GET', '/%E0%A4%A.js')).status).toBe(404);
    expect((await request('POST', '/api/%E0%A4%A', { 'X-Keel-Request': '1' }, '{}')).status).toBe(404);
  });
});

describe('keel serve against floods and odd requests', () => {
  const signedIn = async () => {
    const login = await api('auth.login', { username: MANAGER.username, password: MANAGER.password });
    return { Cookie: String(login.headers['set-cookie']?.[0]).split(';')[0]! };
  };

  it('checks the session before reading a body: a big body signed out is refused without being read, and the connection closed', async () => {
    const huge = JSON.stringify(Object.fromEntries(Array.from({ length: 300_000 }, (_, i) => [`k${i}`, i])));
    const reply = await request('POST', '/api/users.list', { 'Content-Type': 'application/json', 'X-Keel-Request': '1' }, huge);
    expect(reply.status).toBe(401);
    expect(reply.headers.connection).toBe('close');
  });

  it('limits a body to about 1 MB (413, connection closed); only the upload and import channels take more', async () => {
    const cookie = await signedIn();
    const big = await request('POST', '/api/staff.list', { 'Content-Type': 'application/json', 'X-Keel-Request': '1', ...cookie }, JSON.stringify({ query: 'x'.repeat(2 * 1024 * 1024) }));
    expect(big.status).toBe(413);
    expect(big.headers.connection).toBe('close');
    expect(JSON.parse(big.body).error).toEqual({ code: 'invalid_input', message: 'The request is larger than 1 MB, the most this part of Keel accepts.' });
    // A 3 MB CSV goes through to the import preview, which reads it.
    const csv = `First name,Last name,Date of birth\n${'Annabelle,Smithersonovich,1980-03-07\n'.repeat(90_000)}`;
    expect(csv.length).toBeGreaterThan(3_000_000);
    const preview = await request('POST', '/api/patients.importPreview', { 'Content-Type': 'application/json', 'X-Keel-Request': '1', ...cookie }, JSON.stringify({ csv }));
    expect(preview.status, preview.body.slice(0, 300)).toBe(200);
    expect(JSON.parse(preview.body).value.rowCount).toBe(90_000);
  });

  it('cuts off a client that never finishes its headers', async () => {
    await host.close();
    host = await startWebHost({ app: keel.app, router: keel.router, staticDir, port: 0, timeouts: { headersMs: 300, requestMs: 600 } });
    const socket = net.connect(host.port, '127.0.0.1');
    socket.write(`POST /api/auth.login HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nX-Keel-Request: 1\r\n`);
    const closed = await new Promise<string>((resolve) => {
      let text = '';
      socket.on('data', (c: Buffer) => (text += c.toString()));
      socket.on('close', () => resolve(text));
      setTimeout(() => resolve('still open'), 5_000);
    });
    expect(closed).not.toBe('still open');
    expect(closed).toMatch(/^HTTP\/1\.1 408/);
  });

  it('treats a malformed session cookie as no session: 401, nothing logged', async () => {
    const logged: unknown[] = [];
    await host.close();
    host = await startWebHost({ app: { ...keel.app, logError: (e: unknown) => logged.push(e) }, router: keel.router, staticDir, port: 0 });
    const reply = await api('auth.me', {}, { Cookie: 'keel_session=%zz' });
    expect(reply.status).toBe(401);
    expect(JSON.parse(reply.body).error.code).toBe('unauthenticated');
    expect(logged).toEqual([]);
  });

  it('sends a locked session no events but its own lock, and refuses it a new event stream', async () => {
    const cookie = await signedIn();
    const token = cookie.Cookie.split('=')[1]!;
    const received: string[] = [];
    const stream = http.get({ host: '127.0.0.1', port: host.port, path: '/api/events', headers: { Host: `127.0.0.1:${host.port}`, ...cookie } }, (res) => res.on('data', (c: Buffer) => received.push(c.toString())));
    await new Promise((resolve) => setTimeout(resolve, 200));
    keel.app.events.emit('data.changed', { domains: ['patients'] });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(received.join('')).toContain('event: data.changed');
    received.length = 0;
    keel.app.sessions.lock(keel.app.sessions.get(token)!);
    keel.app.events.emit('session.locked', { reason: 'manual' }, token);
    keel.app.events.emit('data.changed', { domains: ['patients'] });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(received.join('')).toContain('event: session.locked');
    expect(received.join('')).not.toContain('data.changed');
    stream.destroy();
    const again = await request('GET', '/api/events', cookie);
    expect(again.status).toBe(423);
  });

  it('does not follow a symlink out of the renderer folder', async () => {
    const outside = tempDir('keel-outside-');
    fs.writeFileSync(path.join(outside, 'secret.txt'), 'patient list');
    fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(staticDir, 'assets', 'leak.txt'));
    fs.symlinkSync(outside, path.join(staticDir, 'linked'));
    expect((await request('GET', '/assets/leak.txt')).status).toBe(404);
    expect((await request('GET', '/linked/secret.txt')).status).toBe(404);
    expect((await request('GET', '/assets/leak.txt')).body).not.toContain('patient list');
    fs.rmSync(outside, { recursive: true, force: true });
  });
});
