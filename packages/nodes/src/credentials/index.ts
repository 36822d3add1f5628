export {
  credentialTypes,
  forgetToken,
  credentialFieldsOf,
  secretFieldsOf,
  secretValuesOf,
  parseCredential,
  authenticate,
  testCredential,
} from './registry.js';
export {
  defineCredential,
  type AuthContext,
  type CredentialDefinition,
  type CredentialTestResult,
} from './types.js';
export { TokenCache, sharedTokenCache, type CachedToken } from './token-cache.js';
export {
  githubTokenCredential,
  githubAppCredential,
  GITHUB_API_VERSION,
  GITHUB_DEFAULT_BASE_URL,
  GITHUB_HEADERS,
} from './github.js';
export {
  googleServiceAccountCredential,
  GOOGLE_SCOPES,
  GOOGLE_DEFAULT_TOKEN_URI,
  parseServiceAccountKey,
} from './google.js';
export {
  httpBearerCredential,
  httpBasicCredential,
  httpHeaderCredential,
  basicAuthorization,
} from './http.js';
export { importRsaPrivateKey } from './pem.js';
