/** Time enters the system through this port only (DESIGN §4): specs drive it, `domain/` never reads a clock. */
export interface Clock {
  now(): Date
}
