/** Rewrites `<outDir>/src/main.js` as the bundle of itself (see bundle-server.mjs). */
export function bundleServer(outDir: string): Promise<void>;
