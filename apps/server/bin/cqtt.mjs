#!/usr/bin/env node
// The cqtt command: runs the TypeScript sources through tsx.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli.ts');
try {
  await main(process.argv.slice(2));
} catch (error) {
  console.error(`Lỗi: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
