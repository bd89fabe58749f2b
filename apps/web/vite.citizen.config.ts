import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { precompress } from './precompress.ts';

/**
 * The citizens' pages (citizen.html) built on their own with Preact in place of React
 * (preact/compat, same components): the public rating page must ship at most 60 KB of gzipped
 * JavaScript (issue #5) and React alone is ~60 KB. Runs after the console's build, into the
 * same dist folder. `vite` (dev) still serves these pages with React.
 */
export default defineConfig({
  plugins: [precompress()],
  resolve: {
    alias: [
      { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
      { find: /^react-dom$/, replacement: 'preact/compat' },
      { find: /^react\/jsx-runtime$/, replacement: 'preact/jsx-runtime' },
      { find: /^react\/jsx-dev-runtime$/, replacement: 'preact/jsx-dev-runtime' },
      { find: /^react$/, replacement: 'preact/compat' },
    ],
  },
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    rolldownOptions: {
      input: { citizen: fileURLToPath(new URL('citizen.html', import.meta.url)) },
    },
  },
});
