import * as t from 'io-ts';
export declare const parseInstant: (text: string) => Date | undefined;
/** The instant codec for wire and config boundaries: a string in, a Date out, anything else refused. */
export declare const Instant: t.Type<Date, string, unknown>;
