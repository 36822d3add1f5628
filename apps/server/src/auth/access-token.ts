import { SignJWT, jwtVerify } from 'jose';
import { deriveKey } from '../security/secret-box.js';

const ISSUER = 'scimflow';

/** Signs and verifies the OAuth2 access tokens of SCIM endpoints (JWT, HS256). */
export class AccessTokens {
  private readonly key: Uint8Array;

  constructor(
    secretKey: Buffer,
    private readonly ttlSeconds: number,
  ) {
    this.key = deriveKey(secretKey, 'scimflow oauth2 access token');
  }

  /**
   * Issues a token bound to one endpoint. `secretVersion` ties it to the current client secret,
   * so rotating the secret revokes the tokens issued under the old one.
   */
  async issue(
    endpointId: string,
    clientId: string,
    secretVersion: string,
  ): Promise<{ token: string; expiresIn: number }> {
    const token = await new SignJWT({ sv: secretVersion })
      .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
      .setIssuer(ISSUER)
      .setAudience(audience(endpointId))
      .setSubject(clientId)
      .setIssuedAt()
      .setExpirationTime(`${this.ttlSeconds}s`)
      .sign(this.key);
    return { token, expiresIn: this.ttlSeconds };
  }

  /** Returns the client id and secret version when the token is valid for the endpoint, else undefined. */
  async verify(
    token: string,
    endpointId: string,
  ): Promise<{ clientId: string; secretVersion: string } | undefined> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        issuer: ISSUER,
        audience: audience(endpointId),
        algorithms: ['HS256'],
        typ: 'at+jwt',
      });
      if (typeof payload.sub !== 'string' || typeof payload.sv !== 'string') return undefined;
      return { clientId: payload.sub, secretVersion: payload.sv };
    } catch {
      return undefined;
    }
  }
}

function audience(endpointId: string): string {
  return `scimflow:endpoint:${endpointId}`;
}

/** Returns a short, non-secret fingerprint of a stored secret hash, used as `secretVersion`. */
export function secretVersion(storedHash: string): string {
  return storedHash.slice(-12);
}
