/**
 * Every event is written with `metadata.schemaVersion` (1 when absent). Stored types are never renamed
 * (docs/architecture.md §3): when a shape changes, bump its version in CURRENT_SCHEMA_VERSIONS and add an upcaster
 * `'<Type>@<old version>'` that turns the old data into the next version's shape.
 */
export const CURRENT_SCHEMA_VERSIONS = {};
export const schemaVersionOf = (type) => CURRENT_SCHEMA_VERSIONS[type] ?? 1;
const UPCASTERS = {};
export const upcast = (r) => {
    let version = r.metadata.schemaVersion ?? 1;
    let data = r.data;
    for (let up = UPCASTERS[`${r.type}@${version}`]; up && typeof data === 'object' && data !== null; up = UPCASTERS[`${r.type}@${version}`]) {
        data = up(data);
        version++;
    }
    return { type: r.type, data };
};
