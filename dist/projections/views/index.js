export * from "./key-catalogue.js";
export * from "./key-usage.js";
export * from "./stream-heads.js";
export * from "./key-policies.js";
import { keyCatalogueView } from "./key-catalogue.js";
import { keyUsageView } from "./key-usage.js";
import { streamHeadsView } from "./stream-heads.js";
import { keyPoliciesView } from "./key-policies.js";
export const allViews = [keyCatalogueView, keyUsageView, streamHeadsView, keyPoliciesView];
