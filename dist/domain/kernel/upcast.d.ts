import type { RecordedEvent } from './envelope.ts';
/**
 * Every event is written with `metadata.schemaVersion` (1 when absent). Stored types are never renamed
 * (docs/architecture.md §3): when a shape changes, bump its version in CURRENT_SCHEMA_VERSIONS and add an upcaster
 * `'<Type>@<old version>'` that turns the old data into the next version's shape.
 */
export declare const CURRENT_SCHEMA_VERSIONS: Readonly<Record<string, number>>;
export declare const schemaVersionOf: (type: string) => number;
export declare const upcast: (r: Pick<RecordedEvent, "type" | "data" | "metadata">) => {
    type: string;
    data: unknown;
};
