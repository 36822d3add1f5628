/**
 * Tables of flows and their published versions. They are merged into the server's `Database`
 * type here, so that the flows area owns its schema next to its migration (`0100_flows`).
 */
export interface FlowTable {
  id: string;
  name: string;
  /** `name` in lower case; a unique index on it makes flow names unique case-insensitively. */
  name_lower: string;
  description: string;
  /** 1 when published versions of the flow run on live events, 0 when they do not. */
  enabled: number;
  /** The draft FlowDocument as JSON, without `id`. The designer edits it, and live events never run it. */
  draft: string;
  created_at: string;
  updated_at: string;
}

/** One published version of a flow. `version` counts up from 1 per flow. */
export interface FlowVersionTable {
  flow_id: string;
  version: number;
  /** The FlowDocument as JSON, as it was when published. */
  document: string;
  note: string;
  /** User name of the admin who published it. */
  published_by: string;
  published_at: string;
}

declare module '../db/schema.js' {
  interface Database {
    flows: FlowTable;
    flow_versions: FlowVersionTable;
  }
}
