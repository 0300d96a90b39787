import { type ActionTable } from './action.ts';
export declare const policyActions: ActionTable;
