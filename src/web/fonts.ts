import { createRequire } from 'node:module';
import { basename, dirname } from 'node:path';

/**
 * The typefaces Gazette serves itself (never a font CDN): Source Serif 4 for headlines and text,
 * Source Sans 3 for kickers, bylines and navigation. Variable fonts, so one file per style covers
 * every weight; the Latin subset only (the `unicode-range` in site.css says so to the browser).
 * The @font-face rules live in site.css, whose URLs are `fontPath(file)`.
 */
export interface SiteFont {
  /** The npm package the file comes from (pinned to an exact version in package.json). */
  pkg: string;
  /** Its file name under the package's `files/`, which is also its name under `/assets/fonts/`. */
  file: string;
  /** Wanted for the first paint of every page: `<link rel="preload">`. */
  preload: boolean;
}

/** Every font file served, and the only ones. */
export const siteFonts: readonly SiteFont[] = [
  { pkg: '@fontsource-variable/source-serif-4', file: 'source-serif-4-latin-wght-normal.woff2', preload: true },
  { pkg: '@fontsource-variable/source-serif-4', file: 'source-serif-4-latin-wght-italic.woff2', preload: false },
  { pkg: '@fontsource-variable/source-sans-3', file: 'source-sans-3-latin-wght-normal.woff2', preload: true },
];

/** The URL a font file is served at. */
export function fontPath(file: string): string {
  return `/assets/fonts/${file}`;
}

/** The files worth preloading on every page (headline serif, the sans of the navigation). */
export const preloadedFonts: readonly string[] = siteFonts.filter((f) => f.preload).map((f) => fontPath(f.file));

/**
 * Where each served font file lies on disk, found through the package's own `exports`
 * (`./files/*.woff2`), so hoisting or a nested node_modules does not matter.
 */
export function fontFiles(): Map<string, { dir: string; name: string }> {
  const require = createRequire(import.meta.url);
  return new Map(
    siteFonts.map((f) => {
      const path = require.resolve(`${f.pkg}/files/${f.file}`);
      return [f.file, { dir: dirname(path), name: basename(path) }];
    }),
  );
}
