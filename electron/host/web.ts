import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { DEFAULT_MAX_INPUT_BYTES, maxInputBytesOf } from '../../shared/contract/channel';
import { contract, HTTP_STATUS, isChannelName, type ApiError, type Result } from '../../shared/contract/index';
import { mayReceive } from '../../shared/contract/events';
import { describeChannels } from '../core/catalog';
import { resolveRendererFile } from '../core/renderer-files';
import type { CallOutcome, CallRequest } from '../core/router';
import type { Runtime } from '../core/runtime';
import { CONTENT_SECURITY_POLICY } from '../core/security';

export const SESSION_COOKIE = 'keel_session';
/** Other web pages cannot set this header on a cross-site request without a CORS preflight, which is never granted. */
export const REQUEST_HEADER = 'x-keel-request';
/** Set by the renderer on calls made by a timer (a screen refreshing itself): they do not keep the session awake. */
export const BACKGROUND_HEADER = 'x-keel-background';
/** One random id per browser, so sign-in failures are counted per browser (everything here comes from 127.0.0.1). */
export const DEVICE_COOKIE = 'keel_device';
/** A client must send its headers, and its whole request, within these. */
const HEADERS_TIMEOUT_MS = 10_000;
const REQUEST_TIMEOUT_MS = 120_000;

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

export interface WebHostOptions {
  /** Events, sessions and the error log: a KeelApp, or a Runtime (which may be in recovery). */
  app: Pick<Runtime, 'events' | 'sessions' | 'logError'>;
  /** `admit` (session and permission, before any body is read) when the router has it. */
  router: { call(request: CallRequest): Promise<CallOutcome>; admit?(request: Pick<CallRequest, 'token' | 'channel'>): Promise<object | CallOutcome> };
  /** The built renderer (index.html and assets). */
  staticDir: string;
  /** 0 picks a free port. */
  port: number;
  /** How long a client may take to send its headers and its whole request (tests shorten them). */
  timeouts?: { headersMs: number; requestMs: number };
}

export interface WebHost {
  url: string;
  port: number;
  close(): Promise<void>;
}

const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
});

function sendJson(res: http.ServerResponse, status: number, body: unknown, extra: Record<string, string | string[]> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-store',
    ...extra,
  });
  res.end(text);
}

function sendError(res: http.ServerResponse, error: ApiError): void {
  const result: Result<never> = { ok: false, error };
  sendJson(res, HTTP_STATUS[error.code], result);
}

/** decodeURIComponent that answers null for a malformed escape instead of throwing. */
function decodePath(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/** A cookie's value; a malformed one (`%zz`) counts as absent, never as an error. Keel's own values need no decoding. */
function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key !== name) continue;
    const value = rest.join('=');
    return /^[\w-]{1,200}$/.test(value) ? value : null;
  }
  return null;
}

function sessionCookie(token: string | null): string {
  const attributes = 'Path=/; HttpOnly; SameSite=Strict';
  return token === null ? `${SESSION_COOKIE}=; ${attributes}; Max-Age=0` : `${SESSION_COOKIE}=${token}; ${attributes}`;
}

/** The body, or 'too_large' as soon as it passes `limit` (it is not read further). */
function readBody(req: http.IncomingMessage, limit: number): Promise<string | 'too_large'> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) return Promise.resolve('too_large');
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        req.pause();
        resolve('too_large');
      } else chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** 413, and the connection closed, so the rest of an oversized body is never read. */
function sendTooLarge(res: http.ServerResponse, limit: number): void {
  const message = `The request is larger than ${Math.round(limit / 1024 / 1024)} MB, the most this part of Keel accepts.`;
  const text = JSON.stringify({ ok: false, error: { code: 'invalid_input', message } });
  res.writeHead(413, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(Buffer.byteLength(text)), 'Cache-Control': 'no-store', Connection: 'close' });
  res.end(text, () => res.req.socket.destroy());
}

