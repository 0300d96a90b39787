import type { KeyFilters } from '../../../projections/queries.ts';
import type { Decoded } from '../wire/fields.ts';
import type { Params } from '../wire/params.ts';
export declare const FILTER_NAMES: string[];
export interface ListKeysFilters {
    readonly filters: KeyFilters;
    /** False when a filter excludes every key this service can hold (CreatorType without User). */
    readonly anyMatch: boolean;
}
export declare const keyFilters: (p: Params) => Decoded<ListKeysFilters>;
