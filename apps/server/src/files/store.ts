import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { link, mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';

/**
 * Where the bytes of uploaded files live. Keys are generated here (never the
 * user's file name), so a name cannot reach the file system.
 */
export interface FileStore {
  /** Stores the bytes under a key from newStorageKey(); refuses a key already used. */
  put(key: string, bytes: Uint8Array): Promise<void>;
  /** The bytes of a key; rejects when the key is unknown. */
  get(key: string): Promise<Readable>;
  /** Removes a key (used when the database refuses the row that would point to it). */
  delete(key: string): Promise<void>;
}

/** Keys look like "3f/3f2a…-uuid": a two-character folder keeps folders small. */
const KEY = /^[0-9a-f]{2}\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function isStorageKey(key: string): boolean {
  return KEY.test(key);
}

/** A new generated key: a random uuid, never anything the user sent. */
export function newStorageKey(): string {
  const id = randomUUID();
  return `${id.slice(0, 2)}/${id}`;
}

/** Files on the local disk, under `<root>/<2 chars>/<uuid>`. */
export function localFileStore(root: string): FileStore {
  const pathOf = (key: string) => {
    if (!KEY.test(key)) throw new Error(`invalid storage key ${JSON.stringify(key)}`);
    return join(root, key);
  };
  return {
    async put(key, bytes) {
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true });
      // written whole under a temporary name, then linked: a reader never sees half a
      // file, and link() fails rather than overwrite a key already used
      const partial = `${path}.part`;
      await writeFile(partial, bytes, { flag: 'wx', mode: 0o640 });
      try {
        await link(partial, path);
      } finally {
        await rm(partial, { force: true });
      }
    },
    get(key) {
      const stream = createReadStream(pathOf(key));
      // resolve once the file is open, so a missing file rejects here rather than mid-reply
      return new Promise((resolve, reject) => {
        stream.once('open', () => resolve(stream));
        stream.once('error', reject);
      });
    },
    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
  };
}

const stores = new Map<string, FileStore>();

/** The store of a files folder (one per folder, shared by every capability). */
export function fileStoreAt(root: string): FileStore {
  let store = stores.get(root);
  if (!store) {
    store = localFileStore(root);
    stores.set(root, store);
  }
  return store;
}
