import type { View } from '../view.ts';
export declare const USAGE_KEYS = "usage_keys";
export declare const USAGE_SERVICES = "usage_services";
export declare const USAGE_RESOURCES = "usage_resources";
export declare const USAGE_TRACKING = "usage_tracking";
/** Calls without a caller service (self-built applications, S-10.1) are grouped under this name. */
export declare const UNKNOWN_SERVICE = "";
export declare const keyUsageView: View;
