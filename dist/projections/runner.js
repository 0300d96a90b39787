import * as E from 'fp-ts/lib/Either.js';
import { decodeRecorded } from "./projected-event.js";
export const planBatch = (views, checkpoints, events) => {
    const lowest = Math.min(...views.map((v) => checkpoints.get(v.name) ?? 0));
    const problems = [];
    const fresh = events.filter((e) => e.position > lowest);
    const decoded = fresh.map((r) => {
        const d = decodeRecorded(r);
        if (E.isLeft(d))
            problems.push(d.left);
        return { position: r.position, decoded: d };
    });
    const plans = views.map((v) => {
        const from = checkpoints.get(v.name) ?? 0;
        const ops = [];
        let checkpoint = from;
        for (const { position, decoded: d } of decoded) {
            // At-least-once delivery: an event at or below the checkpoint was already applied.
            if (position <= from)
                continue;
            if (E.isRight(d))
                ops.push(...v.project(d.right));
            checkpoint = Math.max(checkpoint, position);
        }
        return { view: v.name, ops, checkpoint };
    });
    return { views: plans, problems, applied: fresh.length };
};
