import { classicError } from '../errors.js';
import type { DirectoryUser } from './model.js';

interface Term {
  field: string;
  operator: ':' | '=';
  value: string;
}

function fieldValue(user: DirectoryUser, field: string): string | undefined {
  switch (field.toLowerCase()) {
    case 'email':
      return user.primaryEmail;
    case 'givenname':
      return user.name.givenName;
    case 'familyname':
      return user.name.familyName;
    case 'name':
      return `${user.name.givenName} ${user.name.familyName}`;
    case 'issuspended':
      return String(user.suspended);
    case 'isadmin':
      return 'false';
    case 'orgunitpath':
      return user.orgUnitPath;
    default:
      return undefined;
  }
}

/**
 * Parses the `query` parameter of `users.list`: space-separated `field:value` (prefix match)
 * and `field=value` (exact match) terms, values optionally in single or double quotes, over
 * email, givenName, familyName, name, isSuspended, isAdmin and orgUnitPath.
 */
export function parseUserQuery(query: string | undefined): (user: DirectoryUser) => boolean {
  if (query === undefined || query.trim() === '') return () => true;

  const terms: Term[] = [];
  const termPattern = /(\w+)\s*([:=])\s*('[^']*'|"[^"]*"|\S+)/g;
  let consumed = '';
  for (const match of query.matchAll(termPattern)) {
    const [, field, operator, raw] = match;
    const value = raw!.replace(/^['"]|['"]$/g, '');
    terms.push({ field: field!, operator: operator as ':' | '=', value });
    consumed += match[0];
  }
  if (terms.length === 0 || consumed.replace(/\s/g, '') !== query.replace(/\s/g, '')) {
    throw classicError(400, 'Invalid Input', 'invalid');
  }

  return (user) =>
    terms.every((term) => {
      const actual = fieldValue(user, term.field)?.toLowerCase();
      if (actual === undefined) return false;
      const expected = term.value.toLowerCase().replace(/\*$/, '');
      return term.operator === '=' ? actual === expected : actual.startsWith(expected);
    });
}
