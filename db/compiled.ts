import type { Compilable, CompiledQuery, Kysely, QueryResult } from 'kysely';
import type { DB } from './schema';

const MARK = '\u0000keel:';

/**
 * A query built and compiled by kysely once, then run with new values: for the
 * hot reads whose cost would otherwise be mostly kysely building the same SQL
 * again. `value(name)` marks where a run's value goes.
 */
export function compiledOnce<Row, Values extends Record<string, unknown>>(build: (db: Kysely<DB>, value: (name: keyof Values & string) => string) => Compilable<Row>) {
  let compiled: CompiledQuery<Row> | undefined;
  return (db: Kysely<DB>, values: Values): Promise<QueryResult<Row>> => {
    compiled ??= build(db, (name) => `${MARK}${name}`).compile();
    const parameters = compiled.parameters.map((p) => (typeof p === 'string' && p.startsWith(MARK) ? values[p.slice(MARK.length)] : p));
    return db.executeQuery({ ...compiled, parameters });
  };
}
