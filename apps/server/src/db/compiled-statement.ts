import type BetterSqlite3 from 'better-sqlite3';
import type { Compilable, Kysely } from 'kysely';

// A parameter placeholder during compilation: a string no caller sends, so the compiled
// parameter list shows where each named parameter went.
const PARAMETER_MARK = '\u0000scimflow-parameter:';

/** A Kysely query compiled once and prepared once, run synchronously with named parameters. */
export interface CompiledStatement<P extends Record<string, unknown>> {
  readonly sql: string;
  run(params: P): BetterSqlite3.RunResult;
  get<R>(params: P): R | undefined;
  all<R>(params: P): R[];
}

/**
 * Compiles the query that `build` returns once and prepares its SQL on `sqlite`. `build`
 * receives `param(name)`, which stands for a value given later to `run`, `get` or `all`.
 * Kysely still writes the SQL, so the query stays portable; only the per-call compile and
 * the asynchronous round trip go away.
 *
 * Only call the statement while holding the database connection (see `WriteQueue`), because
 * better-sqlite3 runs it at once, outside Kysely's connection lock.
 */
export function compileStatement<P extends Record<string, unknown>>(
  sqlite: BetterSqlite3.Database,
  build: (param: <K extends keyof P & string>(name: K) => P[K]) => Compilable,
): CompiledStatement<P> {
  const compiled = build((name) => `${PARAMETER_MARK}${name}` as never).compile();

  // Each compiled parameter is either a named parameter or a constant of the query.
  const slots = compiled.parameters.map((value): { name: string } | { value: unknown } =>
    typeof value === 'string' && value.startsWith(PARAMETER_MARK)
      ? { name: value.slice(PARAMETER_MARK.length) }
      : { value },
  );
  const statement = sqlite.prepare(compiled.sql);
  const bind = (params: P): unknown[] =>
    slots.map((slot) => ('name' in slot ? params[slot.name] : slot.value));

  return {
    sql: compiled.sql,
    run: (params) => statement.run(...bind(params)),
    get: <R>(params: P) => statement.get(...bind(params)) as R | undefined,
    all: <R>(params: P) => statement.all(...bind(params)) as R[],
  };
}

/**
 * Runs synchronous reads on compiled statements while holding Kysely's connection. A read then
 * never returns the uncommitted rows of a Kysely transaction that waits between statements.
 */
export function readWithConnection<DB, T>(db: Kysely<DB>, read: () => T): Promise<T> {
  return db.connection().execute(async () => read());
}
