export { EsdbEventStore, openEsdbEventStore } from "./store.js";
export { SharedCommitPosition } from "./positions.js";
