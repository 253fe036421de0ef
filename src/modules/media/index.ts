export {
  ALT_LIMIT,
  checkAlt,
  imageMarkdown,
  mediaKeysIn,
  mediaWidths,
  mediaPath,
  srcset,
  fallbackSrc,
  largestJpeg,
  type Media,
  type MediaVariant,
} from './media.js';
export { createMediaService, type MediaService, type MediaServiceDeps } from './media.service.js';
export { defaultIconSvg, mediaIconPng, squareIconPng, ICON_SIZE } from './media-icon.js';
