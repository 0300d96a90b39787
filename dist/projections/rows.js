// A SQL-backed view is a pure function from an event to row operations; an adapter applies them inside the
// same transaction as the view's checkpoint. Keeping the fold free of I/O makes it testable without a database
// and lets a rebuild replay exactly what live delivery did.
export const upsert = (table, row, merge) => merge ? { op: 'upsert', table, row, merge } : { op: 'upsert', table, row };
export const update = (table, where, set) => ({ op: 'update', table, where, set });
export const remove = (table, where) => ({ op: 'delete', table, where });
