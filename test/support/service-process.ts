/** The tests' entry point to the processes the tests and the bench share (support/processes.ts). */
export {
  freePort,
  PORT_VARIABLE,
  REPO_ROOT,
  randomPrefix,
  type ServiceName,
  type ServiceProcess,
  startService,
  stopRunning,
} from '../../support/processes.js';
