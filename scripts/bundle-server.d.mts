/** Rewrites `<outDir>/src/main.js` as the bundle of itself (see bundle-server.mjs). */
export function bundleServer(outDir: string): Promise<void>;
/** JavaScript source with every character past ASCII written as a `\uXXXX` escape (see bundle-server.mjs). */
export function asciiSource(text: string): string;
