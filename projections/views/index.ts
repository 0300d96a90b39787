export * from './key-catalogue.ts'
export * from './key-usage.ts'
export * from './stream-heads.ts'
export * from './key-policies.ts'
import { keyCatalogueView } from './key-catalogue.ts'
import { keyUsageView } from './key-usage.ts'
import { streamHeadsView } from './stream-heads.ts'
import { keyPoliciesView } from './key-policies.ts'
import type { View } from '../view.ts'

export const allViews: readonly View[] = [keyCatalogueView, keyUsageView, streamHeadsView, keyPoliciesView]
