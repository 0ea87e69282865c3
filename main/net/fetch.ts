// The `fetch` the console uses to reach Amazon (Login with Amazon, the ASP setup APIs): the same
// proxy-aware, kept-alive connections as signaling (./agents.ts), returning a standard Response.
// Bodies are small JSON or form text, read whole (at most 1 MiB).
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { requestOptions } from './agents.js';
import { proxyRouteFor } from './proxy.js';

const MAX_RESPONSE_BYTES = 1024 * 1024;

export const netFetch: typeof fetch = async (input, init = {}) => {
  const target = new URL(input instanceof Request ? input.url : String(input));
  if (target.protocol !== 'https:' && target.protocol !== 'http:') throw new TypeError(`fetch: unsupported protocol ${target.protocol}`);
  const body = init.body === undefined || init.body === null ? undefined : typeof init.body === 'string' ? init.body : String(init.body);
  const headers: Record<string, string> = {};
  new Headers(init.headers).forEach((value, name) => (headers[name] = value));
  const { secure, ...options } = requestOptions(target, await proxyRouteFor(target));
  const signal = init.signal ?? undefined;
  signal?.throwIfAborted();

  return new Promise<Response>((resolve, reject) => {
    const req = (secure ? httpsRequest : httpRequest)({
      ...options,
      method: init.method ?? 'GET',
      headers: { ...options.headers, ...headers, ...(body !== undefined && { 'content-length': String(Buffer.byteLength(body)) }) },
      signal,
    });
    req.on('error', (e) => reject(signal?.aborted ? signal.reason : new TypeError('fetch failed', { cause: e })));
    req.on('response', (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_RESPONSE_BYTES) return void req.destroy(new Error('response larger than 1 MiB'));
        chunks.push(chunk);
      });
      res.on('error', (e) => reject(new TypeError('fetch failed', { cause: e })));
      res.on('end', () => {
        const responseHeaders = new Headers();
        for (const [name, value] of Object.entries(res.headers)) {
          for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) responseHeaders.append(name, v);
        }
        const status = res.statusCode ?? 0;
        const nullBody = status === 204 || status === 304 || (init.method ?? 'GET').toUpperCase() === 'HEAD';
        resolve(new Response(nullBody ? null : Buffer.concat(chunks), { status, statusText: res.statusMessage ?? '', headers: responseHeaders }));
      });
    });
    req.end(body);
  });
};
