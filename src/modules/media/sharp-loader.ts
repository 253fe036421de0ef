import type Sharp from 'sharp';

/**
 * sharp (libvips, a native library of some 25 MB) loads with the first picture made or resized,
 * not with every process: serving pages never needs it (issue 12, "Footprint").
 */
let sharp: Promise<typeof Sharp> | undefined;

/** The sharp function, loaded on first use and kept. */
export function loadSharp(): Promise<typeof Sharp> {
  sharp ??= import('sharp').then((module) => module.default);
  return sharp;
}
