import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { type Connect, defineConfig, type Plugin } from 'vite';
import { contractAddresses } from './contract-addresses.ts';
import { precompress } from './precompress.ts';

const api = process.env.CQTT_API ?? 'http://127.0.0.1:3000';

/** The citizens' pages (/p/...) are citizen.html, as the server answers them in production. */
const toCitizenPage: Connect.NextHandleFunction = (req, _res, next) => {
  if (req.url === '/p' || req.url?.startsWith('/p/')) req.url = '/citizen.html';
  next();
};
const citizenPages: Plugin = {
  name: 'cqtt-citizen-pages',
  configureServer: (server) => void server.middlewares.use(toCitizenPage),
  configurePreviewServer: (server) => void server.middlewares.use(toCitizenPage),
};

export default defineConfig({
  plugins: [contractAddresses(), react(), citizenPages, precompress()],
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      '/api': { target: api, changeOrigin: false },
    },
  },
  preview: {
    port: 5173,
    proxy: {
      '/api': { target: api, changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 900,
    rolldownOptions: {
      // The console (index.html) and the light pages for citizens (citizen.html, no antd).
      input: {
        index: fileURLToPath(new URL('index.html', import.meta.url)),
        // citizen.html is built by vite.citizen.config.ts (Preact, see that file)
      },
      output: {
        codeSplitting: {
          // React and the router change rarely: one long-cached chunk. antd is left to the
          // default splitting so each lazy page only loads the components it uses.
          groups: [{ name: 'react', test: /node_modules[\\/](react|react-dom|react-router|scheduler)[\\/]/ }],
        },
      },
    },
  },
});
