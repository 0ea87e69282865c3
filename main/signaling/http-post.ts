// One JSON POST over node:http/https with kept-alive connections: the signaling egress sits on the
// path from a room's offer to its CallRinging, and fetch's per-request overhead showed in the p99.
// It goes through the proxy the network needs (main/net/proxy.ts), like every call to Amazon.
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { requestOptions } from '../net/agents.js';
import { cachedProxyRoute, proxyRouteFor, type ProxyRoute } from '../net/proxy.js';

export interface PostReply {
  status: number;
  /** The body, cut at `maxBody` characters; empty for 2xx (it is not read). */
  text: string;
}

/** Why no reply came: `timeout`, or the socket error's code (ECONNREFUSED, ENOTFOUND, …). */
export class PostError extends Error {
  constructor(readonly code: string) {
    super(code === 'timeout' ? 'no reply in time' : code === 'unknown' ? 'network error' : `network error (${code})`);
  }
}

export function postJson(url: string, headers: Record<string, string>, body: string, opts: { timeoutMs: number; maxBody: number }): Promise<PostReply> {
  const target = new URL(url);
  if (target.protocol !== 'https:' && target.protocol !== 'http:') return Promise.reject(new PostError('EPROTO'));
  const route = cachedProxyRoute(target);
  return route ? post(target, route, headers, body, opts) : proxyRouteFor(target).then((r) => post(target, r, headers, body, opts));
}

function post(target: URL, route: ProxyRoute, headers: Record<string, string>, body: string, opts: { timeoutMs: number; maxBody: number }): Promise<PostReply> {
  const { secure, ...options } = requestOptions(target, route);
  const request = secure ? httpsRequest : httpRequest;

  return new Promise((resolve, reject) => {
    const req = request({
      ...options,
      method: 'POST',
      headers: { ...options.headers, ...headers, 'Content-Length': Buffer.byteLength(body) },
    });
    const timer = setTimeout(() => req.destroy(new PostError('timeout')), opts.timeoutMs);
    const fail = (err: Error) => {
      clearTimeout(timer);
      reject(err instanceof PostError ? err : new PostError(codeOf(err)));
    };
    req.on('error', fail);
    req.on('response', (res: IncomingMessage) => {
      const status = res.statusCode ?? 0;
      res.on('error', fail);
      // Closed before its end (cut off, or destroyed by the timeout): a no-op once settled.
      res.on('close', () => fail(new PostError(res.complete ? 'unknown' : 'ECONNRESET')));
      if (status >= 200 && status < 300) {
        // Drained, not read: the socket goes back to the pool for the next message.
        res.resume();
        res.on('end', () => {
          clearTimeout(timer);
          resolve({ status, text: '' });
        });
        return;
      }
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        if (text.length < opts.maxBody) text += chunk;
      });
      res.on('end', () => {
        clearTimeout(timer);
        resolve({ status, text: text.slice(0, opts.maxBody) });
      });
    });
    req.end(body);
  });
}

function codeOf(err: Error): string {
  const code = (err as NodeJS.ErrnoException).code;
  return typeof code === 'string' && /^[A-Z_]{2,40}$/.test(code) ? code : 'unknown';
}
