import * as E from 'fp-ts/lib/Either.js';
import { keyNotFound, rejected, stateModifiedFailed } from "../errors.js";
import { OPERATIONS } from "../operations/catalogue.js";
/**
 * Each API action's gate, read off the catalogue of operations (domain/operations/catalogue.ts), where each is
 * declared; RotateKey (the scheduler's command, no API action) keeps its row as the API reference lists it.
 */
export const ACTION_GATES = Object.fromEntries(Object.values(OPERATIONS).filter((o) => o.surface === 'api' || o.name === 'RotateKey').map((o) => [o.name, o.gate]));
export const checkGate = (gate, s) => {
    if (!s.created || s.status === 'Deleted')
        return E.left(keyNotFound(s.keyId));
    const st = s.status;
    switch (gate) {
        case 'any':
            return E.right(s);
        case 'usable':
            if (st === 'Disabled')
                return E.left(rejected('Rejected.Disabled', 'S-6.2: the key is disabled.'));
            if (st === 'PendingDeletion')
                return E.left(rejected('Rejected.PendingDeletion', 'S-8.3: the key is pending deletion.'));
            if (st === 'PendingImport')
                return E.left(rejected('Rejected.PendingImport', 'The key is waiting for its key material.'));
            return E.right(s);
        case 'editable':
            return st === 'PendingDeletion' ? E.left(rejected('Rejected.PendingDeletion', 'The key is pending deletion.')) : E.right(s);
        case 'toggle':
            return st === 'PendingDeletion' || st === 'PendingImport' ? E.left(stateModifiedFailed(`The key is ${st}.`)) : E.right(s);
        case 'schedulable':
            return st === 'PendingDeletion' ? E.left(stateModifiedFailed('The key is already pending deletion.')) : E.right(s);
        case 'cancellable':
            return st === 'PendingDeletion' ? E.right(s) : E.left(stateModifiedFailed('Only a key pending deletion can have its deletion cancelled.'));
    }
};
/** The gate of an API action; actions not in the table need only an existing key. */
export const checkActionAllowed = (action, s) => checkGate(ACTION_GATES[action] ?? 'any', s);
