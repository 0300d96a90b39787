export { DoubleLog, type DoubleRecord } from './log.ts'
export { startEsdbDouble, type EsdbDouble, type EsdbDoubleOptions } from './server.ts'
