/** Time enters the system through this port only (docs/architecture.md §4): specs drive it, `domain/` never reads a clock. */
export interface Clock {
    now(): Date;
}
