import * as E from 'fp-ts/lib/Either.js';
import { systemClock } from "../adapters/clock.js";
import { KeyService } from "../application/key-service.js";
import { DueKeysFeed } from "../adapters/scheduler/due-keys-feed.js";
import { statusFilePath } from "../adapters/scheduler/job-status.js";
import { keyRulesFor } from "../adapters/scheduler/rotation-unit.js";
import { Scheduler } from "../adapters/scheduler/scheduler.js";
/** Wires the scheduler for the composition root: the due-keys feed, a key service, the cron tasks, the status file. */
export const startScheduler = async (config) => {
    const rotationUnit = config.rotationUnit ?? 'day';
    const clock = config.clock ?? systemClock;
    // The scheduler's own key service: the same store, ids and material, with the rotation unit's rules.
    const keys = new KeyService(config.store, config.ids, config.material, keyRulesFor(rotationUnit));
    const dueKeys = DueKeysFeed.start(config.store, { rotationUnit, log: config.log });
    const created = Scheduler.create({
        deps: { keys, dueKeys, clock, ids: config.ids, log: config.log, ...(config.shredder ? { shredder: config.shredder } : {}), ...(config.importTokens ? { importTokens: config.importTokens } : {}), ...(config.checkpoints ? { checkpoints: config.checkpoints } : {}) },
        schedules: config.schedules, timezone: config.timezone, rotationUnit, statusFile: statusFilePath(config.dataDir),
    });
    if (E.isLeft(created)) {
        await dueKeys.stop();
        return created;
    }
    if (rotationUnit !== 'day')
        config.log.warn({ rotationUnit }, `scheduler: rotation intervals count ${rotationUnit}s instead of days (KMS_ROTATION_UNIT): for tests and demos only, never in production`);
    const scheduler = created.right;
    await scheduler.start();
    // Material a crash or a failed destroy left behind is shredded at start, not only at the first tick.
    if (config.shredder)
        scheduler.runSoon('shredDeletedMaterial');
    return E.right({
        scheduler, dueKeys,
        stop: async () => {
            await scheduler.stop();
            await dueKeys.stop();
        },
    });
};
