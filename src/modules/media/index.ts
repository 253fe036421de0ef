export { mediaWidths, mediaPath, srcset, fallbackSrc, type Media, type MediaVariant } from './media.js';
export { createMediaService, type MediaService } from './media.service.js';
