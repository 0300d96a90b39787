import type { View } from '../view.ts';
export declare const POLICY_KEYS = "policy_keys";
export declare const POLICY_HISTORY = "policy_history";
/** Keys outside any instance (the region's default key) share one pool per account. */
export declare const policyPoolOf: (instanceId: string | null, accountId: string) => string;
export declare const keyPoliciesView: View;
