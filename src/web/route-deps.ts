import type { Container } from '../container.js';
import type { ChromeLoader } from './site-chrome.js';

/** What route modules are handed: the container's services and the page frame loader. */
export interface RouteDeps {
  container: Container;
  chrome: ChromeLoader;
}
