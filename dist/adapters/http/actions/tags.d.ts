import { type ActionTable } from './action.ts';
export declare const tagActions: ActionTable;
