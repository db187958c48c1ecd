// Removes the temporary database folders a test file made, after its own afterAll hooks have closed them.
import { afterAll } from 'vitest';
import { removeTempDirs } from './events.js';

afterAll(removeTempDirs);
