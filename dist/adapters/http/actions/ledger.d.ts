import { type ActionTable } from './action.ts';
/**
 * What one keyledger call may read from the event store. Beyond, a clear error names the CLI, which reads the
 * store directly (`keyledger audit history`, `keyledger report`) and is not exposed to the network.
 */
export declare const HISTORY_WINDOW = 10000;
export declare const ALIAS_SCAN_LIMIT = 50000;
export declare const REPORT_EVENT_LIMIT = 200000;
export declare const ledgerActions: ActionTable;
