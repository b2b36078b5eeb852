export {
  AuthStore,
  AUTH_FILE,
  AUTH_LOCK_FILE,
  TOKEN_PREFIX,
  type Authentication,
  type AuthStoreOptions,
  type TokenInfo,
  type User,
} from './auth-store.js';
export {
  AuthFileError,
  AuthLockedError,
  InvalidUserNameError,
  UnknownTokenError,
  UnknownUserError,
  UserExistsError,
  WeakPasswordError,
} from './auth-errors.js';
export { MIN_PASSWORD_LENGTH, MAX_PASSWORD_LENGTH } from './password-hash.js';
