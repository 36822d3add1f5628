import { describe, expect, test } from 'vitest';
import {
  ATTRIBUTE_CATALOGUE,
  ErrorSchema,
  ResourceTypeSchema,
  resourceTypes,
  SCHEMAS,
  SchemaDefinitionSchema,
  schemaDocuments,
  ScimError,
  scimErrors,
  ServiceProviderConfigSchema,
  serviceProviderConfig,
} from '@scimflow/scim';

const BASE = 'http://127.0.0.1:3000/scim/v2/acme/';

describe('serviceProviderConfig', () => {
  test('advertises supported features', () => {
    const config = serviceProviderConfig({ maxResults: 100, baseUrl: BASE });

    expect(ServiceProviderConfigSchema.parse(config)).toEqual(config);
    expect(config.patch.supported).toBe(true);
    expect(config.bulk.supported).toBe(false);
    expect(config.filter).toEqual({ supported: true, maxResults: 100 });
    expect(config.changePassword.supported).toBe(false);
    expect(config.sort.supported).toBe(false);
    expect(config.etag.supported).toBe(false);
    expect(config.authenticationSchemes.map((scheme) => scheme.type)).toEqual([
      'oauthbearertoken',
      'httpbasic',
    ]);
    expect(config.meta?.location).toBe('http://127.0.0.1:3000/scim/v2/acme/ServiceProviderConfig');
  });

  test('defaults maxResults', () => {
    expect(serviceProviderConfig().filter.maxResults).toBeGreaterThan(0);
  });
});

describe('resourceTypes', () => {
  test('User with enterprise extension and Group', () => {
    const types = resourceTypes(BASE);

    for (const type of types) expect(ResourceTypeSchema.parse(type)).toEqual(type);
    expect(types.map((type) => [type.id, type.endpoint, type.schema])).toEqual([
      ['User', '/Users', SCHEMAS.coreUser],
      ['Group', '/Groups', SCHEMAS.group],
    ]);
    expect(types[0]?.schemaExtensions).toEqual([
      { schema: SCHEMAS.enterpriseUser, required: false },
    ]);
    expect(types[1]?.meta?.location).toBe('http://127.0.0.1:3000/scim/v2/acme/ResourceTypes/Group');
  });
});

describe('schemaDocuments', () => {
  test('User, enterprise and Group schemas', () => {
    const documents = schemaDocuments(BASE);

    for (const document of documents)
      expect(SchemaDefinitionSchema.parse(document)).toEqual(document);
    expect(documents.map((document) => document.id)).toEqual([
      SCHEMAS.coreUser,
      SCHEMAS.enterpriseUser,
      SCHEMAS.group,
    ]);
    expect(documents[0]?.meta?.location).toBe(
      `http://127.0.0.1:3000/scim/v2/acme/Schemas/${SCHEMAS.coreUser}`,
    );
  });

  test('userName is required and unique', () => {
    const userName = schemaDocuments(BASE)[0]?.attributes.find(
      (attribute) => attribute.name === 'userName',
    );

    expect(userName).toMatchObject({
      required: true,
      caseExact: false,
      uniqueness: 'server',
      type: 'string',
    });
  });

  test('documents are copies of the catalogue', () => {
    const [user] = schemaDocuments(BASE);
    user?.attributes.pop();

    expect(
      ATTRIBUTE_CATALOGUE.user.attributes.some(
        (attribute) => attribute.name === 'x509Certificates',
      ),
    ).toBe(true);
  });
});

describe('ATTRIBUTE_CATALOGUE', () => {
  test('password is write-only and never returned', () => {
    const password = ATTRIBUTE_CATALOGUE.user.attributes.find(
      (attribute) => attribute.name === 'password',
    );

    expect(password).toMatchObject({ mutability: 'writeOnly', returned: 'never' });
  });

  test('every schema is valid', () => {
    for (const schema of Object.values(ATTRIBUTE_CATALOGUE)) {
      expect(SchemaDefinitionSchema.safeParse(schema).success).toBe(true);
    }
  });
});

describe('ScimError', () => {
  test('toJSON gives the RFC 7644 error body', () => {
    const body = scimErrors.invalidFilter('Unknown operator').toJSON();

    expect(ErrorSchema.parse(body)).toEqual(body);
    expect(body).toEqual({
      schemas: [SCHEMAS.error],
      status: '400',
      scimType: 'invalidFilter',
      detail: 'Unknown operator',
    });
  });

  test('omits scimType when none applies', () => {
    expect(scimErrors.notFound('User u1 not found').toJSON()).toEqual({
      schemas: [SCHEMAS.error],
      status: '404',
      detail: 'User u1 not found',
    });
  });

  test.each([
    ['invalidFilter', 400],
    ['invalidSyntax', 400],
    ['invalidValue', 400],
    ['invalidPath', 400],
    ['noTarget', 400],
    ['mutability', 400],
    ['uniqueness', 409],
    ['notFound', 404],
    ['unauthorized', 401],
  ] as const)('%s maps to %i', (code, status) => {
    const error = scimErrors[code]('detail');

    expect(error).toBeInstanceOf(ScimError);
    expect(error).toBeInstanceOf(Error);
    expect(error.status).toBe(status);
  });
});
