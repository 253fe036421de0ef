export {
  hashToken,
  tokenScopes,
  TOKEN_PREFIX,
  LAST_USED_RESOLUTION_MS,
  type ApiTokenInfo,
  type MemberToken,
  TOKEN_NAME_LIMIT,
  type TokenScope,
} from './api-tokens.js';
export { createApiTokensService, type ApiTokensService, type TokenHolder } from './api-tokens.service.js';
