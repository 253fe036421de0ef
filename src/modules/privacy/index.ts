export {
  ANONYMOUS_NAME,
  PRIVACY_LINK_LIFETIME_MS,
  erasureModes,
  isErasureMode,
  privacyJobs,
  privacyLimits,
  type AddressExport,
  type AddressSummary,
  type ErasureMode,
  type ErasureResult,
  type ExportedReply,
  type ExportedSubscription,
} from './privacy.js';
export { createPrivacyService, type PrivacyDeps, type PrivacyLinks, type PrivacyService, type VerifiedView } from './privacy.service.js';
export type { PrivacyRequestsTable } from './privacy.table.js';
