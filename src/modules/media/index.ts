export { mediaWidths, mediaPath, srcset, fallbackSrc, type Media, type MediaVariant } from './media.js';
export { createMediaService, type MediaService, type MediaServiceDeps } from './media.service.js';
