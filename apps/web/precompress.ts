import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'vite';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/** Text files worth compressing; images and fonts are compressed already. */
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|webmanifest|txt|map)$/;
/** Below this a compressed copy saves less than its headers cost. */
const MIN_BYTES = 1024;

function* files(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else yield path;
  }
}

/**
 * Writes `name.br` (brotli, best quality) and `name.gz` (gzip -9) beside every text file of the
 * build, once, at build time: the server sends the one the browser accepts (@fastify/static
 * `preCompressed`) and compresses nothing per request. The console's first load goes from
 * ~1.1 MB to ~0.3 MB. Files whose compressed copies are already newer are left alone, so the
 * second build (citizen.html, same folder) only compresses what it wrote.
 */
export function precompress(): Plugin {
  let outDir = 'dist';
  return {
    name: 'cqtt-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = join(config.root, config.build.outDir);
    },
    async closeBundle() {
      const work: Promise<void>[] = [];
      for (const file of files(outDir)) {
        if (!COMPRESSIBLE.test(file)) continue;
        const stat = statSync(file);
        if (stat.size < MIN_BYTES) continue;
        const fresh = (copy: string) => {
          try {
            return statSync(copy).mtimeMs >= stat.mtimeMs;
          } catch {
            return false;
          }
        };
        if (fresh(`${file}.br`) && fresh(`${file}.gz`)) continue;
        const body = readFileSync(file);
        work.push(
          (async () => {
            const [br, gzipped] = await Promise.all([
              brotli(body, {
                params: {
                  [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
                  [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
                },
              }),
              gz(body, { level: 9 }),
            ]);
            // a copy that is not smaller is not written: the server then sends the file itself
            if (br.length < body.length) writeFileSync(`${file}.br`, br);
            if (gzipped.length < body.length) writeFileSync(`${file}.gz`, gzipped);
          })(),
        );
      }
      await Promise.all(work);
    },
  };
}
