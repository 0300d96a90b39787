import { type ActionTable } from './action.ts';
export declare const aliasActions: ActionTable;
