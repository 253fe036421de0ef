import type { Container } from '../container.js';
import type { ChromeLoader } from './site-chrome.js';

/**
 * What a route module is handed: only the services it names (a slice of the container, still called
 * `container` so its call sites read as before) and the page frame loader. A module declares its
 * names next to its routes (`export const listingNeeds = ['articles'] as const`), and reaching for
 * anything else is a type error, not a quiet new dependency.
 */
export interface RouteDeps<K extends keyof Container> {
  container: Pick<Container, K>;
  chrome: ChromeLoader;
}

/** The service names a route module's `…Needs` list holds. */
export type NeedsOf<T extends readonly (keyof Container)[]> = T[number];

/** Hands a route module the services it names, and nothing else (at run time too: a plain object of those fields). */
export function routeDeps<K extends keyof Container>(
  services: Pick<Container, K>,
  chrome: ChromeLoader,
  needs: readonly K[],
): RouteDeps<K> {
  const slice = {} as Pick<Container, K>;
  for (const name of needs) slice[name] = services[name];
  return { container: slice, chrome };
}
