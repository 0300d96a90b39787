/** The real clock: the only place the server reads the time of day (domain/ports/clock.ts is the port). */
export const systemClock = { now: () => new Date() };
