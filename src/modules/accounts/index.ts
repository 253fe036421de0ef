export {
  SESSION_LIFETIME_MS,
  roles,
  roleDescriptions,
  isRole,
  minPasswordLength,
  type Role,
  type User,
  type SignedIn,
} from './accounts.js';
export { passwordWeakness } from './password-strength.js';
export { can, atLeast, type Action, type Actor, type ArticleSubject } from './accounts.policy.js';
export { signInLimits } from './sign-in-throttle.js';
export {
  createAccountsService,
  type AccountsService,
  type AccountLinks,
  type AuditActor,
  type KnownDevice,
  type NewUser,
  type ImportedMember,
  type Origin,
} from './accounts.service.js';
export { createStaffDirectory, type StaffDirectory } from './staff-directory.js';
