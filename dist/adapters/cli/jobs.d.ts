import { Command } from 'commander';
import { type SchedulerStatus } from '../scheduler/job-status.ts';
export declare const renderStatus: (s: SchedulerStatus) => string;
export declare const registerJobs: (program: Command) => void;
