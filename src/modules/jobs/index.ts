export type { EnqueueOptions, JobContext, JobHandler, JobPayload, JobStatus } from './jobs.js';
export { retryDelayMs } from './jobs.js';
export { createJobQueue, type JobQueue, type JobQueueDeps, type RunReport } from './jobs.service.js';
export { Scheduler, type ScheduledTask, type SchedulerOptions } from './scheduler.js';
