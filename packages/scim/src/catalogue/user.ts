import { SCHEMAS } from '../urns.js';
import type { SchemaDefinition } from '../schemas/discovery.js';
import { attribute, multiValuedSubAttributes, subAttribute } from './define.js';

/** The core User schema (RFC 7643 §4.1 and §8.7.1). */
export const USER_SCHEMA: SchemaDefinition = {
  id: SCHEMAS.coreUser,
  name: 'User',
  description: 'User Account',
  attributes: [
    attribute('userName', 'Unique identifier for the User, typically used to sign in. Required.', {
      required: true,
      uniqueness: 'server',
    }),
    attribute('name', "The components of the user's real name.", {
      type: 'complex',
      subAttributes: [
        subAttribute('formatted', 'The full name, formatted for display.'),
        subAttribute('familyName', 'The family name, or last name.'),
        subAttribute('givenName', 'The given name, or first name.'),
        subAttribute('middleName', 'The middle name.'),
        subAttribute('honorificPrefix', "The honorific prefix or title, such as 'Ms.'."),
        subAttribute('honorificSuffix', "The honorific suffix, such as 'III'."),
      ],
    }),
    attribute('displayName', 'The name of the User, suitable for display to end users.'),
    attribute('nickName', 'The casual way to address the user.'),
    attribute('profileUrl', "A URL to the user's online profile.", {
      type: 'reference',
      referenceTypes: ['external'],
    }),
    attribute('title', "The user's title, such as 'Vice President'."),
    attribute(
      'userType',
      "The relationship between the organization and the user, such as 'Employee'.",
    ),
    attribute(
      'preferredLanguage',
      "The user's preferred written or spoken language, such as 'en-US'.",
    ),
    attribute('locale', "The user's default location for localizing dates, currency and numbers."),
    attribute('timezone', "The user's time zone in IANA format, such as 'Europe/Berlin'."),
    attribute('active', "The user's administrative status. False means deactivated.", {
      type: 'boolean',
    }),
    attribute('password', "The user's clear-text password. Write-only: never returned.", {
      mutability: 'writeOnly',
      returned: 'never',
    }),
    attribute('emails', 'Email addresses of the user.', {
      multiValued: true,
      type: 'complex',
      subAttributes: multiValuedSubAttributes('email address', ['work', 'home', 'other']),
    }),
    attribute('phoneNumbers', 'Phone numbers of the user.', {
      multiValued: true,
      type: 'complex',
      subAttributes: multiValuedSubAttributes('phone number', [
        'work',
        'home',
        'mobile',
        'fax',
        'pager',
        'other',
      ]),
    }),
    attribute('ims', 'Instant messaging addresses of the user.', {
      multiValued: true,
      type: 'complex',
      subAttributes: multiValuedSubAttributes('instant messaging address', [
        'aim',
        'gtalk',
        'icq',
        'xmpp',
        'msn',
        'skype',
        'qq',
        'yahoo',
      ]),
    }),
    attribute('photos', 'URLs of images of the user.', {
      multiValued: true,
      type: 'complex',
      subAttributes: multiValuedSubAttributes('photo URL', ['photo', 'thumbnail']),
    }),
    attribute('addresses', 'Physical mailing addresses of the user.', {
      multiValued: true,
      type: 'complex',
      subAttributes: [
        subAttribute('formatted', 'The full mailing address, formatted for display.'),
        subAttribute(
          'streetAddress',
          'The street address, including house number and street name.',
        ),
        subAttribute('locality', 'The city or locality.'),
        subAttribute('region', 'The state or region.'),
        subAttribute('postalCode', 'The zip code or postal code.'),
        subAttribute('country', 'The country name in ISO 3166-1 alpha-2 code format.'),
        subAttribute('type', "A label indicating the address's function.", {
          canonicalValues: ['work', 'home', 'other'],
        }),
        subAttribute('primary', 'Whether this is the preferred mailing address.', {
          type: 'boolean',
        }),
      ],
    }),
    attribute(
      'groups',
      'The groups the user belongs to, maintained by the service provider through Group membership.',
      {
        multiValued: true,
        type: 'complex',
        mutability: 'readOnly',
        subAttributes: [
          subAttribute('value', "The group's id.", { mutability: 'readOnly' }),
          subAttribute('$ref', 'The URI of the Group resource.', {
            type: 'reference',
            referenceTypes: ['Group'],
            mutability: 'readOnly',
          }),
          subAttribute('display', "The group's display name.", { mutability: 'readOnly' }),
          subAttribute('type', "The membership type: 'direct' or 'indirect'.", {
            canonicalValues: ['direct', 'indirect'],
            mutability: 'readOnly',
          }),
        ],
      },
    ),
    attribute('entitlements', 'Entitlements of the user.', {
      multiValued: true,
      type: 'complex',
      subAttributes: multiValuedSubAttributes('entitlement', []),
    }),
    attribute('roles', 'Roles of the user.', {
      multiValued: true,
      type: 'complex',
      subAttributes: multiValuedSubAttributes('role', []),
    }),
    attribute('x509Certificates', 'X.509 certificates of the user, base64-encoded DER.', {
      multiValued: true,
      type: 'complex',
      subAttributes: multiValuedSubAttributes('certificate', []).map((definition) =>
        definition.name === 'value' ? { ...definition, type: 'binary' as const } : definition,
      ),
    }),
  ],
};

/** The Enterprise User extension schema (RFC 7643 §4.3 and §8.7.1). */
export const ENTERPRISE_USER_SCHEMA: SchemaDefinition = {
  id: SCHEMAS.enterpriseUser,
  name: 'EnterpriseUser',
  description: 'Enterprise User',
  attributes: [
    attribute(
      'employeeNumber',
      'A string identifier, typically numeric or alphanumeric, assigned to a person by the organization.',
    ),
    attribute('costCenter', 'The name of a cost center.'),
    attribute('organization', 'The name of an organization.'),
    attribute('division', 'The name of a division.'),
    attribute('department', 'The name of a department.'),
    attribute('manager', "The user's manager.", {
      type: 'complex',
      subAttributes: [
        subAttribute('value', "The id of the manager's User resource."),
        subAttribute('$ref', "The URI of the manager's User resource.", {
          type: 'reference',
          referenceTypes: ['User'],
        }),
        subAttribute('displayName', "The manager's displayName.", { mutability: 'readOnly' }),
      ],
    }),
  ],
};
