import type { View } from '../view.ts';
export declare const KEYS = "catalogue_keys";
export declare const TAGS = "catalogue_tags";
export declare const VERSIONS = "catalogue_versions";
export declare const ALIASES = "catalogue_aliases";
export declare const keyCatalogueView: View;
