import type { FilterExpression } from '@scimflow/scim';

/**
 * The domain names WSO2 gives its primary user store. A secondary store's domain is kept,
 * because `SECONDARY/ines` and `ines` are different users there.
 */
const PRIMARY_DOMAINS = new Set(['primary', 'default']);

/**
 * Returns a copy of a user filter with the primary user-store domain (`PRIMARY/`, `DEFAULT/`)
 * removed from its `userName eq` value. Returns undefined when no such comparison sits at the top
 * or inside `and`.
 *
 * WSO2 Identity Server's SCIM2 connector looks users up by `userName Eq <name>` before every
 * update and delete, and the name may still carry the domain while the create sent it without.
 * Callers try the filter as sent first, so a userName that really contains "/" still wins.
 */
export function withoutUserStoreDomain(filter: FilterExpression): FilterExpression | undefined {
  if (filter.kind === 'and') {
    const left = withoutUserStoreDomain(filter.left);
    if (left !== undefined) return { ...filter, left };

    const right = withoutUserStoreDomain(filter.right);
    return right === undefined ? undefined : { ...filter, right };
  }

  if (filter.kind !== 'compare' || filter.operator !== 'eq') return undefined;
  if (filter.path.attribute.toLowerCase() !== 'username' || filter.path.subAttribute !== undefined)
    return undefined;

  const text = filter.raw ?? filter.value;
  if (typeof text !== 'string') return undefined;

  const name = withoutPrimaryDomain(text);
  if (name === undefined) return undefined;

  const { raw: _raw, ...comparison } = filter;
  return { ...comparison, value: name };
}

/** Returns `PRIMARY/ines` or `DEFAULT/ines` as `ines`, and undefined for any other name. */
export function withoutPrimaryDomain(userName: string): string | undefined {
  const slash = userName.indexOf('/');
  if (slash === userName.length - 1) return undefined;
  if (!PRIMARY_DOMAINS.has(userName.slice(0, slash).toLowerCase())) return undefined;

  return userName.slice(slash + 1);
}