/**
 * `keel serve`: the same router as the desktop IPC, over HTTP on 127.0.0.1 only,
 * plus the built renderer. Session by HttpOnly SameSite=Strict cookie and a
 * required `X-Keel-Request: 1` header; a foreign Host or Origin is refused.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const { app, router, staticDir } = options;
  let port = options.port;
  const staticRoot = path.resolve(staticDir);
  const streams = new Set<{ res: http.ServerResponse; token: string }>();

  const stopEvents = app.events.listen((event) => {
    for (const stream of streams) {
      if (event.token !== undefined && event.token !== stream.token) continue;
      // A locked or ended session never hears about the clinic's data.
      if (!mayReceive(event.name, app.sessions.get(stream.token))) continue;
      stream.res.write(`event: ${event.name}\ndata: ${JSON.stringify(event.payload)}\n\n`);
    }
  });

  let allowedHosts = new Set<string>();
  let allowedOrigins = new Set<string>();

  async function handleApiCall(req: http.IncomingMessage, res: http.ServerResponse, channel: string): Promise<void> {
    if (req.headers[REQUEST_HEADER] !== '1') {
      sendError(res, { code: 'forbidden', message: 'Requests to the Keel API must carry the header X-Keel-Request: 1.' });
      return;
    }
    const token = readCookie(req.headers.cookie, SESSION_COOKIE);
    // Session and permission first: nobody signed out can make Keel read or parse a body.
    if (router.admit) {
      const admitted = await router.admit({ token, channel });
      if ('result' in admitted) {
        sendCallOutcome(res, admitted, { Connection: 'close' });
        res.once('finish', () => req.socket.destroy());
        return;
      }
    }
    const spec = isChannelName(channel) ? contract[channel] : undefined;
    const limit = spec ? maxInputBytesOf(spec) : DEFAULT_MAX_INPUT_BYTES;
    const body = await readBody(req, limit);
    if (body === 'too_large') {
      sendTooLarge(res, limit);
      return;
    }
    let input: unknown = {};
    if (body.trim() !== '') {
      try {
        input = JSON.parse(body);
      } catch {
        sendError(res, { code: 'invalid_input', message: 'The request body is not valid JSON.' });
        return;
      }
    }
    const outcome = await router.call({ token, channel, input, source: sourceOf(req), background: req.headers[BACKGROUND_HEADER] === '1' });
    sendCallOutcome(res, outcome);
  }

  function sendCallOutcome(res: http.ServerResponse, outcome: CallOutcome, headers: Record<string, string> = {}): void {
    const extra: Record<string, string> = { ...headers };
    if (outcome.session && 'start' in outcome.session) extra['Set-Cookie'] = sessionCookie(outcome.session.start);
    if (outcome.session && 'end' in outcome.session) extra['Set-Cookie'] = sessionCookie(null);
    const status = outcome.result.ok ? 200 : HTTP_STATUS[outcome.result.error.code];
    sendJson(res, status, outcome.result, extra);
  }

  /** Which browser a call came from: its device cookie, else its address. */
  function sourceOf(req: http.IncomingMessage): string {
    const device = readCookie(req.headers.cookie, DEVICE_COOKIE);
    return device ? `browser:${device}` : `address:${req.socket.remoteAddress ?? 'unknown'}`;
  }

  function handleEvents(req: http.IncomingMessage, res: http.ServerResponse): void {
    const token = readCookie(req.headers.cookie, SESSION_COOKIE);
    const session = app.sessions.get(token);
    if (!session) {
      sendError(res, { code: 'unauthenticated', message: 'Please sign in.' });
      return;
    }
    if (session.locked) {
      sendError(res, { code: 'locked', message: 'Keel is locked. Enter your password to continue.' });
      return;
    }
    res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    res.write(': connected\n\n');
    const stream = { res, token: token! };
    streams.add(stream);
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 25_000);
    req.on('close', () => {
      clearInterval(keepAlive);
      streams.delete(stream);
    });
  }

  function serveStatic(req: http.IncomingMessage, res: http.ServerResponse, pathname: string): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendError(res, { code: 'not_found', message: 'Not found.' });
      return;
    }
    const resolved = resolveRendererFile(staticRoot, pathname);
    if (!resolved.ok) {
      sendError(res, { code: 'not_found', message: 'Not found.' });
      return;
    }
    const file = resolved.file;
    const type = MIME[path.extname(file)] ?? 'application/octet-stream';
    const isHtml = file.endsWith('.html');
    const cache = isHtml ? 'no-store' : 'public, max-age=31536000, immutable';
    const content = fs.readFileSync(file);
    const device: Record<string, string> = isHtml && !readCookie(req.headers.cookie, DEVICE_COOKIE) ? { 'Set-Cookie': `${DEVICE_COOKIE}=${randomBytes(16).toString('base64url')}; Path=/; HttpOnly; SameSite=Strict; Max-Age=31536000` } : {};
    res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': type, 'Cache-Control': cache, 'Content-Length': String(content.length), ...device });
    res.end(req.method === 'HEAD' ? undefined : content);
  }

  // A client that sends its headers or its body too slowly is cut off, not waited for.
  const headersTimeout = options.timeouts?.headersMs ?? HEADERS_TIMEOUT_MS;
  const requestTimeout = options.timeouts?.requestMs ?? REQUEST_TIMEOUT_MS;
  const server = http.createServer({ headersTimeout, requestTimeout, connectionsCheckingInterval: Math.min(1_000, headersTimeout) }, (req, res) => {
    void (async () => {
      try {
        const host = req.headers.host ?? '';
        if (!allowedHosts.has(host)) {
          sendError(res, { code: 'forbidden', message: `Keel only answers requests addressed to 127.0.0.1:${port}.` });
          return;
        }
        const origin = req.headers.origin;
        if (origin !== undefined && !allowedOrigins.has(origin)) {
          sendError(res, { code: 'forbidden', message: 'Requests from other web pages are refused.' });
          return;
        }
        const pathname = (req.url ?? '/').split('?', 1)[0]!;
        if (pathname === '/api' || pathname === '/api/') {
          if (req.method !== 'GET') {
            sendError(res, { code: 'not_found', message: 'Use GET /api for the list of channels, POST /api/<channel> to call one.' });
            return;
          }
          sendJson(res, 200, { ok: true, value: describeChannels() });
          return;
        }
        if (pathname === '/api/events' && req.method === 'GET') {
          handleEvents(req, res);
          return;
        }
        if (pathname.startsWith('/api/')) {
          if (req.method !== 'POST') {
            sendError(res, { code: 'not_found', message: 'Call a channel with POST /api/<channel>.' });
            return;
          }
          await handleApiCall(req, res, decodePath(pathname.slice('/api/'.length)) ?? '');
          return;
        }
        serveStatic(req, res, pathname);
      } catch (error) {
        app.logError(error, `HTTP ${req.method} ${req.url}`);
        if (!res.headersSent) sendError(res, { code: 'internal', message: 'Something went wrong inside Keel; nothing was changed.' });
        else res.end();
      }
    })();
  });

  server.keepAliveTimeout = 5_000;
  server.maxHeadersCount = 100;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  allowedOrigins = new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);

  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    async close() {
      stopEvents();
      for (const stream of streams) stream.res.end();
      streams.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
