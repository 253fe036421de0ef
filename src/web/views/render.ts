import type { VNode } from 'preact';
import { render } from 'preact-render-to-string';

/** Renders a full page component to an HTML document string. */
export function renderDocument(page: VNode): string {
  return '<!DOCTYPE html>' + render(page);
}

/** Renders a fragment (e.g. one reply for the inline form) to HTML. */
export function renderFragment(node: VNode): string {
  return render(node);
}
