import cliProgress from 'cli-progress';
/**
 * A progress bar on stderr for work that runs in phases (plan, copy, verify…): each phase gets a fresh bar with
 * its own label and unit, so stdout stays the command's result alone.
 */
export const phasedProgressBar = (describe) => {
    const bar = new cliProgress.SingleBar({ format: '{phase} [{bar}] {value}/{total} {unit} | {eta_formatted} left', stream: process.stderr, hideCursor: true }, cliProgress.Presets.shades_classic);
    let current;
    return {
        update: (p) => {
            const { label, unit } = describe(p.phase);
            const payload = { phase: label, unit };
            if (p.phase !== current) {
                if (current)
                    bar.stop();
                current = p.phase;
                bar.start(p.total, p.done, payload);
            }
            else
                bar.update(p.done, payload);
        },
        stop: () => {
            if (current)
                bar.stop();
            current = undefined;
        },
    };
};
