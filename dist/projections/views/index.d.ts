export * from './key-catalogue.ts';
export * from './key-usage.ts';
export * from './stream-heads.ts';
export * from './key-policies.ts';
import type { View } from '../view.ts';
export declare const allViews: readonly View[];
