export { startScheduler, type Scheduler, type SchedulerOptions } from './scheduler';
