/**
 * A progress bar on stderr for work that runs in phases (plan, copy, verify…): each phase gets a fresh bar with
 * its own label and unit, so stdout stays the command's result alone.
 */
export declare const phasedProgressBar: <P extends string>(describe: (phase: P) => {
    label: string;
    unit: string;
}) => {
    update: (p: {
        phase: P;
        done: number;
        total: number;
    }) => void;
    stop: () => void;
};
