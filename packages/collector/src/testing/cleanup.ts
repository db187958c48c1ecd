// Closes the stores a test file left open and removes its temporary database folders, after its own afterAll hooks.
import { afterAll } from 'vitest';
import { removeTempDirs } from './events.js';
import { closeTestStores } from './backend.js';

afterAll(async () => {
  await closeTestStores();
  removeTempDirs();
});
