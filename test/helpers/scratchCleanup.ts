import { afterAll } from 'vitest';
import { removeScratchDirs } from './scratch';

// Registered before the file's own hooks, so it runs after them (vitest runs after-hooks last-registered first):
// servers and stores a file started are stopped before their folders go. One run used to leave about 330 folders.
afterAll(removeScratchDirs);
