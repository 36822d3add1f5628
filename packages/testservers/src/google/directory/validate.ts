import { classicError } from '../errors.js';

const maxNameLength = 60;

function invalid(message: string) {
  return classicError(400, message, 'invalid');
}

/** Checks one part of `name` as Google does: present, a string, at most 60 characters. */
export function checkNamePart(value: unknown, part: 'GivenName' | 'FamilyName'): string {
  if (typeof value !== 'string' || value.trim() === '' || value.length > maxNameLength) {
    throw invalid(`Invalid Given/Family Name: ${part}`);
  }
  return value;
}

const hashPatterns: Record<string, RegExp> = {
  MD5: /^[0-9a-f]{32}$/i,
  'SHA-1': /^[0-9a-f]{40}$/i,
  crypt: /^(\$(1|5|6)\$(rounds=\d+\$)?[./0-9A-Za-z]{1,16}\$[./0-9A-Za-z]+|[./0-9A-Za-z]{13})$/,
};

/**
 * Checks a password: 8 to 100 ASCII characters, or a valid hash when `hashFunction` is
 * MD5, SHA-1 or crypt.
 */
export function checkPassword(password: unknown, hashFunction: unknown): void {
  if (typeof password !== 'string') throw invalid('Invalid Password');

  if (hashFunction !== undefined && hashFunction !== null) {
    const pattern = typeof hashFunction === 'string' ? hashPatterns[hashFunction] : undefined;
    if (pattern === undefined) throw invalid('Invalid Input: hashFunction');
    if (!pattern.test(password)) throw invalid('Invalid Password');
    return;
  }

  const ascii = /^[\x20-\x7e]*$/.test(password);
  if (!ascii || password.length < 8 || password.length > 100) throw invalid('Invalid Password');
}

/** Checks an email's syntax and returns it in lower case, as Google stores primary emails. */
export function checkEmail(value: unknown): string {
  if (typeof value !== 'string' || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value)) {
    throw invalid('Invalid Input: primary_user_email');
  }
  return value.toLowerCase();
}

export function checkOrgUnitPath(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/'))
    throw invalid('Invalid Input: INVALID_OU_ID');
  return value;
}

export function checkBoolean(value: unknown, field: string): boolean {
  if (typeof value !== 'boolean') throw invalid(`Invalid Input: ${field}`);
  return value;
}
