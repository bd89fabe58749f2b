import type { Plugin } from 'vite';

/**
 * The console needs of the contract only what it sends: each endpoint's method, address and
 * access, and the plain data the capability modules export (labels, page sizes). Their zod
 * schemas (params, query, body, response, example) are for the server's validation and for the
 * console's types, which TypeScript reads from the real modules. So in the console's bundle each
 * `@cqtt/contract/<capability>` import is replaced by the same exports with every schema left
 * out, computed at build time from the real module: zod and the schemas of every route (about a
 * third of the console's first load) never reach the browser. A module that exports anything
 * that is not plain data (a function) is bundled as it is.
 */
const PREFIX = '@cqtt/contract/';
const VIRTUAL = '\0cqtt-contract-addresses:';

const isSchema = (v: unknown) => typeof v === 'object' && v !== null && '_zod' in v;

/** Plain data with every schema left out, or undefined when the value holds something else. */
function plain(value: unknown): string | undefined {
  if (isSchema(value)) return 'undefined';
  let ok = true;
  const text = JSON.stringify(value, (_key, v: unknown) => {
    if (isSchema(v)) return undefined;
    if (typeof v === 'function' || typeof v === 'symbol' || typeof v === 'bigint') ok = false;
    return v;
  });
  return ok ? text : undefined;
}

export function contractAddresses(): Plugin {
  const stubs = new Map<string, string | null>();
  async function stubOf(name: string): Promise<string | null> {
    if (stubs.has(name)) return stubs.get(name)!;
    const { tsImport } = await import('tsx/esm/api');
    const mod = (await tsImport(`${PREFIX}${name}`, import.meta.url)) as Record<string, unknown>;
    const lines: string[] = [];
    for (const [key, value] of Object.entries(mod)) {
      const text = plain(value);
      if (text === undefined) {
        stubs.set(name, null);
        return null;
      }
      lines.push(key === 'default' ? `export default ${text};` : `export const ${key} = ${text};`);
    }
    const code = lines.join('\n');
    stubs.set(name, code);
    return code;
  }
  return {
    name: 'cqtt-contract-addresses',
    enforce: 'pre',
    apply: 'build',
    async resolveId(source, importer) {
      if (!source.startsWith(PREFIX) || !importer || importer.includes('/packages/contract/')) return null;
      const name = source.slice(PREFIX.length);
      return (await stubOf(name)) === null ? null : `${VIRTUAL}${name}`;
    },
    async load(id) {
      if (!id.startsWith(VIRTUAL)) return null;
      return stubOf(id.slice(VIRTUAL.length));
    },
  };
}
