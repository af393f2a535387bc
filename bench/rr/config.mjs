import { fileURLToPath } from 'node:url';
export default {
  resolve: { alias: [{ find: /^react-router$/, replacement: fileURLToPath(import.meta.resolve('react-router').replace('/development/', '/production/')) }] },
  build: { lib: false, rollupOptions: { input: process.env.ENTRY, external: ['react', 'react-dom'] }, outDir: '/tmp/rr-out-' + process.env.NAME, emptyOutDir: true, minify: true },
  logLevel: 'silent'
};
