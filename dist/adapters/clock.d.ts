import type { Clock } from '../domain/ports/clock.ts';
/** The real clock: the only place the server reads the time of day (domain/ports/clock.ts is the port). */
export declare const systemClock: Clock;
