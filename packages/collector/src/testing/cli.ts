// Runs the real `pulse` command from source in a child process, for CLI and crash tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const packageDir = fileURLToPath(new URL('../..', import.meta.url));
const cli = fileURLToPath(new URL('../cli.ts', import.meta.url));

export function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', cli, ...args], { cwd: packageDir, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Starts `pulse start` with the given flags and resolves once it printed the address it listens on. */
export function startCliServer(args: string[]): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', cli, 'start', '--port', '0', ...args], { cwd: packageDir });
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        child.stdout!.off('data', onData);
        // Drained from here on: a child whose pipe fills up blocks on its next write.
        child.stdout!.resume();
        resolve({ child, url: match[1]! });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk) => (output += chunk));
    child.on('exit', (code) => reject(new Error(`pulse start exited with ${code}: ${output}`)));
  });
}

/** Stops the servers still running (SIGTERM) and waits for each to exit. */
export async function stopCliServers(children: ChildProcess[]): Promise<void> {
  await Promise.all(children.filter((child) => child.exitCode === null && child.signalCode === null).map((child) => (child.kill('SIGTERM'), once(child, 'exit'))));
}

/** Posts a batch to a collector's /v1/events: true when it was acknowledged, false when refused or cut off (a collector killed mid-request). */
async function postBatch(url: string, body: unknown, agent: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/v1/events`, { method: 'POST', headers: { 'user-agent': agent }, body: JSON.stringify(body) });
    return response.status === 200;
  } catch {
    return false;
  }
}

/**
 * Posts a batch to the live collectors in turn, starting at the `turn`-th, until one acknowledges it,
 * as the SDK's queue sends it again after a refusal or a collector that went away.
 */
export async function postUntilAcknowledged(live: () => string[], body: unknown, agent: string, turn = 0): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const urls = live();
    if (await postBatch(urls[(turn + attempt) % urls.length]!, body, agent)) return;
    if (attempt >= 20) throw new Error(`a batch was refused by every collector: ${JSON.stringify(body).slice(0, 200)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
