/** A filter comparison operator (RFC 7644 §3.4.2.2), in lower case. */
export type CompareOperator = 'eq' | 'ne' | 'co' | 'sw' | 'ew' | 'gt' | 'ge' | 'lt' | 'le';

/** A literal on the right side of a comparison. */
export type FilterValue = string | number | boolean | null;

/**
 * An attribute path as written in a filter or PATCH path: an optional schema URN, the attribute,
 * an optional value filter (`emails[type eq "work"]`) and an optional sub-attribute. Names keep the
 * spelling of the input; lookups compare them case-insensitively.
 */
export interface AttributePath {
  schema?: string;
  attribute: string;
  valueFilter?: FilterExpression;
  subAttribute?: string;
}

/** A parsed SCIM filter. */
export type FilterExpression =
  | {
      kind: 'compare';
      path: AttributePath;
      operator: CompareOperator;
      value: FilterValue;
      /** The source text of an unquoted value, so string attributes compare against what was sent. */
      raw?: string;
    }
  | { kind: 'present'; path: AttributePath }
  | { kind: 'and' | 'or'; left: FilterExpression; right: FilterExpression }
  | { kind: 'not'; expression: FilterExpression }
  | { kind: 'valuePath'; path: AttributePath; filter: FilterExpression };

/** Writes an attribute path back in filter syntax, for messages. */
export function formatPath(path: AttributePath): string {
  const prefix = path.schema === undefined ? '' : `${path.schema}:`;
  const suffix = path.subAttribute === undefined ? '' : `.${path.subAttribute}`;
  return `${prefix}${path.attribute}${path.valueFilter === undefined ? '' : '[…]'}${suffix}`;
}
