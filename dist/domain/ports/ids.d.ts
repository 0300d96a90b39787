/** Ids come in through a port so specs can make them predictable and `decide` stays free of randomness. */
export interface IdGenerator {
    keyId(): string;
    versionId(): string;
    eventId(): string;
    requestId(): string;
}
