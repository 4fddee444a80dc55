// Starts the simulator for a person or a script: `tsx test/simulator/cli.ts [--port N]` (or SIM_PORT).

import { startSimulator } from './server.js';

const DEFAULT_PORT = 8127;

function portFromArgs(argv: string[]): number {
  const flag = argv.indexOf('--port');
  const raw = flag >= 0 ? argv[flag + 1] : process.env.SIM_PORT;
  if (raw === undefined || raw === '') return DEFAULT_PORT;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`Invalid port "${raw}"; use --port N or SIM_PORT=N with 0…65535.`);
    process.exit(2);
  }
  return port;
}

const sim = await startSimulator({ port: portFromArgs(process.argv.slice(2)) });
console.log(`MBI simulator listening on ${sim.url}`);
console.log(`Control page: ${sim.url}/__sim/`);
console.log(`Sign in:      ${sim.url}/v2/session/create`);

const stop = (signal: string): void => {
  console.log(`\n${signal}: stopping the MBI simulator`);
  void sim.close().then(() => process.exit(0));
};
process.once('SIGINT', () => stop('SIGINT'));
process.once('SIGTERM', () => stop('SIGTERM'));
