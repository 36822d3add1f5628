/** One named step that rewrites a flow document from one format version to the next. */
export interface FlowMigration {
  /** Short name, shown in import reports: what the step changes. */
  name: string;
  from: number;
  to: number;
  /** Returns a rewritten copy; the input is a parsed JSON value and is never changed. */
  migrate(document: Record<string, unknown>): Record<string, unknown>;
}
