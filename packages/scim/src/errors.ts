/**
 * The `scimType` values of RFC 7644 §3.12, available both as a value (`ScimType.invalidFilter`)
 * and as a type.
 */
export const ScimType = {
  invalidFilter: 'invalidFilter',
  tooMany: 'tooMany',
  uniqueness: 'uniqueness',
  mutability: 'mutability',
  invalidSyntax: 'invalidSyntax',
  invalidPath: 'invalidPath',
  noTarget: 'noTarget',
  invalidValue: 'invalidValue',
  invalidVers: 'invalidVers',
  sensitive: 'sensitive',
} as const;

export type ScimType = (typeof ScimType)[keyof typeof ScimType];

const ERROR_URN = 'urn:ietf:params:scim:api:messages:2.0:Error';

/** The JSON body of a SCIM error response (RFC 7644 §3.12). */
export interface ScimErrorJson {
  schemas: [typeof ERROR_URN];
  status: string;
  scimType?: ScimType;
  detail: string;
}

/**
 * An error that maps to a SCIM error response. `status` is the HTTP status, `scimType` the RFC 7644
 * error keyword where one applies, and `detail` the human-readable message.
 */
export class ScimError extends Error {
  readonly status: number;
  readonly scimType: ScimType | undefined;
  readonly detail: string;

  constructor(status: number, detail: string, scimType?: ScimType) {
    super(detail);
    this.name = 'ScimError';
    this.status = status;
    this.scimType = scimType;
    this.detail = detail;
  }

  /** Builds the RFC 7644 error body, with `status` as a string as the RFC requires. */
  toJSON(): ScimErrorJson {
    const body: ScimErrorJson = {
      schemas: [ERROR_URN],
      status: String(this.status),
      detail: this.detail,
    };
    if (this.scimType !== undefined) body.scimType = this.scimType;
    return body;
  }
}

/**
 * The error catalogue: one constructor per stable code, each fixing the HTTP status. Every other
 * module builds its errors here so a code always maps to the same status.
 */
export const scimErrors = {
  invalidFilter: (detail: string) => new ScimError(400, detail, ScimType.invalidFilter),
  invalidSyntax: (detail: string) => new ScimError(400, detail, ScimType.invalidSyntax),
  invalidValue: (detail: string) => new ScimError(400, detail, ScimType.invalidValue),
  invalidPath: (detail: string) => new ScimError(400, detail, ScimType.invalidPath),
  noTarget: (detail: string) => new ScimError(400, detail, ScimType.noTarget),
  mutability: (detail: string) => new ScimError(400, detail, ScimType.mutability),
  tooMany: (detail: string) => new ScimError(400, detail, ScimType.tooMany),
  invalidVers: (detail: string) => new ScimError(400, detail, ScimType.invalidVers),
  sensitive: (detail: string) => new ScimError(403, detail, ScimType.sensitive),
  uniqueness: (detail: string) => new ScimError(409, detail, ScimType.uniqueness),
  unauthorized: (detail: string) => new ScimError(401, detail),
  forbidden: (detail: string) => new ScimError(403, detail),
  notFound: (detail: string) => new ScimError(404, detail),
  preconditionFailed: (detail: string) => new ScimError(412, detail),
  payloadTooLarge: (detail: string) => new ScimError(413, detail),
  internal: (detail: string) => new ScimError(500, detail),
  notImplemented: (detail: string) => new ScimError(501, detail),
} as const;
