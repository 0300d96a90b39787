import type { View } from '../view.ts';
export declare const STREAM_HEADS = "audit_stream_heads";
export declare const streamHeadsView: View;
