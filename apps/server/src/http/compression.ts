import { existsSync, readFileSync, statSync } from 'node:fs';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

export type Encoding = 'br' | 'gzip';

/**
 * The encodings a client accepts among brotli and gzip, brotli first. `q=0` refuses an
 * encoding; `*` stands for the ones not named.
 */
export function acceptedEncodings(header: string | string[] | undefined): Encoding[] {
  const value = Array.isArray(header) ? header.join(',') : header;
  if (!value) return [];
  const q = new Map<string, number>();
  for (const part of value.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const weight = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const n = weight ? Number(weight.slice(2)) : 1;
    q.set(name, Number.isFinite(n) ? n : 0);
  }
  const accepts = (e: string) => (q.get(e) ?? q.get('*') ?? 0) > 0;
  return (['br', 'gzip'] as const).filter(accepts);
}

function addVary(reply: FastifyReply) {
  const vary = reply.getHeader('vary');
  const current = Array.isArray(vary) ? vary.join(', ') : vary === undefined ? '' : String(vary);
  if (/(^|,)\s*(accept-encoding|\*)\s*(,|$)/i.test(current)) return;
  reply.header('vary', current ? `${current}, Accept-Encoding` : 'Accept-Encoding');
}

/** Answers that are text: JSON above all, also the API docs' script and the OpenAPI document. */
const TEXT = /^(application\/(json|javascript|problem\+json)|text\/|image\/svg\+xml)/i;

/**
 * Compresses answers held in memory (strings and buffers: the API's JSON, the API docs) of at
 * least `threshold` bytes with brotli (quality 4: a third of gzip's time for smaller output on
 * JSON) or gzip, as the client accepts. Files are not touched here: the console's assets are
 * compressed once at build time and sent as they are (@fastify/static `preCompressed`).
 * Compression runs on libuv's thread pool, not on the event loop.
 */
export function installCompression(app: FastifyInstance, threshold = 1024) {
  app.addHook('onSend', async (req: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    if (reply.hasHeader('content-encoding')) return payload;
    const type = reply.getHeader('content-type');
    if (typeof type !== 'string' || !TEXT.test(type)) return payload;
    const size = typeof payload === 'string' ? Buffer.byteLength(payload) : payload.length;
    if (size < threshold) return payload;
    addVary(reply);
    const encoding = acceptedEncodings(req.headers['accept-encoding'])[0];
    if (!encoding) return payload;
    const body =
      encoding === 'br'
        ? await brotli(payload, {
            params: {
              [constants.BROTLI_PARAM_QUALITY]: 4,
              [constants.BROTLI_PARAM_SIZE_HINT]: size,
              [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
            },
          })
        : await gz(payload, { level: 6 });
    reply.header('content-encoding', encoding);
    reply.removeHeader('content-length');
    return body;
  });
}

interface PageFile {
  mtimeMs: number;
  plain: Buffer;
  br: Buffer | null;
  gzip: Buffer | null;
}

/**
 * An HTML page of the built console (index.html, citizen.html) with its precompressed copies,
 * read once and again only when the file changes (a new build), for the SPA fallback.
 */
export function pageFile(path: string) {
  let cached: PageFile | null = null;
  const load = (): PageFile | null => {
    let mtimeMs: number;
    try {
      mtimeMs = statSync(path).mtimeMs;
    } catch {
      return null;
    }
    if (cached?.mtimeMs === mtimeMs) return cached;
    const copy = (suffix: string) => {
      const file = `${path}${suffix}`;
      // a copy older than the page belongs to an earlier build
      return existsSync(file) && statSync(file).mtimeMs >= mtimeMs ? readFileSync(file) : null;
    };
    cached = { mtimeMs, plain: readFileSync(path), br: copy('.br'), gzip: copy('.gz') };
    return cached;
  };
  return {
    exists: () => load() !== null,
    send(req: FastifyRequest, reply: FastifyReply) {
      const page = load();
      if (!page) return false;
      reply.type('text/html; charset=utf-8');
      if (page.br || page.gzip) addVary(reply);
      const encoding = acceptedEncodings(req.headers['accept-encoding']).find((e) =>
        e === 'br' ? page.br : page.gzip,
      );
      if (encoding) {
        reply.header('content-encoding', encoding);
        reply.send(encoding === 'br' ? page.br : page.gzip);
      } else reply.send(page.plain);
      return true;
    },
  };
}
